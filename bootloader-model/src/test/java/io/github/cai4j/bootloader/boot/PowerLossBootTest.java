package io.github.cai4j.bootloader.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.image.ImageEncryption;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.psa.flash.FaultInjectingFlash;
import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.flash.testing.PowerLossSweep;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MCUboot simulator's fault tests ({@code spec/mcuboot-psa.md} A6) on the model: an upgrade and a revert
 * are cut at every flash operation (and at random pairs of operations); after the reboot exactly one whole
 * image boots, the expected one, the trailers are as MCUboot leaves them, and the stored security counter
 * never exceeds the booted image's nor drops.
 */
class PowerLossBootTest {
    static final Set<FaultMode> POWER = EnumSet.of(FaultMode.POWER_LOSS_BEFORE, FaultMode.POWER_LOSS_AFTER,
            FaultMode.TORN_WRITE);

    /** A prepared device: v1 (counter 1) running, v2 (counter 2, encrypted) pending as a test upgrade. */
    static final class Scenario {
        final BootFixture f;
        final byte[] v1;
        final byte[] v2Plain;
        final byte[] pendingSnapshot;
        final byte[] testedSnapshot;

        Scenario(UpgradeMode mode) throws Exception {
            f = new BootFixture(mode, 1);
            v1 = BootFixture.image(1, 1);
            byte[] v2 = BootFixture.image(2, 2, true, BootFixture.SIGNER, List.of());
            v2Plain = ImageEncryption.decrypt(McubootImage.parse(v2), BootFixture.DEVICE.getPrivate()).bytes();
            MemoryFlash flash = f.freshFlash();
            BootControl ctl = f.control(flash);
            ctl.installPrimary(0, v1);
            assertTrue(f.bootloader(flash).boot().booted());
            ctl.installSecondary(0, v2);
            ctl.setPending(0, false);
            pendingSnapshot = flash.snapshot();
            assertTrue(f.bootloader(flash).boot().booted());
            testedSnapshot = flash.snapshot();
        }

        MemoryFlash pending() {
            return MemoryFlash.ofImage(BootFixture.GEOMETRY, pendingSnapshot);
        }

        MemoryFlash tested() {
            return MemoryFlash.ofImage(BootFixture.GEOMETRY, testedSnapshot);
        }

        byte[] primary(FlashDevice flash, int len) throws Exception {
            return flash.read(f.layout.image(0).primary().offset(), len);
        }

        /** After the recovery boot the new image runs under test (or permanently for overwrite-only). */
        void checkUpgraded(FlashDevice flash, List<String> acks) throws Exception {
            Bootloader bl = f.bootloader(flash);
            SlotTrailer.State before = f.control(flash).primaryState(0);
            if (f.mode != UpgradeMode.OVERWRITE_ONLY && !acks.contains("booted true")
                    && before.magic() == SlotTrailer.Magic.GOOD && before.copyDone() == SlotTrailer.Flag.SET
                    && before.imageOk() == SlotTrailer.Flag.UNSET) {
                // The swap had completed when power was lost, before the new image ran: as in MCUboot the
                // next boot treats it as an unconfirmed test and reverts.
                checkReverted(flash);
                return;
            }
            if (f.mode == UpgradeMode.OVERWRITE_ONLY || !acks.contains("booted true")) {
                BootResult r = bl.boot();
                assertTrue(r.booted(), () -> "no image boots: " + r.failure().orElse("") + " " + bl.log());
                assertEquals(2, r.images().get(0).version().major(), () -> "log " + bl.log());
                assertTrue(bl.securityCounters().read(0) <= r.images().get(0).securityCounter());
            }
            assertArrayEquals(v2Plain, primary(flash, v2Plain.length), "primary is not exactly the new image");
            BootControl ctl = f.control(flash);
            if (f.mode == UpgradeMode.OVERWRITE_ONLY) {
                assertEquals(2, bl.securityCounters().read(0));
                assertEquals(2, bl.boot().images().get(0).version().major());
                return;
            }
            assertEquals(1, bl.securityCounters().read(0), "a test image must not raise the counter");
            SlotTrailer.State pri = ctl.primaryState(0);
            assertEquals(SlotTrailer.Magic.GOOD, pri.magic());
            assertEquals(SlotTrailer.Flag.UNSET, pri.imageOk());
            assertEquals(SlotTrailer.Flag.SET, pri.copyDone());
            assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
            BootResult back = bl.boot();
            assertEquals(1, back.images().get(0).version().major(), "the untested image must revert");
            assertArrayEquals(v1, primary(flash, v1.length));
        }

        /** After the recovery boot the old image runs again, permanently. */
        void checkReverted(FlashDevice flash) throws Exception {
            Bootloader bl = f.bootloader(flash);
            BootResult r = bl.boot();
            assertTrue(r.booted(), () -> "no image boots: " + r.failure().orElse("") + " " + bl.log());
            assertEquals(1, r.images().get(0).version().major());
            assertArrayEquals(v1, primary(flash, v1.length), "primary is not exactly the old image");
            assertEquals(1, bl.securityCounters().read(0));
            SlotTrailer.State pri = f.control(flash).primaryState(0);
            assertEquals(SlotTrailer.Magic.GOOD, pri.magic());
            assertEquals(SlotTrailer.Flag.SET, pri.imageOk());
            assertEquals(SlotTrailer.Flag.SET, pri.copyDone());
            assertEquals(SlotTrailer.Magic.UNSET, f.control(flash).secondaryState(0).magic());
            assertEquals(1, bl.boot().images().get(0).version().major());
            byte[] sec = flash.read(f.layout.image(0).secondary().offset(), v2Plain.length);
            assertArrayEquals(v2Plain, ImageEncryption.decrypt(McubootImage.parse(sec),
                    BootFixture.DEVICE.getPrivate()).bytes(), "the new image is kept, re-encrypted");
        }
    }

    static void boot(FlashDevice flash, Scenario s, List<String> acks) throws Exception {
        BootResult r = s.f.bootloader(flash).boot();
        acks.add("booted " + r.booted());
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void upgradeCutAtEveryOperation(UpgradeMode mode) throws Exception {
        Scenario s = new Scenario(mode);
        PowerLossSweep.Result r = PowerLossSweep.run(s::pending, (flash, acks) -> boot(flash, s, acks),
                (flash, acks, cut) -> s.checkUpgraded(flash, acks), POWER);
        r.assertClean();
        assertTrue(r.operationsPerRun() > 10, "too few operations: " + r.operationsPerRun());
        assertEquals(r.operationsPerRun() * POWER.size(), r.cutsRun());
    }

    @ParameterizedTest
    @EnumSource(value = UpgradeMode.class, names = {"SWAP_SCRATCH", "SWAP_MOVE"})
    void revertCutAtEveryOperation(UpgradeMode mode) throws Exception {
        Scenario s = new Scenario(mode);
        PowerLossSweep.Result r = PowerLossSweep.run(s::tested, (flash, acks) -> boot(flash, s, acks),
                (flash, acks, cut) -> s.checkReverted(flash), POWER);
        r.assertClean();
        assertTrue(r.operationsPerRun() > 10);
        assertEquals(r.operationsPerRun() * POWER.size(), r.cutsRun());
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void randomPairsOfCuts(UpgradeMode mode) throws Exception {
        Scenario s = new Scenario(mode);
        Random rnd = new Random(mode.ordinal() + 77);
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (boolean revert : mode == UpgradeMode.OVERWRITE_ONLY ? new boolean[] {false}
                : new boolean[] {false, true}) {
            FaultInjectingFlash counting = new FaultInjectingFlash(revert ? s.tested() : s.pending());
            s.f.bootloader(counting).boot();
            long n = counting.operationCount();
            for (int i = 0; i < 25; i++) {
                MemoryFlash device = revert ? s.tested() : s.pending();
                long k1 = rnd.nextInt((int) n);
                long k2 = 1 + rnd.nextInt((int) Math.max(1, (n - k1) / 2 + 1));
                for (long k : new long[] {k1, k2}) {
                    FaultInjectingFlash cut = new FaultInjectingFlash(device);
                    cut.armFault(k, FaultMode.values()[rnd.nextInt(3)]);
                    try {
                        s.f.bootloader(cut).boot();
                    } catch (Exception expected) {
                        // the cut
                    }
                }
                try {
                    if (revert) {
                        s.checkReverted(device);
                    } else {
                        s.checkUpgraded(device, List.of());
                    }
                } catch (Exception | AssertionError e) {
                    failures.add((revert ? "revert" : "upgrade") + " cut at " + k1 + "," + k2 + ": " + e);
                }
                runs++;
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(mode == UpgradeMode.OVERWRITE_ONLY ? 25 : 50, runs);
    }

    @ParameterizedTest
    @EnumSource(value = UpgradeMode.class, names = {"SWAP_SCRATCH", "SWAP_MOVE"})
    void confirmationCutNeverLowersOrSkipsTheCounter(UpgradeMode mode) throws Exception {
        Scenario s = new Scenario(mode);
        PowerLossSweep.Result r = PowerLossSweep.run(s::tested, (flash, acks) -> {
            s.f.control(flash).setConfirmed(0);
            acks.add("confirmed");
            s.f.bootloader(flash).boot();
            acks.add("booted");
        }, (flash, acks, cut) -> {
            Bootloader bl = s.f.bootloader(flash);
            BootResult b = bl.boot();
            assertTrue(b.booted());
            int major = b.images().get(0).version().major();
            long stored = bl.securityCounters().read(0);
            assertTrue(stored <= b.images().get(0).securityCounter(), "counter above the running image");
            if (acks.contains("confirmed")) {
                assertEquals(2, major, "a confirmed image must stay");
                assertEquals(2, stored, "confirmation raises the counter at the next boot");
            } else {
                assertTrue(major == 2 && stored == 2 || major == 1 && stored == 1, major + "/" + stored);
            }
        }, POWER);
        r.assertClean();
        assertTrue(r.cutsRun() >= 3);
    }
}

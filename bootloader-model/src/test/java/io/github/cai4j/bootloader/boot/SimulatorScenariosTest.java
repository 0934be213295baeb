package io.github.cai4j.bootloader.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import io.github.cai4j.psa.flash.MemoryFlash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The MCUboot simulator's single-boot scenarios ({@code sim/tests/core.rs}, A6). */
class SimulatorScenariosTest {

    static byte[] unsignedCounter(int major) throws ImageException {
        SignOptions o = SignOptions.builder().version(major + ".0.0").headerSize(0x80).padHeader(true).slotSize(0)
                .build();
        return new ImageSigner().sign(BootFixture.payload(major, 1200), o,
                ImageSigningKey.of(BootFixture.SIGNER.getPrivate(), BootFixture.SIGNER.getPublic()));
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void hwProtMissingAndFailedSecurityCounter(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        Bootloader bl = f.bootloader(flash);
        bl.securityCounters().raise(0, 30);
        f.control(flash).installPrimary(0, unsignedCounter(1));
        BootResult r = bl.boot();
        assertFalse(r.booted());
        assertTrue(r.failure().orElseThrow().contains("no security counter"));
        f.control(flash).installPrimary(0, BootFixture.image(1, 29));
        assertFalse(bl.boot().booted());
        assertEquals(30, bl.securityCounters().read(0), "counter unchanged");
        f.control(flash).installPrimary(0, BootFixture.image(1, 30));
        assertTrue(bl.boot().booted());
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void secondaryTrailerLeftoverIsErased(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        byte[] v1 = BootFixture.image(1, 1);
        ctl.installPrimary(0, v1);
        ctl.setPending(0, false); // a stale trailer over an erased secondary
        assertEquals(SlotTrailer.Magic.GOOD, ctl.secondaryState(0).magic());
        BootResult r = f.bootloader(flash).boot();
        assertEquals(1, r.images().get(0).version().major());
        assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
        assertArrayEquals(v1, flash.read(f.layout.image(0).primary().offset(), v1.length), "primary untouched");
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void oversizedSecondaryIsRejected(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        ctl.installPrimary(0, BootFixture.image(1, 1));
        SignOptions o = SignOptions.builder().version("2.0.0").headerSize(0x80).padHeader(true).slotSize(0)
                .securityCounter(2).build();
        byte[] big = new ImageSigner().sign(BootFixture.payload(2, bl.maxImageSize(0)), o,
                ImageSigningKey.of(BootFixture.SIGNER.getPrivate(), BootFixture.SIGNER.getPublic()));
        ctl.program(f.layout.image(0).secondary(), 0, java.util.Arrays.copyOf(big,
                Math.min(big.length, f.layout.image(0).secondary().size() - 512)));
        ctl.setPending(0, true);
        assertEquals(1, bl.boot().images().get(0).version().major());
        assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
    }

    @ParameterizedTest
    @EnumSource(value = UpgradeMode.class, names = {"SWAP_SCRATCH", "SWAP_MOVE"})
    void norevertNewimageAndBasicRevert(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        // an imgtool --pad --confirm image written straight to the primary: no swap, trailer kept
        SignOptions o = SignOptions.builder().version("1.0.0").headerSize(0x80).padHeader(true)
                .slotSize(f.layout.image(0).primary().size()).align(4).maxSectors(16).confirm(true)
                .securityCounter(1).build();
        byte[] padded = new ImageSigner().sign(BootFixture.payload(1, 1000), o,
                ImageSigningKey.of(BootFixture.SIGNER.getPrivate(), BootFixture.SIGNER.getPublic()));
        ctl.installPrimary(0, padded);
        SlotTrailer.State before = ctl.primaryState(0);
        assertEquals(SlotTrailer.Magic.GOOD, before.magic());
        assertEquals(SlotTrailer.Flag.SET, before.imageOk());
        BootResult r = bl.boot();
        assertEquals(SwapType.NONE, r.images().get(0).swapPerformed());
        assertEquals(before, ctl.primaryState(0));
        // basic_revert: test upgrades revert on every boot without confirmation
        ctl.installSecondary(0, BootFixture.image(2, 2));
        ctl.setPending(0, false);
        assertEquals(2, bl.boot().images().get(0).version().major());
        for (int boot = 0; boot < 3; boot++) {
            assertEquals(1, bl.boot().images().get(0).version().major());
        }
    }

    @Test
    void downgradePrevention() throws Exception {
        BootFixture f = new BootFixture(UpgradeMode.OVERWRITE_ONLY, 1);
        BootConfig cfg = BootConfig.builder(UpgradeMode.OVERWRITE_ONLY, f.config.keys()).downgradePrevention(true)
                .hwRollbackProtection(false).build();
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = new BootControl(flash, f.layout, cfg);
        Bootloader bl = new Bootloader(flash, f.layout, cfg);
        ctl.installPrimary(0, BootFixture.image(2, 2));
        ctl.installSecondary(0, BootFixture.image(1, 5));
        ctl.setPending(0, true);
        assertEquals(2, bl.boot().images().get(0).version().major());
        assertTrue(bl.log().stream().anyMatch(l -> l.contains("older than the running 2.0.0+0")), bl.log().toString());
        ctl.installSecondary(0, BootFixture.image(3, 1));
        ctl.setPending(0, true);
        assertEquals(3, bl.boot().images().get(0).version().major());
        assertThrows(IllegalArgumentException.class, () -> BootConfig.builder(UpgradeMode.SWAP_MOVE, f.config.keys())
                .downgradePrevention(true).build());
    }

    @Test
    void setPendingOnACorruptTrailerErasesTheSlot() throws Exception {
        BootFixture f = new BootFixture(UpgradeMode.SWAP_MOVE, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        FlashArea sec = f.layout.image(0).secondary();
        ctl.program(sec, sec.size() - 16, new byte[16]);
        BootException e = assertThrows(BootException.class, () -> ctl.setPending(0, false));
        assertEquals(BootException.EBADIMAGE, e.code());
        assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
        ctl.program(f.layout.image(0).primary(), sec.size() - 16, new byte[16]);
        assertEquals(BootException.EBADVECT, assertThrows(BootException.class, () -> ctl.setConfirmed(0)).code());
    }
}

package io.github.cai4j.bootloader.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageEncryption;
import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.TrustedKey;
import io.github.cai4j.psa.flash.MemoryFlash;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BootloaderTest {

    static int major(BootResult r, int image) {
        assertTrue(r.booted(), () -> r.failure().orElse(""));
        return r.images().get(image).version().major();
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void upgradeTestRevertConfirm(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        byte[] v1 = BootFixture.image(1, 1);
        byte[] v2 = BootFixture.image(2, 2);
        ctl.installPrimary(0, v1);
        BootResult r = bl.boot();
        assertEquals(1, major(r, 0));
        assertEquals(1, bl.securityCounters().read(0));
        BootMeasurement m = r.measurements().get(0);
        assertArrayEquals(McubootImage.parse(v1).computeSha256(), m.measurement());
        assertArrayEquals(TrustedKey.of(BootFixture.SIGNER.getPublic()).keyHash(), m.signerId());
        assertEquals("secure", m.type());

        ctl.installSecondary(0, v2);
        ctl.setPending(0, false);
        r = bl.boot();
        assertEquals(2, major(r, 0));
        if (mode == UpgradeMode.OVERWRITE_ONLY) {
            assertEquals(2, bl.securityCounters().read(0), "overwrite raises the counter at once");
            assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
            assertEquals(2, major(bl.boot(), 0));
            return;
        }
        assertEquals(SwapType.TEST, r.images().get(0).swapPerformed());
        SlotTrailer.State pri = ctl.primaryState(0);
        assertEquals(SlotTrailer.Magic.GOOD, pri.magic());
        assertEquals(SlotTrailer.Flag.UNSET, pri.imageOk());
        assertEquals(SlotTrailer.Flag.SET, pri.copyDone());
        assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
        assertEquals(1, bl.securityCounters().read(0), "a test image does not raise the counter");
        // old image now in the secondary
        assertArrayEquals(v1, Arrays.copyOf(flash.read(f.layout.image(0).secondary().offset(), v1.length), v1.length));

        r = bl.boot(); // not confirmed: revert
        assertEquals(1, major(r, 0));
        assertEquals(SwapType.REVERT, r.images().get(0).swapPerformed());
        pri = ctl.primaryState(0);
        assertEquals(SlotTrailer.Flag.SET, pri.imageOk());
        assertEquals(SlotTrailer.Flag.SET, pri.copyDone());
        assertEquals(1, major(bl.boot(), 0));

        ctl.setPending(0, false); // the new image is still in the secondary, but its trailer is gone
        assertEquals(SlotTrailer.Magic.GOOD, ctl.secondaryState(0).magic());
        r = bl.boot();
        assertEquals(2, major(r, 0));
        ctl.setConfirmed(0);
        r = bl.boot();
        assertEquals(2, major(r, 0));
        assertEquals(SwapType.NONE, r.images().get(0).swapPerformed());
        assertEquals(2, bl.securityCounters().read(0));
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void permanentUpgradeAndRollbackRefused(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        ctl.installPrimary(0, BootFixture.image(1, 5));
        assertEquals(1, major(bl.boot(), 0));
        ctl.installSecondary(0, BootFixture.image(2, 7));
        ctl.setPending(0, true);
        assertEquals(2, major(bl.boot(), 0));
        assertEquals(7, bl.securityCounters().read(0));
        ctl.installSecondary(0, BootFixture.image(3, 6)); // newer version, lower counter
        ctl.setPending(0, true);
        BootResult r = bl.boot();
        assertEquals(2, major(r, 0));
        assertTrue(bl.log().stream().anyMatch(l -> l.contains("below the stored 7")), bl.log().toString());
        assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
    }

    @Test
    void primaryBelowStoredCounterDoesNotBoot() throws Exception {
        BootFixture f = new BootFixture(UpgradeMode.OVERWRITE_ONLY, 1);
        MemoryFlash flash = f.freshFlash();
        Bootloader bl = f.bootloader(flash);
        bl.securityCounters().raise(0, 30);
        f.control(flash).installPrimary(0, BootFixture.image(1, 29));
        BootResult r = bl.boot();
        assertFalse(r.booted());
        assertTrue(r.failure().orElseThrow().contains("below the stored 30"));
        assertEquals(30, bl.securityCounters().read(0));
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void badCandidatesAreRefused(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        ctl.installPrimary(0, BootFixture.image(1, 1));
        byte[] flipped = BootFixture.image(2, 2);
        flipped[0x100] ^= 1;
        List<byte[]> bad = List.of(BootFixture.image(2, 2, false, BootFixture.OTHER, List.of()), flipped);
        int refused = 0;
        for (byte[] b : bad) {
            ctl.installSecondary(0, b);
            ctl.setPending(0, false);
            BootResult r = bl.boot();
            assertEquals(1, major(r, 0));
            assertEquals(SlotTrailer.Magic.UNSET, ctl.secondaryState(0).magic());
            refused++;
        }
        assertEquals(2, refused);
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void encryptedImagesAreDecryptedAndReEncrypted(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        byte[] v1 = BootFixture.image(1, 1);
        byte[] v2 = BootFixture.image(2, 2, true, BootFixture.SIGNER, List.of());
        McubootImage enc = McubootImage.parse(v2);
        McubootImage plain = ImageEncryption.decrypt(enc, BootFixture.DEVICE.getPrivate());
        assertFalse(Arrays.equals(enc.payload(), plain.payload()));
        ctl.installPrimary(0, v1);
        ctl.installSecondary(0, v2);
        ctl.setPending(0, false);
        assertEquals(2, major(bl.boot(), 0));
        byte[] primary = flash.read(f.layout.image(0).primary().offset(), v2.length);
        assertArrayEquals(plain.bytes(), primary, "primary holds the decrypted image");
        if (mode != UpgradeMode.OVERWRITE_ONLY) {
            assertEquals(1, major(bl.boot(), 0), "revert");
            byte[] sec = flash.read(f.layout.image(0).secondary().offset(), v2.length);
            McubootImage back = McubootImage.parse(sec);
            assertArrayEquals(enc.hashRegion().length, back.hashRegion().length);
            assertNotEquals(0, Arrays.compare(plain.payload(), back.payload()), "re-encrypted when swapped out");
            assertArrayEquals(plain.payload(),
                    ImageEncryption.decrypt(back, BootFixture.DEVICE.getPrivate()).payload());
        }
    }

    private static void assertArrayEquals(int a, int b) {
        assertEquals(a, b);
    }

    private static void assertArrayEquals(byte[] a, byte[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    private static void assertArrayEquals(byte[] a, byte[] b, String msg) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, msg);
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void multiImageDependencies(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 3);
        MemoryFlash flash = f.freshFlash();
        BootControl ctl = f.control(flash);
        Bootloader bl = f.bootloader(flash);
        for (int i = 0; i < 3; i++) {
            ctl.installPrimary(i, BootFixture.image(1, 1));
        }
        BootResult r = bl.boot();
        assertEquals(3, r.measurements().size());
        // image 2 (model) needs image 0 at 2.0.0: held back while image 0 stays at 1
        byte[] model = BootFixture.image(3, 3, false, BootFixture.SIGNER,
                List.of(new Dependency(0, ImageVersion.parse("2.0.0"))));
        ctl.installSecondary(2, model);
        ctl.setPending(2, true);
        r = bl.boot();
        assertEquals(1, major(r, 2));
        ctl.installSecondary(0, BootFixture.image(2, 2));
        ctl.setPending(0, true);
        r = bl.boot();
        assertEquals(2, major(r, 0));
        assertEquals(3, major(r, 2));
        assertEquals(1, major(r, 1));
    }
}

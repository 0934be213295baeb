package io.github.cai4j.bootloader.boot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.bootloader.FuzzKeys;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * Boots from an arbitrary flash image (first byte: upgrade mode; the rest: the flash). Whatever the
 * trailers, status entries, images and counters hold, a boot ends in a {@link BootResult}; a booted image
 * never has a security counter below the stored one.
 */
class BootFuzzTest {
    static final FlashGeometry GEOMETRY = new FlashGeometry(512, 20, 4);
    static final KeyPair SIGNER = FuzzKeys.SIGNER;
    static final KeyPair DEVICE = FuzzKeys.DEVICE;

    static FlashLayout layout(UpgradeMode mode) {
        FlashLayout.Builder b = FlashLayout.builder(GEOMETRY).image("secure", 8 * 512);
        if (mode == UpgradeMode.SWAP_SCRATCH) {
            b.scratch(512);
        }
        return b.counters(1024).build();
    }

    static BootConfig config(UpgradeMode mode) {
        return BootConfig.builder(mode, KeyTable.ofPublicKeys(SIGNER.getPublic())).encryptionKey(DEVICE.getPrivate())
                .maxImageSectors(16).build();
    }

    @FuzzTest(maxDuration = "60s")
    void bootArbitraryFlash(byte[] input) throws FlashException {
        UpgradeMode mode = UpgradeMode.values()[input.length == 0 ? 0 : (input[0] & 0xff) % 3];
        byte[] image = new byte[GEOMETRY.size()];
        Arrays.fill(image, (byte) 0xff);
        if (input.length > 1) {
            System.arraycopy(input, 1, image, 0, Math.min(input.length - 1, image.length));
        }
        MemoryFlash flash = MemoryFlash.ofImage(GEOMETRY, image);
        Bootloader bl = new Bootloader(flash, layout(mode), config(mode));
        long before = bl.securityCounters().read(0);
        BootResult r;
        try {
            r = bl.boot();
        } catch (FlashException e) {
            // a full counter area is reported by the flash layer; nothing else may escape
            if (!e.getMessage().contains("is full")) {
                throw e;
            }
            return;
        }
        long after = bl.securityCounters().read(0);
        if (after < before) {
            throw new AssertionError("stored counter dropped from " + before + " to " + after);
        }
        if (r.booted() && r.images().get(0).securityCounter() < before) {
            throw new AssertionError("booted an image below the stored counter");
        }
        if (r.booted()) {
            r = bl.boot();
            if (!r.booted() && !r.failure().orElse("").contains("below the stored")) {
                throw new AssertionError("a booted device does not boot again: " + r.failure());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void seedsBootTheirImages() throws Exception {
        int n = 0;
        for (UpgradeMode mode : UpgradeMode.values()) {
            for (String kind : new String[] {"pending", "midswap"}) {
                String name = mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + kind;
                try (java.io.InputStream in = getClass().getResourceAsStream(
                        "BootFuzzTestInputs/bootArbitraryFlash/" + name)) {
                    byte[] seed = in.readAllBytes();
                    MemoryFlash flash = MemoryFlash.ofImage(GEOMETRY, Arrays.copyOfRange(seed, 1, seed.length));
                    BootResult r = new Bootloader(flash, layout(mode), config(mode)).boot();
                    org.junit.jupiter.api.Assertions.assertTrue(r.booted(), name + ": " + r.failure());
                    org.junit.jupiter.api.Assertions.assertEquals(2, r.images().get(0).version().major(), name);
                    n++;
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(6, n);
    }
}

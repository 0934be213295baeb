package io.github.cai4j.bootloader.boot;

import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.KeyFiles;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.List;

/** Small flash, small images: keeps every power-loss sweep short. */
final class BootFixture {
    static final int SECTOR = 512;
    static final FlashGeometry GEOMETRY = new FlashGeometry(SECTOR, 56, 4);
    static final KeyPair SIGNER;
    static final KeyPair OTHER;
    static final KeyPair DEVICE;
    static final SecureRandom RANDOM = new SecureRandom();

    static {
        SIGNER = KeyFiles.generate(KeyFiles.KeyType.ECDSA_P256, RANDOM);
        OTHER = KeyFiles.generate(KeyFiles.KeyType.ECDSA_P256, RANDOM);
        DEVICE = KeyFiles.generate(KeyFiles.KeyType.ECDSA_P256, RANDOM);
    }

    final UpgradeMode mode;
    final FlashLayout layout;
    final BootConfig config;

    BootFixture(UpgradeMode mode, int images) {
        this.mode = mode;
        FlashLayout.Builder b = FlashLayout.builder(GEOMETRY);
        String[] names = {"secure", "non-secure", "model"};
        for (int i = 0; i < images; i++) {
            b.image(names[i], 8 * SECTOR);
        }
        if (mode == UpgradeMode.SWAP_SCRATCH) {
            b.scratch(SECTOR);
        }
        b.counters(2 * SECTOR);
        this.layout = b.build();
        this.config = BootConfig.builder(mode, KeyTable.ofPublicKeys(SIGNER.getPublic()))
                .encryptionKey(DEVICE.getPrivate()).maxImageSectors(16).build();
    }

    MemoryFlash freshFlash() {
        return new MemoryFlash(GEOMETRY);
    }

    static byte[] payload(int version, int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (i * 7 + version * 31);
        }
        return p;
    }

    /** An image of version {@code major}.0.0, security counter {@code counter}. */
    static byte[] image(int major, long counter, boolean encrypt, KeyPair key, List<Dependency> deps)
            throws ImageException {
        SignOptions.Builder o = SignOptions.builder().version(major + ".0.0").headerSize(0x80).padHeader(true)
                .slotSize(0).securityCounter(counter);
        if (encrypt) {
            o.encrypt((ECPublicKey) DEVICE.getPublic());
        }
        deps.forEach(o::dependency);
        return new ImageSigner(RANDOM).sign(payload(major, 1400 + major * 10), o.build(),
                ImageSigningKey.of(key.getPrivate(), key.getPublic()));
    }

    static byte[] image(int major, long counter) throws ImageException {
        return image(major, counter, false, SIGNER, List.of());
    }

    Bootloader bootloader(io.github.cai4j.psa.flash.FlashDevice flash) {
        return new Bootloader(flash, layout, config);
    }

    BootControl control(io.github.cai4j.psa.flash.FlashDevice flash) {
        return new BootControl(flash, layout, config);
    }
}

package io.github.cai4j.bootloader.boot;

import io.github.cai4j.bootloader.image.KeyTable;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * How the bootloader is built (the MCUboot configuration): upgrade mode, built-in keys, the device's
 * ECIES-P256 key for encrypted images (held by the boot stage only), hardware rollback protection,
 * BOOT_MAX_ALIGN, BOOT_MAX_IMG_SECTORS and the AES key size.
 */
public final class BootConfig {
    private final UpgradeMode mode;
    private final KeyTable keys;
    private final PrivateKey encryptionKey;
    private final boolean hwRollbackProtection;
    private final int maxAlign;
    private final int maxImageSectors;
    private final int aesKeyBytes;
    private final boolean downgradePrevention;

    private BootConfig(Builder b) {
        this.mode = b.mode;
        this.keys = b.keys;
        this.encryptionKey = b.encryptionKey;
        this.hwRollbackProtection = b.hwRollbackProtection;
        this.maxAlign = b.maxAlign;
        this.maxImageSectors = b.maxImageSectors;
        this.aesKeyBytes = b.aesKeyBytes;
        this.downgradePrevention = b.downgradePrevention;
    }

    /** MCUBOOT_DOWNGRADE_PREVENTION: an older version is never installed (overwrite-only). */
    public boolean downgradePrevention() {
        return downgradePrevention;
    }

    public static Builder builder(UpgradeMode mode, KeyTable keys) {
        return new Builder(mode, keys);
    }

    public UpgradeMode mode() {
        return mode;
    }

    public KeyTable keys() {
        return keys;
    }

    public Optional<PrivateKey> encryptionKey() {
        return Optional.ofNullable(encryptionKey);
    }

    public boolean hwRollbackProtection() {
        return hwRollbackProtection;
    }

    public int maxAlign() {
        return maxAlign;
    }

    public int maxImageSectors() {
        return maxImageSectors;
    }

    /** AES key size of encrypted images (16 = MCUBOOT_AES_128, 32 = AES-256); 0 without encryption. */
    public int aesKeyBytes() {
        return encryptionKey == null ? 0 : aesKeyBytes;
    }

    /** The trailer layout of a slot of {@code slotSize} bytes on a flash with {@code minWrite}. */
    public SlotTrailer trailer(int slotSize, int minWrite) {
        return new SlotTrailer(slotSize, maxAlign, minWrite, mode.statusStates(), maxImageSectors, aesKeyBytes());
    }

    @Override
    public String toString() {
        return "BootConfig[" + mode + ", " + keys.keys().size() + " keys, encryption "
                + (encryptionKey != null) + ", rollback protection " + hwRollbackProtection + "]";
    }

    /** Builder with TF-M-like defaults: rollback protection on, BOOT_MAX_ALIGN 8, 128 sectors, AES-128. */
    public static final class Builder {
        private final UpgradeMode mode;
        private final KeyTable keys;
        private PrivateKey encryptionKey;
        private boolean hwRollbackProtection = true;
        private int maxAlign = 8;
        private int maxImageSectors = 128;
        private int aesKeyBytes = 16;
        private boolean downgradePrevention;

        private Builder(UpgradeMode mode, KeyTable keys) {
            this.mode = mode;
            this.keys = keys;
        }

        /** Enables encrypted images (MCUBOOT_ENC_IMAGES with ECIES-P256). */
        public Builder encryptionKey(PrivateKey key) {
            this.encryptionKey = key;
            return this;
        }

        public Builder hwRollbackProtection(boolean v) {
            this.hwRollbackProtection = v;
            return this;
        }

        public Builder maxAlign(int v) {
            this.maxAlign = v;
            return this;
        }

        public Builder maxImageSectors(int v) {
            this.maxImageSectors = v;
            return this;
        }

        /** 16 (AES-128) or 32 (AES-256). */
        public Builder aesKeyBytes(int v) {
            if (v != 16 && v != 32) {
                throw new IllegalArgumentException("AES key size must be 16 or 32 bytes");
            }
            this.aesKeyBytes = v;
            return this;
        }

        /** MCUBOOT_DOWNGRADE_PREVENTION (software version check; only with overwrite-only, as in MCUboot). */
        public Builder downgradePrevention(boolean v) {
            this.downgradePrevention = v;
            return this;
        }

        public BootConfig build() {
            if (downgradePrevention && mode != UpgradeMode.OVERWRITE_ONLY) {
                throw new IllegalArgumentException("downgrade prevention works only with overwrite-only");
            }
            return new BootConfig(this);
        }
    }
}

package io.github.cai4j.storage;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.storage.internal.BankImage;
import java.util.Objects;

/**
 * Where a store lives and how much it may hold. The store's area is split into two banks (A/B copies of the
 * whole store); the limits must fit one bank, so a full store can always be rewritten into the other bank.
 *
 * <p>Limits and their statuses ({@code spec/mcuboot-psa.md} B5): an object larger than
 * {@link #maxObjectSize()} is refused with {@code PSA_ERROR_INVALID_ARGUMENT} (TF-M's {@code PS_MAX_ASSET_SIZE}
 * check); more than {@link #maxObjects()} objects, or more than {@link #maxTotalSize()} bytes in all, with
 * {@code PSA_ERROR_INSUFFICIENT_STORAGE}.
 */
public final class StorageConfig {
    private final FlashArea area;
    private final PlatformNvCounters counters;
    private final int maxObjects;
    private final int maxObjectSize;
    private final int maxTotalSize;
    private final boolean setExtendedSupported;
    private final TfmProfile profile;

    private StorageConfig(Builder b) {
        this.area = Objects.requireNonNull(b.area, "area");
        this.counters = Objects.requireNonNull(b.counters, "counters");
        if (area.overlaps(counters.area())) {
            throw new IllegalArgumentException(area + " overlaps the NV counters' " + counters.area());
        }
        if (area.sectorCount() % 2 != 0) {
            throw new IllegalArgumentException("a store's area needs an even number of sectors (two banks), got "
                    + area.sectorCount());
        }
        if (b.maxObjects < 1 || b.maxObjects > BankImage.MAX_ENTRIES) {
            throw new IllegalArgumentException("maxObjects must be 1.." + BankImage.MAX_ENTRIES);
        }
        if (b.maxObjectSize < 0) {
            throw new IllegalArgumentException("maxObjectSize must not be negative");
        }
        int bank = area.size() / 2;
        int fixed = BankImage.imageLength(b.maxObjects, 0, 32);
        int room = bank - fixed;
        if (room < 0) {
            throw new IllegalArgumentException("a bank of " + bank + " bytes cannot hold the table of "
                    + b.maxObjects + " objects");
        }
        int total = b.maxTotalSize < 0 ? room : b.maxTotalSize;
        if (total > room) {
            throw new IllegalArgumentException("maxTotalSize " + total + " does not fit a bank of " + bank
                    + " bytes with " + b.maxObjects + " objects (at most " + room + ")");
        }
        this.maxObjects = b.maxObjects;
        this.maxObjectSize = Math.min(b.maxObjectSize, total);
        this.maxTotalSize = total;
        this.setExtendedSupported = b.setExtendedSupported;
        this.profile = b.profile;
    }

    /** A builder for a store on {@code area}, bound to {@code counters}. */
    public static Builder builder(FlashArea area, PlatformNvCounters counters) {
        return new Builder(area, counters);
    }

    public FlashArea area() {
        return area;
    }

    public PlatformNvCounters counters() {
        return counters;
    }

    /** Most objects the store holds (all clients together, as TF-M's {@code PS_NUM_ASSETS}). */
    public int maxObjects() {
        return maxObjects;
    }

    /** Largest object in bytes ({@code PS_MAX_ASSET_SIZE}). */
    public int maxObjectSize() {
        return maxObjectSize;
    }

    /** Most bytes of object data the store holds in all (counted by capacity). */
    public int maxTotalSize() {
        return maxTotalSize;
    }

    /**
     * Whether {@code psa_ps_create}/{@code psa_ps_set_extended} are offered ({@code get_support} returns
     * {@code PSA_STORAGE_SUPPORT_SET_EXTENDED}). TF-M does not offer them; neither does the default.
     */
    /** The TF-M generation whose HUK derivation protects PS objects (1.6: HUK_DERIVATION; 1.7+: HKDF). */
    public TfmProfile profile() {
        return profile;
    }

    public boolean setExtendedSupported() {
        return setExtendedSupported;
    }

    @Override
    public String toString() {
        return "StorageConfig[" + area + ", maxObjects=" + maxObjects + ", maxObjectSize=" + maxObjectSize
                + ", maxTotalSize=" + maxTotalSize + ", setExtended=" + setExtendedSupported + "]";
    }

    /** Builds a {@link StorageConfig}; defaults: 16 objects, 2048 bytes each, total = what a bank holds. */
    public static final class Builder {
        private final FlashArea area;
        private final PlatformNvCounters counters;
        private int maxObjects = 16;
        private int maxObjectSize = 2048;
        private int maxTotalSize = -1;
        private boolean setExtendedSupported;
        private TfmProfile profile = TfmProfile.defaultProfile();

        private Builder(FlashArea area, PlatformNvCounters counters) {
            this.area = area;
            this.counters = counters;
        }

        public Builder maxObjects(int n) {
            this.maxObjects = n;
            return this;
        }

        public Builder maxObjectSize(int bytes) {
            this.maxObjectSize = bytes;
            return this;
        }

        /** Total bytes of object data; by default everything a bank has room for. */
        public Builder maxTotalSize(int bytes) {
            this.maxTotalSize = bytes;
            return this;
        }

        /** The TF-M generation of the crypto partition the store derives its object keys through. */
        public Builder profile(TfmProfile p) {
            this.profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        public Builder setExtendedSupported(boolean supported) {
            this.setExtendedSupported = supported;
            return this;
        }

        public StorageConfig build() {
            return new StorageConfig(this);
        }
    }
}

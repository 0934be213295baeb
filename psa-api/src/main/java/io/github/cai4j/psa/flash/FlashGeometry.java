package io.github.cai4j.psa.flash;

/**
 * The shape of a NOR flash device: equal sectors (the erase unit) and a write granularity (the program
 * unit; addresses and lengths of a program must be multiples of it).
 */
public record FlashGeometry(int sectorSize, int sectorCount, int writeGranularity) {

    /** The value of every byte after an erase. */
    public static final byte ERASED = (byte) 0xFF;

    public FlashGeometry {
        if (sectorSize <= 0 || sectorCount <= 0 || writeGranularity <= 0) {
            throw new IllegalArgumentException("flash geometry values must be positive");
        }
        if (sectorSize % writeGranularity != 0) {
            throw new IllegalArgumentException("sector size " + sectorSize
                    + " is not a multiple of the write granularity " + writeGranularity);
        }
        if ((long) sectorSize * sectorCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("flash larger than 2 GiB is not modelled");
        }
    }

    /** Total size in bytes. */
    public int size() {
        return sectorSize * sectorCount;
    }
}

package io.github.cai4j.psa.flash;

/**
 * A NOR flash device. Erasing sets whole sectors to {@link FlashGeometry#ERASED}; programming can only
 * clear bits (the stored value becomes {@code old & new}); programs are aligned to the write granularity.
 *
 * <p>Every write and erase of storage, counters and the bootloader goes through this interface, so a test
 * can cut power at any operation ({@link FaultInjectingFlash}).
 */
public interface FlashDevice {

    FlashGeometry geometry();

    /** Reads {@code length} bytes at {@code address} into {@code dst[offset..]}. */
    void read(int address, byte[] dst, int offset, int length) throws FlashException;

    /**
     * Programs {@code length} bytes: each stored byte becomes {@code old & src}. Address and length must be
     * multiples of the write granularity.
     */
    void program(int address, byte[] src, int offset, int length) throws FlashException;

    /** Erases the sectors covering {@code [address, address + length)}; both must be sector aligned. */
    void erase(int address, int length) throws FlashException;

    /** Convenience: reads into a new array. */
    default byte[] read(int address, int length) throws FlashException {
        byte[] b = new byte[length];
        read(address, b, 0, length);
        return b;
    }

    /** Convenience: programs a whole array. */
    default void program(int address, byte[] src) throws FlashException {
        program(address, src, 0, src.length);
    }

    /** Erases one sector by index. */
    default void eraseSector(int sector) throws FlashException {
        int size = geometry().sectorSize();
        erase(sector * size, size);
    }

    /** Checks a read range. */
    static void checkRead(FlashGeometry g, int address, int length) throws FlashException {
        if (address < 0 || length < 0 || (long) address + length > g.size()) {
            throw new FlashException(FlashException.Kind.OUT_OF_BOUNDS,
                    "read of " + length + " bytes at 0x" + Integer.toHexString(address) + " is outside the "
                            + g.size() + "-byte device");
        }
    }

    /** Checks a program range: bounds and write granularity. */
    static void checkProgram(FlashGeometry g, int address, int length) throws FlashException {
        if (address < 0 || length < 0 || (long) address + length > g.size()) {
            throw new FlashException(FlashException.Kind.OUT_OF_BOUNDS,
                    "program of " + length + " bytes at 0x" + Integer.toHexString(address) + " is outside the "
                            + g.size() + "-byte device");
        }
        if (address % g.writeGranularity() != 0 || length % g.writeGranularity() != 0) {
            throw new FlashException(FlashException.Kind.MISALIGNED,
                    "program of " + length + " bytes at 0x" + Integer.toHexString(address)
                            + " is not aligned to the write granularity " + g.writeGranularity());
        }
    }

    /** Checks an erase range: bounds and sector alignment. */
    static void checkErase(FlashGeometry g, int address, int length) throws FlashException {
        if (address < 0 || length < 0 || (long) address + length > g.size()) {
            throw new FlashException(FlashException.Kind.OUT_OF_BOUNDS,
                    "erase of " + length + " bytes at 0x" + Integer.toHexString(address) + " is outside the "
                            + g.size() + "-byte device");
        }
        if (address % g.sectorSize() != 0 || length % g.sectorSize() != 0) {
            throw new FlashException(FlashException.Kind.MISALIGNED,
                    "erase of " + length + " bytes at 0x" + Integer.toHexString(address)
                            + " is not aligned to the sector size " + g.sectorSize());
        }
    }
}

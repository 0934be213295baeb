package io.github.cai4j.psa.flash;

import java.util.Arrays;
import java.util.Objects;

/** An in-memory NOR flash, fully erased when created. Thread-safe. */
public final class MemoryFlash implements FlashDevice {
    private final FlashGeometry geometry;
    private final byte[] cells;

    public MemoryFlash(FlashGeometry geometry) {
        this.geometry = geometry;
        this.cells = new byte[geometry.size()];
        Arrays.fill(cells, FlashGeometry.ERASED);
    }

    /** A device holding a copy of {@code image} (e.g. a snapshot or a hostile image in a test). */
    public static MemoryFlash ofImage(FlashGeometry geometry, byte[] image) {
        if (image.length != geometry.size()) {
            throw new IllegalArgumentException("image is " + image.length + " bytes, the device " + geometry.size());
        }
        MemoryFlash f = new MemoryFlash(geometry);
        System.arraycopy(image, 0, f.cells, 0, image.length);
        return f;
    }

    @Override
    public FlashGeometry geometry() {
        return geometry;
    }

    @Override
    public synchronized void read(int address, byte[] dst, int offset, int length) throws FlashException {
        FlashDevice.checkRead(geometry, address, length);
        System.arraycopy(cells, address, dst, offset, length);
    }

    @Override
    public synchronized void program(int address, byte[] src, int offset, int length) throws FlashException {
        FlashDevice.checkProgram(geometry, address, length);
        Objects.checkFromIndexSize(offset, length, src.length); // before any cell changes: no partial program
        for (int i = 0; i < length; i++) {
            cells[address + i] &= src[offset + i];
        }
    }

    @Override
    public synchronized void erase(int address, int length) throws FlashException {
        FlashDevice.checkErase(geometry, address, length);
        Arrays.fill(cells, address, address + length, FlashGeometry.ERASED);
    }

    /** A copy of the whole device. */
    public synchronized byte[] snapshot() {
        return cells.clone();
    }

    /** Replaces the whole content (e.g. to restore an older image in a rollback test). */
    public synchronized void restore(byte[] image) {
        if (image.length != cells.length) {
            throw new IllegalArgumentException("image is " + image.length + " bytes, the device " + cells.length);
        }
        System.arraycopy(image, 0, cells, 0, image.length);
    }

    /** Flips one bit in place, bypassing NOR rules (tamper and corruption tests). */
    public synchronized void flipBit(int address, int bit) {
        cells[address] ^= (byte) (1 << (bit & 7));
    }

    @Override
    public String toString() {
        return "MemoryFlash[" + geometry + "]";
    }
}

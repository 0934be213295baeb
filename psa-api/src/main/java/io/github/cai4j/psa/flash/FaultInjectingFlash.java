package io.github.cai4j.psa.flash;

/**
 * Wraps a flash device and counts its mutating operations (programs and erases; reads are free), so a
 * test can cut at operation {@code k} with a {@link FaultMode}. After a power-losing fault every operation,
 * reads included, throws {@link PowerLossException} until {@link #powerOn()}: the cells of the wrapped
 * device are then the surviving image a reboot sees.
 *
 * <p>The power-loss sweep that drives this for every {@code k} is published in this module's test-jar
 * ({@code io.github.cai4j.psa.flash.testing.PowerLossSweep}).
 */
public final class FaultInjectingFlash implements FlashDevice {
    private final FlashDevice target;
    private long operations;
    private long faultAt = -1;
    private FaultMode faultMode;
    private int flipBitIndex;
    private boolean poweredOff;
    private String faultDescription = "";

    public FaultInjectingFlash(FlashDevice target) {
        this.target = target;
    }

    /** The wrapped device (its cells are what survives a cut). */
    public FlashDevice target() {
        return target;
    }

    @Override
    public FlashGeometry geometry() {
        return target.geometry();
    }

    /** Mutating operations attempted so far (including a faulted one). */
    public synchronized long operationCount() {
        return operations;
    }

    /**
     * Arms a fault at the mutating operation with 0-based index {@code atOperation} (counted over the life
     * of this wrapper). For {@link FaultMode#BIT_FLIP}, the flipped bit is the middle bit of the range.
     */
    public synchronized void armFault(long atOperation, FaultMode mode) {
        armFault(atOperation, mode, -1);
    }

    /**
     * As {@link #armFault(long, FaultMode)}, choosing which bit of the operation's range a
     * {@link FaultMode#BIT_FLIP} flips ({@code bitIndex} modulo the range's bit count; -1 = middle).
     */
    public synchronized void armFault(long atOperation, FaultMode mode, int bitIndex) {
        if (atOperation < operations) {
            throw new IllegalArgumentException("operation " + atOperation + " has already happened");
        }
        this.faultAt = atOperation;
        this.faultMode = mode;
        this.flipBitIndex = bitIndex;
    }

    /** Cuts power now. */
    public synchronized void powerOff() {
        poweredOff = true;
        faultDescription = "power cut by request after " + operations + " operations";
    }

    /** Restores power and disarms any pending fault. */
    public synchronized void powerOn() {
        poweredOff = false;
        faultAt = -1;
        faultMode = null;
    }

    public synchronized boolean isPoweredOff() {
        return poweredOff;
    }

    /** {@code true} once the armed fault has been applied. */
    public synchronized boolean faultFired() {
        return faultAt >= 0 && operations > faultAt;
    }

    /** What the last fault did (for test failure messages). */
    public synchronized String faultDescription() {
        return faultDescription;
    }

    private void checkPower(String op) throws PowerLossException {
        if (poweredOff) {
            throw new PowerLossException("flash is powered off (" + op + " refused; " + faultDescription + ")");
        }
    }

    @Override
    public synchronized void read(int address, byte[] dst, int offset, int length) throws FlashException {
        checkPower("read");
        target.read(address, dst, offset, length);
    }

    @Override
    public synchronized void program(int address, byte[] src, int offset, int length) throws FlashException {
        checkPower("program");
        FlashDevice.checkProgram(target.geometry(), address, length);
        long index = operations++;
        if (index != faultAt) {
            target.program(address, src, offset, length);
            return;
        }
        String where = "program of " + length + " bytes at 0x" + Integer.toHexString(address) + " (operation "
                + index + ")";
        switch (faultMode) {
            case POWER_LOSS_BEFORE -> die("power lost before " + where);
            case POWER_LOSS_AFTER -> {
                target.program(address, src, offset, length);
                die("power lost after " + where);
            }
            case TORN_WRITE -> {
                int half = tornLength(length);
                if (half > 0) {
                    target.program(address, src, offset, half);
                }
                die("torn " + where + ": " + half + " bytes written");
            }
            case DROPPED_WRITE -> faultDescription = "dropped " + where;
            case BIT_FLIP -> {
                target.program(address, src, offset, length);
                flip(address, length, where);
            }
            default -> throw new IllegalStateException(faultMode.name());
        }
    }

    @Override
    public synchronized void erase(int address, int length) throws FlashException {
        checkPower("erase");
        FlashDevice.checkErase(target.geometry(), address, length);
        long index = operations++;
        if (index != faultAt) {
            target.erase(address, length);
            return;
        }
        String where = "erase of " + length + " bytes at 0x" + Integer.toHexString(address) + " (operation "
                + index + ")";
        switch (faultMode) {
            case POWER_LOSS_BEFORE -> die("power lost before " + where);
            case POWER_LOSS_AFTER -> {
                target.erase(address, length);
                die("power lost after " + where);
            }
            case TORN_WRITE -> {
                // An interrupted erase leaves part of the range erased and the rest as it was.
                int done = tornLength(length);
                byte[] keep = target.read(address, length);
                target.erase(address, length);
                target.program(address + done, keep, done, length - done);
                die("torn " + where + ": " + done + " bytes erased");
            }
            case DROPPED_WRITE -> faultDescription = "dropped " + where;
            case BIT_FLIP -> {
                target.erase(address, length);
                flip(address, length, where);
            }
            default -> throw new IllegalStateException(faultMode.name());
        }
    }

    private int tornLength(int length) {
        int g = target.geometry().writeGranularity();
        return (length / 2) / g * g;
    }

    private void flip(int address, int length, String where) throws FlashException {
        if (length == 0) {
            faultDescription = "bit flip on empty " + where;
            return;
        }
        long bits = (long) length * 8;
        long bit = flipBitIndex < 0 ? bits / 2 : Math.floorMod(flipBitIndex, bits);
        int byteAddr = address + (int) (bit / 8);
        byte[] b = target.read(byteAddr, 1);
        b[0] ^= (byte) (1 << (bit % 8));
        // Flash cannot set bits by programming, so the flip is applied by rewriting the sector's image.
        rewriteByte(byteAddr, b[0]);
        faultDescription = "bit " + bit + " flipped after " + where;
    }

    private void rewriteByte(int address, byte value) throws FlashException {
        FlashGeometry g = target.geometry();
        int sectorStart = address / g.sectorSize() * g.sectorSize();
        byte[] sector = target.read(sectorStart, g.sectorSize());
        sector[address - sectorStart] = value;
        target.erase(sectorStart, g.sectorSize());
        target.program(sectorStart, sector);
    }

    private void die(String description) throws PowerLossException {
        poweredOff = true;
        faultDescription = description;
        throw new PowerLossException(description);
    }

    @Override
    public String toString() {
        return "FaultInjectingFlash[" + target + ", operations=" + operations + "]";
    }
}

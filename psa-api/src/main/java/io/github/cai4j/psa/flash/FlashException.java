package io.github.cai4j.psa.flash;

/** A flash operation that could not be carried out; the message names the operation and address. */
public class FlashException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The range is outside the device. */
        OUT_OF_BOUNDS,
        /** A program or erase that is not aligned to the write granularity or the sector size. */
        MISALIGNED,
        /** Power was lost: the device does nothing until powered on again. */
        POWER_LOST,
        /** The backing file failed. */
        IO_ERROR
    }

    private final Kind kind;

    public FlashException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FlashException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

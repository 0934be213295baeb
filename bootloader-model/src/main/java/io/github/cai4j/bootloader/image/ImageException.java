package io.github.cai4j.bootloader.image;

/**
 * A malformed or unusable MCUboot image. The message names what is wrong and where; {@link #offset()} is
 * the byte offset in the image the problem was found at (-1 when it concerns the image as a whole).
 */
public class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public ImageException(String message, long offset) {
        super(offset >= 0 ? message + " (at offset 0x" + Long.toHexString(offset) + ")" : message);
        this.offset = offset;
    }

    public ImageException(String message, long offset, Throwable cause) {
        super(offset >= 0 ? message + " (at offset 0x" + Long.toHexString(offset) + ")" : message, cause);
        this.offset = offset;
    }

    /** The offset in the image where the problem was found, or -1. */
    public long offset() {
        return offset;
    }
}

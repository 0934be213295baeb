package io.github.cai4j.huk.internal;

/** Little-endian 32-bit integers, the byte order of every integer on the firmware's wire. */
public final class Le {
    private Le() {
    }

    public static byte[] bytes32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** Reads 4 bytes at {@code off}; the caller checks the bounds. */
    public static int int32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}

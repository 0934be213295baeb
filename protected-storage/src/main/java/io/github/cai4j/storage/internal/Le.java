package io.github.cai4j.storage.internal;

/** Little-endian field access for the storage formats (callers check bounds first). */
public final class Le {
    private Le() {
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static int i32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xffff_ffffL;
    }

    public static long i64(byte[] b, int off) {
        return (i32(b, off) & 0xffff_ffffL) | ((long) i32(b, off + 4)) << 32;
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void put32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void put64(byte[] b, int off, long v) {
        put32(b, off, v);
        put32(b, off + 4, v >>> 32);
    }

    /** {@code value} as 4 little-endian bytes. */
    public static byte[] bytes32(long value) {
        byte[] b = new byte[4];
        put32(b, 0, value);
        return b;
    }

    /** {@code value} as 8 little-endian bytes. */
    public static byte[] bytes64(long value) {
        byte[] b = new byte[8];
        put64(b, 0, value);
        return b;
    }

    /** {@code true} if every byte of {@code b[off..off+len)} is {@code 0xFF} (erased flash). */
    public static boolean isErased(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Rounds {@code n} up to a multiple of {@code unit}. */
    public static int roundUp(int n, int unit) {
        return (n + unit - 1) / unit * unit;
    }
}

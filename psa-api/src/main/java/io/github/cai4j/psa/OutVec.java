package io.github.cai4j.psa;

import java.util.Objects;

/**
 * An output vector ({@code psa_outvec}): a slice of a caller's array that receives what the service
 * writes. The gate copies the service's bytes into it after the call; {@link CallResult#outLength(int)}
 * says how many bytes were written.
 */
public final class OutVec {
    private final byte[] buffer;
    private final int offset;
    private final int length;

    private OutVec(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** The whole array is the capacity. */
    public static OutVec of(byte[] buffer) {
        Objects.requireNonNull(buffer, "buffer");
        return new OutVec(buffer, 0, buffer.length);
    }

    /** A slice; bounds are checked by the gate as {@code psa_call} does. */
    public static OutVec of(byte[] buffer, int offset, int length) {
        return new OutVec(buffer, offset, length);
    }

    /** A fresh array of {@code capacity} bytes. */
    public static OutVec allocate(int capacity) {
        return new OutVec(new byte[capacity], 0, capacity);
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    /** The capacity of this vector. */
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "OutVec[capacity=" + length + "]";
    }
}

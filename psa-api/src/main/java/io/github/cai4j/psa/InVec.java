package io.github.cai4j.psa;

import java.util.Objects;

/**
 * An input vector ({@code psa_invec}): a slice of a caller's array. The gate copies the slice when the
 * call is made, so the partition never sees the caller's array.
 */
public final class InVec {
    private final byte[] buffer;
    private final int offset;
    private final int length;

    private InVec(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** The whole array. */
    public static InVec of(byte[] data) {
        Objects.requireNonNull(data, "data");
        return new InVec(data, 0, data.length);
    }

    /**
     * A slice. The bounds are not checked here: like {@code psa_call}, the gate refuses a vector whose
     * memory is not accessible with {@link PsaStatus#ERROR_PROGRAMMER_ERROR}.
     */
    public static InVec of(byte[] buffer, int offset, int length) {
        return new InVec(buffer, offset, length);
    }

    /** A zero-length vector (allowed by {@code psa_call}). */
    public static InVec empty() {
        return new InVec(new byte[0], 0, 0);
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "InVec[length=" + length + "]";
    }
}

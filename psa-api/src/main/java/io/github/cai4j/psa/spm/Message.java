package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.PsaException;

/**
 * A message delivered to a partition ({@code psa_msg_t} plus {@code psa_read}/{@code psa_write}). The
 * input bytes are the gate's private copies; outputs are buffered by the gate and copied to the caller
 * only when the handler returns.
 */
public interface Message {

    /** {@code PSA_IPC_CONNECT} (-1), {@code PSA_IPC_DISCONNECT} (-2) or a call type &ge; 0. */
    int type();

    /** The SID the message is for. */
    int sid();

    /** Who is calling: negative for non-secure, a partition id for a secure caller. */
    int clientId();

    /** The number of input vectors. */
    int inCount();

    /** The size of input vector {@code i} ({@code in_size[i]}). */
    int inSize(int i);

    /** A copy of input vector {@code i}. */
    byte[] input(int i);

    /** The number of output vectors. */
    int outCount();

    /** The capacity of output vector {@code i} ({@code out_size[i]}). */
    int outCapacity(int i);

    /**
     * {@code psa_write}: appends to output vector {@code i}. Writing past its capacity is a programmer error
     * of the partition: the simulated device panics, as TF-M does.
     */
    void write(int i, byte[] data, int offset, int length);

    /** Appends a whole array to output vector {@code i}. */
    default void write(int i, byte[] data) {
        write(i, data, 0, data.length);
    }

    /** Bytes written so far to output vector {@code i}. */
    int written(int i);

    /**
     * Checks the vector counts and sizes a handler expects, throwing {@link PsaException} with
     * {@code status} when they differ (a common first step of a firmware handler).
     */
    default void requireInSize(int i, int size, io.github.cai4j.psa.PsaStatus status) throws PsaException {
        if (i >= inCount() || inSize(i) != size) {
            throw new PsaException(status, "input vector " + i + " must be " + size + " bytes, got "
                    + (i >= inCount() ? "none" : inSize(i) + " bytes"));
        }
    }
}

package io.github.cai4j.psa;

import java.util.Arrays;

/**
 * What {@code psa_call} returned: the status (service specific when non-negative) and how many bytes
 * the service wrote into each output vector.
 */
public final class CallResult {
    private final int status;
    private final int[] outLengths;

    public CallResult(int status, int[] outLengths) {
        this.status = status;
        this.outLengths = outLengths.clone();
    }

    /** A refusal by the gate: nothing was written. */
    public static CallResult refused(PsaStatus status, int outCount) {
        return new CallResult(status.value(), new int[Math.max(0, outCount)]);
    }

    public int status() {
        return status;
    }

    public boolean isSuccess() {
        return status >= 0;
    }

    /** Bytes written to output vector {@code i}. */
    public int outLength(int i) {
        return outLengths[i];
    }

    public int outCount() {
        return outLengths.length;
    }

    /** Returns this result, or throws a {@link PsaException} with its status if it is an error. */
    public CallResult orThrow(String what) throws PsaException {
        PsaException.check(status, what);
        return this;
    }

    @Override
    public String toString() {
        return "CallResult[" + PsaStatus.describe(status) + ", out=" + Arrays.toString(outLengths) + "]";
    }
}

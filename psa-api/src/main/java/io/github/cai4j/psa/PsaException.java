package io.github.cai4j.psa;

import java.util.Optional;

/**
 * A PSA call that failed, carrying its exact status value. Messages never contain secret material.
 */
public class PsaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int statusValue;

    public PsaException(PsaStatus status) {
        this(status.value(), status.cName());
    }

    public PsaException(PsaStatus status, String message) {
        this(status.value(), message);
    }

    public PsaException(PsaStatus status, String message, Throwable cause) {
        super(message + " [" + PsaStatus.describe(status.value()) + "]", cause);
        this.statusValue = status.value();
    }

    /** For service-specific status values that have no {@link PsaStatus} constant. */
    public PsaException(int statusValue, String message) {
        super(message + " [" + PsaStatus.describe(statusValue) + "]");
        this.statusValue = statusValue;
    }

    /** The exact numeric status. */
    public int statusValue() {
        return statusValue;
    }

    /** The status constant, or empty for a service-specific value. */
    public Optional<PsaStatus> status() {
        return PsaStatus.fromValue(statusValue);
    }

    /** {@code true} if this exception carries exactly {@code s}. */
    public boolean is(PsaStatus s) {
        return statusValue == s.value();
    }

    /** Throws a {@link PsaException} if {@code statusValue} is negative; returns it otherwise. */
    public static int check(int statusValue, String what) throws PsaException {
        if (statusValue < 0) {
            throw new PsaException(statusValue, what);
        }
        return statusValue;
    }
}

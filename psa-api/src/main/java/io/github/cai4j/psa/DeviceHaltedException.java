package io.github.cai4j.psa;

/**
 * The simulated secure world has panicked ({@code tfm_core_panic}) and refuses every call until the
 * device is rebooted. Thrown to the non-secure caller whose call caused the panic and to every later one.
 *
 * <p>The status is {@link PsaStatus#ERROR_COMMUNICATION_FAILURE}: a halted secure world cannot be reached.
 */
public final class DeviceHaltedException extends PsaException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public DeviceHaltedException(String reason) {
        super(PsaStatus.ERROR_COMMUNICATION_FAILURE, "secure world halted (panic): " + reason);
        this.reason = reason;
    }

    /** Why the secure world panicked, e.g. which partition made which programmer error. */
    public String reason() {
        return reason;
    }
}

package io.github.cai4j.psa.spm;

/**
 * {@code tfm_core_panic()}: unwinds the secure world up to the non-secure entry of the gate, which halts
 * the device. An {@link Error} so that no partition's error handling can swallow it.
 */
final class SecurePanic extends Error {
    private static final long serialVersionUID = 1L;

    SecurePanic(String reason) {
        super(reason, null, false, false);
    }

    SecurePanic(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}

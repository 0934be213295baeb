package io.github.cai4j.huk;

import io.github.cai4j.psa.PsaException;

/**
 * Signs the DER {@code CertificationRequestInfo} of a CSR with a device key that never leaves the secure side:
 * the implementation hashes (SHA-256) and signs through a PSA service, returning the raw signature {@code r ‖ s}.
 */
@FunctionalInterface
public interface TbsSigner {

    /** The raw ECDSA P-256 signature (64 bytes) over SHA-256 of {@code tbs}. */
    byte[] signTbs(byte[] tbs) throws PsaException;
}

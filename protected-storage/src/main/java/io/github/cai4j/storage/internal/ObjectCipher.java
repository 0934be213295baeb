package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;

/**
 * AES-128-GCM under a key derived from the hardware unique key with a label: the only cryptography Protected
 * Storage needs. The production implementation calls the crypto partition through the gate, so the HUK and
 * the derived keys never leave it.
 *
 * <p>Security: the caller must never use the same {@code iv} twice with the same {@code label} (the store
 * builds IVs from a monotonic generation counter for this reason). A failed {@link #open} must be treated as
 * tampering, and nothing of the ciphertext may be used.
 */
public interface ObjectCipher {

    /** Length of the authentication tag appended by {@link #seal}. */
    int TAG_LENGTH = 16;
    /** Length of the IV. */
    int IV_LENGTH = 12;

    /** Encrypts and authenticates: returns {@code ciphertext || tag}. */
    byte[] seal(byte[] label, byte[] iv, byte[] aad, byte[] plaintext) throws PsaException;

    /**
     * Verifies and decrypts {@code ciphertext || tag}.
     *
     * @throws PsaException {@code PSA_ERROR_INVALID_SIGNATURE} if the tag does not verify
     */
    byte[] open(byte[] label, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws PsaException;
}

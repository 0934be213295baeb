package io.github.cai4j.attestation;

/**
 * An attestation token is malformed: not a COSE_Sign1, its payload is not a CBOR map, … The message names what
 * was wrong and where. A token that is well formed but does not verify (bad signature, wrong nonce, missing or
 * wrong claims) is not an exception: {@link AttestationVerifier} reports it in a {@link VerificationResult}.
 */
public class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}

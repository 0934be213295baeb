package io.github.cai4j.attestation;

import java.util.Objects;

/**
 * One reason a well-formed token was rejected.
 *
 * @param reason what kind of failure
 * @param claim  the claim concerned with its key, e.g. {@code nonce (10)}, or {@code token} for the envelope
 * @param detail what was found, e.g. {@code 31 bytes, expected 32, 48 or 64}
 */
public record VerificationFailure(Reason reason, String claim, String detail) {
    /** The kinds of failure. */
    public enum Reason {
        /** The signature does not verify with the trusted attestation key. */
        BAD_SIGNATURE,
        /** The token is signed with an algorithm other than ES256. */
        UNSUPPORTED_ALGORITHM,
        /** The profile claim names no known profile. */
        UNKNOWN_PROFILE,
        /** The token is in a profile other than the one the verifier expects. */
        PROFILE_MISMATCH,
        /** A mandatory claim is absent. */
        MISSING_CLAIM,
        /** A claim has the wrong CBOR type. */
        WRONG_TYPE,
        /** A claim has the wrong size. */
        WRONG_SIZE,
        /** A claim's value is not allowed (lifecycle state, instance id type byte, empty component list …). */
        INVALID_VALUE,
        /** The nonce is not the challenge the verifier sent. */
        NONCE_MISMATCH,
        /** The instance id does not belong to the trusted attestation key. */
        INSTANCE_ID_MISMATCH
    }

    public VerificationFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + " " + claim + ": " + detail;
    }
}

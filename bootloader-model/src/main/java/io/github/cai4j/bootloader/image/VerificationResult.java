package io.github.cai4j.bootloader.image;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The outcome of checking an image: valid or not, why not, the digest computed over the hash region and
 * the key that signed it. A failed check is a result, not an exception.
 */
public record VerificationResult(Outcome outcome, String reason, byte[] digest, Optional<TrustedKey> signer,
                                 ImageVersion version) {

    /** What the check found. */
    public enum Outcome {
        /** Hash matches and (when keys were given) a known key's signature verified. */
        OK,
        /** No hash TLV, or one of the wrong length. */
        MISSING_HASH,
        /** The hash TLV differs from the digest of the hash region. */
        INVALID_HASH,
        /** No signature by a key of the table verified. */
        INVALID_SIGNATURE,
        /** A TLV that must not be in the unprotected area, or a malformed one. */
        BAD_TLV
    }

    public VerificationResult {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public boolean valid() {
        return outcome == Outcome.OK;
    }

    @Override
    public String toString() {
        return "VerificationResult[" + outcome + ", " + reason + ", digest " + HexFormat.of().formatHex(digest)
                + ", version " + version + "]";
    }
}

package io.github.cai4j.cose;

import java.util.Optional;

/**
 * Produces COSE signatures over a to-be-signed byte string (a Sig_structure). The key may live anywhere: in
 * memory ({@link EcdsaSigner}, {@link EdDsaSigner}), behind a JCA provider ({@link JcaSigner}), or in a secure
 * partition addressed by a key id. Implementations hash the input themselves (SHA-256 for ES256, …) and return the
 * signature in COSE form: raw r‖s for ECDSA (each half the curve's length), 64 bytes for Ed25519.
 */
public interface CoseSigner {
    /** The algorithm written into the {@code alg} header. */
    Algorithm algorithm();

    /** Signs {@code toBeSigned} (the complete Sig_structure encoding, not a hash). */
    byte[] sign(byte[] toBeSigned) throws CoseException;

    /** A key identifier callers may put into the {@code kid} header. */
    default Optional<byte[]> keyId() {
        return Optional.empty();
    }
}

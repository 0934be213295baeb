package io.github.cai4j.cose;

import io.github.cai4j.cose.key.CoseKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

/**
 * Checks COSE signatures. A signature that does not verify (wrong key, altered data, malformed signature bytes)
 * yields {@code false}; exceptions are for misuse only.
 */
public interface CoseVerifier {
    Algorithm algorithm();

    /** True iff {@code signature} is a valid COSE signature over {@code toBeSigned}. */
    boolean verify(byte[] toBeSigned, byte[] signature) throws CoseException;

    /** A verifier for an EC (P-256/384/521, the matching ES algorithm) or Ed25519 public key. */
    static CoseVerifier forPublicKey(PublicKey key) throws CoseException {
        if (key instanceof ECPublicKey ec) {
            return EcdsaVerifier.of(ec);
        }
        return forKey(CoseKey.fromPublicKey(key));
    }

    /** A verifier for an EC2 or Ed25519 COSE_Key. */
    static CoseVerifier forKey(CoseKey key) throws CoseException {
        return switch (key.type()) {
            case EC2 -> EcdsaVerifier.of(key);
            case OKP -> EdDsaVerifier.of(key);
            default -> throw new CoseException("a symmetric key cannot verify signatures");
        };
    }
}

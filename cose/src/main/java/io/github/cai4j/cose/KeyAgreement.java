package io.github.cai4j.cose;

import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.util.Optional;

/**
 * A static private key that can perform ECDH, wherever it lives (memory, a secure partition, an HSM). The
 * library validates the peer key before calling {@link #agree}.
 */
public interface KeyAgreement {
    Curve curve();

    /** The raw shared secret (the x coordinate for EC2 curves, RFC 9053 §6.3.1) with {@code peerPublicKey}. */
    byte[] agree(CoseKey peerPublicKey) throws CoseException;

    /** The public half of this key (needed when it acts as an ECDH-SS sender). */
    CoseKey publicKey() throws CoseException;

    default Optional<byte[]> keyId() {
        return Optional.empty();
    }

    /** A key agreement with an in-memory EC2 or X25519 private key. */
    static KeyAgreement of(CoseKey privateKey) throws CoseException {
        if (!privateKey.hasPrivate() || privateKey.curve().isEmpty()) {
            throw new CoseException("key agreement needs an EC2 or OKP private key");
        }
        CoseKey pub = privateKey.publicOnly();
        return new KeyAgreement() {
            @Override
            public Curve curve() {
                return privateKey.curve().orElseThrow();
            }

            @Override
            public byte[] agree(CoseKey peer) throws CoseException {
                return io.github.cai4j.cose.internal.Ecdh.agree(privateKey, peer);
            }

            @Override
            public CoseKey publicKey() {
                return pub;
            }

            @Override
            public Optional<byte[]> keyId() {
                return privateKey.kid();
            }

            @Override
            public String toString() {
                return "KeyAgreement[" + curve().jwkName() + "]";
            }
        };
    }
}

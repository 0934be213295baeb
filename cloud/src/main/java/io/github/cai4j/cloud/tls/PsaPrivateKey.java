package io.github.cai4j.cloud.tls;

import io.github.cai4j.crypto.CryptoClient;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An opaque handle to a P-256 private key held by crypto-service: a key id and the client that may use it. It has no
 * encoding; only {@link PsaSignatureProvider}'s signatures accept it, and they sign through {@code psa_sign_hash}.
 */
public final class PsaPrivateKey implements PrivateKey {
    private static final long serialVersionUID = 1L;

    private final transient CryptoClient crypto;
    private final int keyId;
    private final transient AtomicLong signatures = new AtomicLong();

    /**
     * @param crypto the PSA Crypto client of the key's owner
     * @param keyId  the key's id in that owner's namespace
     */
    public PsaPrivateKey(CryptoClient crypto, int keyId) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.keyId = keyId;
    }

    CryptoClient crypto() {
        if (crypto == null) {
            throw new IllegalStateException("a deserialized PSA key handle has no client");
        }
        return crypto;
    }

    /** The key id in crypto-service. */
    public int keyId() {
        return keyId;
    }

    void countSignature() {
        signatures.incrementAndGet();
    }

    /** How many signatures were made with this handle (each one a {@code psa_sign_hash} call). */
    public long signatureCount() {
        return signatures.get();
    }

    @Override
    public String getAlgorithm() {
        return "EC";
    }

    /** {@code null}: the key material never leaves crypto-service. */
    @Override
    public String getFormat() {
        return null;
    }

    /** {@code null}: the key material never leaves crypto-service. */
    @Override
    public byte[] getEncoded() {
        return null;
    }

    @Override
    public String toString() {
        return "PsaPrivateKey[P-256, key id 0x" + Integer.toHexString(keyId) + "]";
    }
}

package io.github.cai4j.attestation.internal;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.psa.PsaException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * ES256 with a key that stays in crypto-service: SHA-256 of the Sig_structure here, then {@code psa_sign_hash}
 * (randomized ECDSA) with the caller's key id. A PSA failure is kept so the service can reply with its status.
 */
public final class PsaSigner implements CoseSigner {
    private final CryptoClient crypto;
    private final int keyId;
    private PsaException failure;

    public PsaSigner(CryptoClient crypto, int keyId) {
        this.crypto = crypto;
        this.keyId = keyId;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.ES256;
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws CoseException {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(toBeSigned);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try {
            return crypto.signHash(keyId, PsaAlgorithm.ECDSA_SHA_256, hash);
        } catch (PsaException e) {
            failure = e;
            throw new CoseException("psa_sign_hash failed with " + e.statusValue(), e);
        }
    }

    /** Rethrows the PSA failure of the last {@link #sign} call, if crypto-service refused it. */
    public void rethrowPsaFailure() throws PsaException {
        PsaException f = failure;
        failure = null;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public String toString() {
        return "PsaSigner[key 0x" + Integer.toHexString(keyId) + "]";
    }
}

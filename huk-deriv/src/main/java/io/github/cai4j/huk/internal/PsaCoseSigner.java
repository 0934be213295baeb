package io.github.cai4j.huk.internal;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.psa.PsaException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * ES256 through crypto-service: SHA-256 of the Sig_structure, then {@code psa_sign_hash} with a key id of the
 * calling partition (t_cose's PSA adapter). A PSA failure is kept so the service can return its exact status.
 */
public final class PsaCoseSigner implements CoseSigner {
    private final CryptoClient crypto;
    private final int keyId;
    private PsaException failure;

    private int signingAlgorithm;

    public PsaCoseSigner(CryptoClient crypto, int keyId) {
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
            if (signingAlgorithm == 0) {
                // the key's own policy decides: randomised ECDSA (the firmware) or RFC 6979
                signingAlgorithm = crypto.getKeyAttributes(keyId).algorithm();
            }
            return crypto.signHash(keyId, signingAlgorithm, hash);
        } catch (PsaException e) {
            failure = e;
            throw new CoseException("psa_sign_hash failed with " + e.statusValue(), e);
        }
    }

    /** Rethrows the PSA failure of the last {@link #sign} call, if it failed in crypto-service. */
    public void rethrowPsaFailure() throws PsaException {
        PsaException f = failure;
        failure = null;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public String toString() {
        return "PsaCoseSigner[key 0x" + Integer.toHexString(keyId) + "]";
    }
}

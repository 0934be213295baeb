package io.github.cai4j.storage.internal;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.DerivationStep;
import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.KeyDerivation;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyIds;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;

/**
 * {@link ObjectCipher} through the crypto partition, as TF-M's PS does ({@code spec/mcuboot-psa.md} B5): for
 * each operation a volatile AES-128 key is derived with HKDF-SHA256 from the builtin HUK key (which the crypto
 * partition binds to this caller, the PS partition) with the label as INFO, used for one AES-GCM call, and
 * destroyed. Key material never leaves the crypto partition.
 */
public final class CryptoObjectCipher implements ObjectCipher {
    private static final KeyAttributes OBJECT_KEY = KeyAttributes.builder()
            .type(PsaKeyType.AES).bits(128)
            .usage(PsaKeyUsage.ENCRYPT | PsaKeyUsage.DECRYPT)
            .algorithm(PsaAlgorithm.GCM)
            .build();

    private final CryptoClient crypto;
    private final TfmProfile profile;

    public CryptoObjectCipher(PsaClient client) {
        this(client, TfmProfile.defaultProfile());
    }

    /**
     * @param profile TF-M 1.6 derives object keys with {@code TFM_CRYPTO_ALG_HUK_DERIVATION} and the label as
     *                LABEL (its crypto partition has no builtin HUK key); 1.7+ with HKDF over the builtin HUK key
     */
    public CryptoObjectCipher(PsaClient client, TfmProfile profile) {
        this.crypto = new CryptoClient(client);
        this.profile = profile;
    }

    private int deriveKey(byte[] label) throws PsaException {
        if (profile == TfmProfile.TFM_1_6) {
            try (KeyDerivation op = crypto.keyDerivationSetup(PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION)) {
                op.inputBytes(DerivationStep.LABEL, label);
                return op.outputKey(OBJECT_KEY);
            }
        }
        try (KeyDerivation op = crypto.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            op.inputKey(DerivationStep.SECRET, PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK);
            op.inputBytes(DerivationStep.INFO, label);
            return op.outputKey(OBJECT_KEY);
        }
    }

    @Override
    public byte[] seal(byte[] label, byte[] iv, byte[] aad, byte[] plaintext) throws PsaException {
        int key = deriveKey(label);
        try {
            return crypto.aeadEncrypt(key, PsaAlgorithm.GCM, iv, aad, plaintext);
        } finally {
            crypto.destroyKey(key);
        }
    }

    @Override
    public byte[] open(byte[] label, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws PsaException {
        int key = deriveKey(label);
        try {
            return crypto.aeadDecrypt(key, PsaAlgorithm.GCM, iv, aad, ciphertextAndTag);
        } finally {
            crypto.destroyKey(key);
        }
    }
}

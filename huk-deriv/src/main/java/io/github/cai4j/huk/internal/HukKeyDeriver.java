package io.github.cai4j.huk.internal;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.DerivationStep;
import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.KeyDerivation;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyIds;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The device-key derivations of both firmware generations, done through crypto-service as the caller of the
 * given {@link CryptoClient} (so the caller id that TF-M mixes in is the caller's own):
 *
 * <ul>
 *   <li>{@link TfmProfile#TFM_1_6} ({@code spec/firmware.md} §1.2): {@code TFM_CRYPTO_ALG_HUK_DERIVATION} with a
 *       LABEL, {@code output_key} of a 128-bit AES key, exported; an EC key is the HI half ‖ the LO half, imported
 *       as-is.</li>
 *   <li>{@link TfmProfile#TFM_1_7} (§1.3): HKDF-SHA256 with INFO = label and SECRET = the builtin HUK key (the
 *       caller's sub-key), then {@code output_key} of a P-256 key pair.</li>
 * </ul>
 *
 * <p>Private key material passes through this class only where the firmware exported it (the 1.6 halves and the
 * UUID bytes); it is zeroed as soon as it has been imported or formatted.
 */
public final class HukKeyDeriver {
    /** The label buffer of the 1.7+ secure partition ({@code LABEL_BUFF_SIZE}). */
    public static final int LABEL_BUFFER_SIZE = 40;
    /** {@code KEY_LEN_BYTES}: one AES half, and the UUID's derived bytes. */
    private static final int HALF = 16;

    private final CryptoClient crypto;
    private final TfmProfile profile;
    private final int signingAlgorithm;

    public HukKeyDeriver(CryptoClient crypto, TfmProfile profile) {
        this(crypto, profile, PsaAlgorithm.ECDSA_SHA_256);
    }

    /**
     * @param signingAlgorithm the policy algorithm of derived signing keys: {@code ECDSA_SHA_256} (randomised, as
     *                         the firmware) or {@code DETERMINISTIC_ECDSA_SHA_256} (RFC 6979)
     */
    public HukKeyDeriver(CryptoClient crypto, TfmProfile profile, int signingAlgorithm) {
        this.crypto = crypto;
        this.profile = profile;
        this.signingAlgorithm = signingAlgorithm;
    }

    /** {@code "UUID" + extra}. */
    public static String uuidLabel(String extra) {
        return "UUID" + extra;
    }

    /**
     * The labels of an EC key named {@code base} (e.g. {@code HUK_COSE}): {@code base_EC_PRIV_KEY_HI/LO + extra}
     * for 1.6, {@code base_EC_PRIV_KEY + extra} for 1.7+.
     */
    public static String[] ecKeyLabels(TfmProfile profile, String base, String extra) {
        if (profile == TfmProfile.TFM_1_6) {
            return new String[] {base + "_EC_PRIV_KEY_HI" + extra, base + "_EC_PRIV_KEY_LO" + extra};
        }
        return new String[] {base + "_EC_PRIV_KEY" + extra};
    }

    /**
     * The 16 bytes the UUID is formatted from: 1.6 the 16-byte HKDF output, 1.7+ the first 16 bytes of the derived
     * (exportable) private key. The caller must zero the array.
     */
    public byte[] uuidBytes(String label) throws PsaException {
        if (profile == TfmProfile.TFM_1_6) {
            return deriveAesHalf(label);
        }
        int key = deriveEcc(label, PsaKeyUsage.EXPORT, true);
        byte[] d = null;
        try {
            d = crypto.exportKey(key);
            if (d.length < HALF) {
                throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "exported UUID key is " + d.length + " bytes");
            }
            return Arrays.copyOf(d, HALF);
        } finally {
            if (d != null) {
                Arrays.fill(d, (byte) 0);
            }
            crypto.destroyKey(key);
        }
    }

    /**
     * Derives an ECDSA P-256 signing key from {@code labels} (see {@link #ecKeyLabels}) and returns its id in the
     * caller's key namespace.
     *
     * @param usage1x6     the usage flags for the 1.6 import
     * @param usage1x7     the usage flags for the 1.7+ derivation
     * @param secureLabels apply the secure partition's 40-byte label buffer check (1.7+)
     */
    public int deriveSigningKey(String[] labels, int usage1x6, int usage1x7, boolean secureLabels)
            throws PsaException {
        if (profile == TfmProfile.TFM_1_7) {
            return deriveEcc(labels[0], usage1x7, secureLabels);
        }
        byte[] hi = deriveAesHalf(labels[0]);
        byte[] lo = deriveAesHalf(labels[1]);
        byte[] d = new byte[2 * HALF];
        System.arraycopy(hi, 0, d, 0, HALF);
        System.arraycopy(lo, 0, d, HALF, HALF);
        Arrays.fill(hi, (byte) 0);
        Arrays.fill(lo, (byte) 0);
        try {
            KeyAttributes attrs = KeyAttributes.builder().lifetime(PsaKeyIds.LIFETIME_VOLATILE)
                    .type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).usage(usage1x6)
                    .algorithm(signingAlgorithm).build();
            return crypto.importKey(attrs, d);
        } finally {
            Arrays.fill(d, (byte) 0);
        }
    }

    private byte[] deriveAesHalf(String label) throws PsaException {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        if (l.length == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "empty derivation label");
        }
        KeyAttributes attrs = KeyAttributes.builder().lifetime(PsaKeyIds.LIFETIME_VOLATILE).type(PsaKeyType.AES)
                .bits(8 * HALF).usage(PsaKeyUsage.ENCRYPT | PsaKeyUsage.DECRYPT | PsaKeyUsage.EXPORT)
                .algorithm(PsaAlgorithm.GCM).build();
        int key;
        try (KeyDerivation op = crypto.keyDerivationSetup(PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION)) {
            op.inputBytes(DerivationStep.LABEL, l);
            key = op.outputKey(attrs);
        }
        try {
            byte[] k = crypto.exportKey(key);
            if (k.length != HALF) {
                Arrays.fill(k, (byte) 0);
                throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "derived AES key is not " + HALF + " bytes");
            }
            return k;
        } finally {
            crypto.destroyKey(key);
        }
    }

    private int deriveEcc(String label, int usage, boolean secureLabels) throws PsaException {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        if (l.length == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "empty derivation label");
        }
        if (secureLabels && l.length >= LABEL_BUFFER_SIZE) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_MEMORY, "label does not fit the "
                    + LABEL_BUFFER_SIZE + "-byte label buffer");
        }
        KeyAttributes attrs = KeyAttributes.builder().lifetime(PsaKeyIds.LIFETIME_VOLATILE)
                .type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256).usage(usage)
                .algorithm(signingAlgorithm).build();
        try (KeyDerivation op = crypto.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            op.inputBytes(DerivationStep.INFO, l);
            op.inputKey(DerivationStep.SECRET, PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK);
            return op.outputKey(attrs);
        }
    }
}

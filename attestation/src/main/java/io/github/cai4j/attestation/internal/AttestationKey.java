package io.github.cai4j.attestation.internal;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The initial attestation key (IAK): an ECDSA P-256 key pair derived from the HUK inside crypto-service, in the
 * attestation partition's key namespace (so the caller id TF-M mixes into the derivation is this partition's).
 * Only its id and its public key are ever held here.
 *
 * <ul>
 *   <li>TF-M 1.7+: HKDF-SHA256 with INFO = {@link #LABEL} and SECRET = the builtin HUK key, then
 *       {@code output_key} of an ECC P-256 key pair (the PSA method: d = k + 1).</li>
 *   <li>TF-M 1.6 (no builtin HUK key): the two-halves method of that generation: two 128-bit
 *       {@code TFM_CRYPTO_ALG_HUK_DERIVATION} keys with labels {@code LABEL_HI}/{@code LABEL_LO}, concatenated and
 *       imported as the private scalar (zeroed at once).</li>
 * </ul>
 */
public final class AttestationKey {
    /** The fixed derivation label (no NUL is fed to the KDF). */
    public static final String LABEL = "TFM_IAK_EC_PRIV_KEY";
    private static final int HALF = 16;
    private static final int USAGE = PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH;

    private final int keyId;
    private final byte[] publicKey;

    private AttestationKey(int keyId, byte[] publicKey) {
        this.keyId = keyId;
        this.publicKey = publicKey;
    }

    /** Derives the IAK through {@code crypto} (the attestation partition's own crypto client). */
    public static AttestationKey derive(CryptoClient crypto, TfmProfile profile) throws PsaException {
        int id = profile == TfmProfile.TFM_1_7 ? deriveEcc(crypto) : deriveFromHalves(crypto);
        byte[] pub = crypto.exportPublicKey(id);
        if (pub.length != 65 || pub[0] != 4) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "IAK public key is not an uncompressed P-256 point");
        }
        return new AttestationKey(id, pub);
    }

    private static int deriveEcc(CryptoClient crypto) throws PsaException {
        KeyAttributes attrs = KeyAttributes.builder().lifetime(PsaKeyIds.LIFETIME_VOLATILE)
                .type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256).usage(USAGE)
                .algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
        try (KeyDerivation op = crypto.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            op.inputBytes(DerivationStep.INFO, LABEL.getBytes(StandardCharsets.US_ASCII));
            op.inputKey(DerivationStep.SECRET, PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK);
            return op.outputKey(attrs);
        }
    }

    private static int deriveFromHalves(CryptoClient crypto) throws PsaException {
        byte[] hi = half(crypto, LABEL + "_HI");
        byte[] lo = half(crypto, LABEL + "_LO");
        byte[] d = new byte[2 * HALF];
        System.arraycopy(hi, 0, d, 0, HALF);
        System.arraycopy(lo, 0, d, HALF, HALF);
        Arrays.fill(hi, (byte) 0);
        Arrays.fill(lo, (byte) 0);
        try {
            KeyAttributes attrs = KeyAttributes.builder().lifetime(PsaKeyIds.LIFETIME_VOLATILE)
                    .type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).usage(USAGE).algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
            return crypto.importKey(attrs, d);
        } finally {
            Arrays.fill(d, (byte) 0);
        }
    }

    private static byte[] half(CryptoClient crypto, String label) throws PsaException {
        KeyAttributes attrs = KeyAttributes.builder().lifetime(PsaKeyIds.LIFETIME_VOLATILE).type(PsaKeyType.AES)
                .bits(8 * HALF).usage(PsaKeyUsage.EXPORT | PsaKeyUsage.ENCRYPT).algorithm(PsaAlgorithm.GCM).build();
        int key;
        try (KeyDerivation op = crypto.keyDerivationSetup(PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION)) {
            op.inputBytes(DerivationStep.LABEL, label.getBytes(StandardCharsets.US_ASCII));
            key = op.outputKey(attrs);
        }
        try {
            byte[] k = crypto.exportKey(key);
            if (k.length != HALF) {
                Arrays.fill(k, (byte) 0);
                throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "derived IAK half is not " + HALF + " bytes");
            }
            return k;
        } finally {
            crypto.destroyKey(key);
        }
    }

    /** The key id in the attestation partition's namespace. */
    public int keyId() {
        return keyId;
    }

    /** The public key, {@code 04 || X || Y}. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The instance id: {@code 0x01 || SHA-256(04 || X || Y)}. */
    public byte[] instanceId() {
        return instanceIdOf(publicKey);
    }

    /** {@code 0x01 || SHA-256(point)} for an uncompressed public point. */
    public static byte[] instanceIdOf(byte[] point) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(point);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] id = new byte[1 + h.length];
        id[0] = 0x01;
        System.arraycopy(h, 0, id, 1, h.length);
        return id;
    }

    @Override
    public String toString() {
        return "AttestationKey[id=0x" + Integer.toHexString(keyId) + "]";
    }
}

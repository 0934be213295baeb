package io.github.cai4j.crypto;

import java.util.Locale;

/**
 * PSA algorithm identifiers ({@code psa_algorithm_t}) with their exact values from the PSA Crypto API
 * ({@code psa/crypto_values.h}) and the encoding helpers the partition needs.
 */
public final class PsaAlgorithm {
    /** PSA_ALG_NONE. */
    public static final int NONE = 0;
    /** PSA_ALG_SHA_256. */
    public static final int SHA_256 = 0x0200_0009;
    /** PSA_ALG_ANY_HASH: a wildcard in a key policy (e.g. {@code ECDSA(ANY_HASH)}). */
    public static final int ANY_HASH = 0x0200_00ff;
    /** PSA_ALG_HMAC(PSA_ALG_SHA_256). */
    public static final int HMAC_SHA_256 = 0x0380_0009;
    /** PSA_ALG_ECDSA(PSA_ALG_SHA_256): randomized ECDSA, as the firmware signs. */
    public static final int ECDSA_SHA_256 = 0x0600_0609;
    /** PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256): RFC 6979. */
    public static final int DETERMINISTIC_ECDSA_SHA_256 = 0x0600_0709;
    /** PSA_ALG_ECDSA(PSA_ALG_ANY_HASH): policy wildcard. */
    public static final int ECDSA_ANY_HASH = 0x0600_06ff;
    /** PSA_ALG_GCM: AES-GCM with the default 16-byte tag. */
    public static final int GCM = 0x0550_0200;
    /** PSA_ALG_CCM (not supported by this partition). */
    public static final int CCM = 0x0550_0100;
    /** PSA_ALG_HKDF(PSA_ALG_SHA_256). */
    public static final int HKDF_SHA_256 = 0x0800_0109;
    /** PSA_ALG_TLS12_PRF(PSA_ALG_SHA_256). */
    public static final int TLS12_PRF_SHA_256 = 0x0800_0209;
    /** PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_256) (not supported). */
    public static final int TLS12_PSK_TO_MS_SHA_256 = 0x0800_0309;
    /** PSA_ALG_HKDF_EXTRACT(PSA_ALG_SHA_256). */
    public static final int HKDF_EXTRACT_SHA_256 = 0x0800_0409;
    /** PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_256). */
    public static final int HKDF_EXPAND_SHA_256 = 0x0800_0509;
    /** PSA_ALG_SP800_108_COUNTER_CMAC (not supported). */
    public static final int SP800_108_COUNTER_CMAC = 0x0800_0800;
    /** PSA_ALG_ECDH: raw key agreement. */
    public static final int ECDH = 0x0902_0000;
    /** PSA_ALG_FFDH (not supported). */
    public static final int FFDH = 0x0901_0000;
    /** PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256)). */
    public static final int ECDH_HKDF_SHA_256 = 0x0902_0109;
    /**
     * TF-M 1.5/1.6's {@code TFM_CRYPTO_ALG_HUK_DERIVATION}: key derivation from the HUK with a LABEL input
     * ({@link TfmProfile#TFM_1_6} only).
     */
    public static final int TFM_CRYPTO_ALG_HUK_DERIVATION = 0xb000_0f00;

    private static final int CATEGORY_MASK = 0x7f00_0000;
    private static final int CATEGORY_HASH = 0x0200_0000;
    private static final int CATEGORY_MAC = 0x0300_0000;
    private static final int CATEGORY_AEAD = 0x0500_0000;
    private static final int CATEGORY_SIGN = 0x0600_0000;
    private static final int CATEGORY_KEY_DERIVATION = 0x0800_0000;
    private static final int CATEGORY_KEY_AGREEMENT = 0x0900_0000;
    private static final int HASH_MASK = 0x0000_00ff;
    private static final int KEY_AGREEMENT_MASK = 0xffff_0000;
    private static final int AEAD_TAG_LENGTH_MASK = 0x003f_0000;
    private static final int AEAD_TAG_LENGTH_OFFSET = 16;
    private static final int AEAD_AT_LEAST_THIS_LENGTH_FLAG = 0x0000_8000;
    private static final int MAC_TRUNCATION_MASK = 0x003f_0000;
    private static final int MAC_TRUNCATION_OFFSET = 16;
    private static final int MAC_AT_LEAST_THIS_LENGTH_FLAG = 0x0000_8000;
    private static final int ECDSA_BASE = 0x0600_0600;
    private static final int DETERMINISTIC_ECDSA_BASE = 0x0600_0700;
    private static final int HKDF_BASE = 0x0800_0100;
    private static final int TLS12_PRF_BASE = 0x0800_0200;
    private static final int HKDF_EXTRACT_BASE = 0x0800_0400;
    private static final int HKDF_EXPAND_BASE = 0x0800_0500;

    private PsaAlgorithm() {
    }

    /** PSA_ALG_ECDSA(hash). */
    public static int ecdsa(int hash) {
        return ECDSA_BASE | (hash & HASH_MASK);
    }

    /** PSA_ALG_DETERMINISTIC_ECDSA(hash). */
    public static int deterministicEcdsa(int hash) {
        return DETERMINISTIC_ECDSA_BASE | (hash & HASH_MASK);
    }

    /** PSA_ALG_HKDF(hash). */
    public static int hkdf(int hash) {
        return HKDF_BASE | (hash & HASH_MASK);
    }

    /** PSA_ALG_HKDF_EXTRACT(hash). */
    public static int hkdfExtract(int hash) {
        return HKDF_EXTRACT_BASE | (hash & HASH_MASK);
    }

    /** PSA_ALG_HKDF_EXPAND(hash). */
    public static int hkdfExpand(int hash) {
        return HKDF_EXPAND_BASE | (hash & HASH_MASK);
    }

    /** PSA_ALG_TLS12_PRF(hash). */
    public static int tls12Prf(int hash) {
        return TLS12_PRF_BASE | (hash & HASH_MASK);
    }

    /** PSA_ALG_KEY_AGREEMENT(ka, kdf). */
    public static int keyAgreement(int rawKeyAgreement, int kdf) {
        return rawKeyAgreement | kdf;
    }

    /** PSA_ALG_TRUNCATED_MAC(mac, macLength). */
    public static int truncatedMac(int mac, int macLength) {
        return (mac & ~(MAC_TRUNCATION_MASK | MAC_AT_LEAST_THIS_LENGTH_FLAG))
                | ((macLength << MAC_TRUNCATION_OFFSET) & MAC_TRUNCATION_MASK);
    }

    /** The MAC length encoded in a MAC algorithm (0 = the full length). */
    public static int macTruncation(int mac) {
        return (mac & MAC_TRUNCATION_MASK) >>> MAC_TRUNCATION_OFFSET;
    }

    /** PSA_ALG_FULL_LENGTH_MAC(mac). */
    public static int fullLengthMac(int mac) {
        return mac & ~(MAC_TRUNCATION_MASK | MAC_AT_LEAST_THIS_LENGTH_FLAG);
    }

    /** PSA_ALG_AEAD_WITH_SHORTENED_TAG(aead, tagLength). */
    public static int aeadWithShortenedTag(int aead, int tagLength) {
        return (aead & ~(AEAD_TAG_LENGTH_MASK | AEAD_AT_LEAST_THIS_LENGTH_FLAG))
                | ((tagLength << AEAD_TAG_LENGTH_OFFSET) & AEAD_TAG_LENGTH_MASK);
    }

    /** PSA_ALG_AEAD_GET_TAG_LENGTH(aead). */
    public static int aeadTagLength(int aead) {
        return (aead & AEAD_TAG_LENGTH_MASK) >>> AEAD_TAG_LENGTH_OFFSET;
    }

    /** PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(aead): the base AEAD with its default tag length. */
    public static int aeadBase(int aead) {
        int base = aead & ~(AEAD_TAG_LENGTH_MASK | AEAD_AT_LEAST_THIS_LENGTH_FLAG);
        if (base == (GCM & ~AEAD_TAG_LENGTH_MASK) || base == (CCM & ~AEAD_TAG_LENGTH_MASK)) {
            return base | (16 << AEAD_TAG_LENGTH_OFFSET);
        }
        return aead;
    }

    /** PSA_ALG_IS_HASH. */
    public static boolean isHash(int alg) {
        return (alg & CATEGORY_MASK) == CATEGORY_HASH;
    }

    /** PSA_ALG_IS_MAC. */
    public static boolean isMac(int alg) {
        return (alg & CATEGORY_MASK) == CATEGORY_MAC;
    }

    /** PSA_ALG_IS_AEAD. */
    public static boolean isAead(int alg) {
        return (alg & CATEGORY_MASK) == CATEGORY_AEAD;
    }

    /** PSA_ALG_IS_SIGN. */
    public static boolean isSign(int alg) {
        return (alg & CATEGORY_MASK) == CATEGORY_SIGN;
    }

    /** PSA_ALG_IS_ECDSA: randomized or deterministic ECDSA with any hash. */
    public static boolean isEcdsa(int alg) {
        return (alg & ~HASH_MASK & ~0x0000_0100) == ECDSA_BASE;
    }

    /** PSA_ALG_IS_DETERMINISTIC_ECDSA. */
    public static boolean isDeterministicEcdsa(int alg) {
        return (alg & ~HASH_MASK) == DETERMINISTIC_ECDSA_BASE;
    }

    /** PSA_ALG_SIGN_GET_HASH for hash-and-sign algorithms. */
    public static int signHash(int alg) {
        int h = alg & HASH_MASK;
        return h == 0 ? NONE : (CATEGORY_HASH | h);
    }

    /** PSA_ALG_IS_KEY_DERIVATION. */
    public static boolean isKeyDerivation(int alg) {
        return (alg & CATEGORY_MASK) == CATEGORY_KEY_DERIVATION;
    }

    /** PSA_ALG_IS_KEY_AGREEMENT (raw or combined with a KDF). */
    public static boolean isKeyAgreement(int alg) {
        return (alg & CATEGORY_MASK) == CATEGORY_KEY_AGREEMENT;
    }

    /** PSA_ALG_IS_RAW_KEY_AGREEMENT: a key agreement with no KDF. */
    public static boolean isRawKeyAgreement(int alg) {
        return isKeyAgreement(alg) && (alg & ~KEY_AGREEMENT_MASK) == 0;
    }

    /** PSA_ALG_KEY_AGREEMENT_GET_BASE. */
    public static int keyAgreementBase(int alg) {
        return alg & KEY_AGREEMENT_MASK;
    }

    /** PSA_ALG_KEY_AGREEMENT_GET_KDF. */
    public static int keyAgreementKdf(int alg) {
        return (alg & ~KEY_AGREEMENT_MASK) | CATEGORY_KEY_DERIVATION;
    }

    /** PSA_ALG_IS_HKDF. */
    public static boolean isHkdf(int alg) {
        return (alg & ~HASH_MASK) == HKDF_BASE;
    }

    /** PSA_ALG_IS_HKDF_EXTRACT. */
    public static boolean isHkdfExtract(int alg) {
        return (alg & ~HASH_MASK) == HKDF_EXTRACT_BASE;
    }

    /** PSA_ALG_IS_HKDF_EXPAND. */
    public static boolean isHkdfExpand(int alg) {
        return (alg & ~HASH_MASK) == HKDF_EXPAND_BASE;
    }

    /** PSA_ALG_IS_TLS12_PRF. */
    public static boolean isTls12Prf(int alg) {
        return (alg & ~HASH_MASK) == TLS12_PRF_BASE;
    }

    /** PSA_ALG_HKDF_GET_HASH and the like: the hash of a hash-parameterised KDF or MAC. */
    public static int kdfHash(int alg) {
        return CATEGORY_HASH | (alg & HASH_MASK);
    }

    /** A readable name for diagnostics. */
    public static String name(int alg) {
        switch (alg) {
            case NONE: return "NONE";
            case SHA_256: return "SHA_256";
            case HMAC_SHA_256: return "HMAC(SHA_256)";
            case ECDSA_SHA_256: return "ECDSA(SHA_256)";
            case DETERMINISTIC_ECDSA_SHA_256: return "DETERMINISTIC_ECDSA(SHA_256)";
            case ECDSA_ANY_HASH: return "ECDSA(ANY_HASH)";
            case GCM: return "GCM";
            case HKDF_SHA_256: return "HKDF(SHA_256)";
            case HKDF_EXTRACT_SHA_256: return "HKDF_EXTRACT(SHA_256)";
            case HKDF_EXPAND_SHA_256: return "HKDF_EXPAND(SHA_256)";
            case TLS12_PRF_SHA_256: return "TLS12_PRF(SHA_256)";
            case ECDH: return "ECDH";
            case ECDH_HKDF_SHA_256: return "KEY_AGREEMENT(ECDH, HKDF(SHA_256))";
            case TFM_CRYPTO_ALG_HUK_DERIVATION: return "TFM_CRYPTO_ALG_HUK_DERIVATION";
            default: return String.format(Locale.ROOT, "0x%08x", alg);
        }
    }
}

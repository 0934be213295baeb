package io.github.cai4j.crypto;

/**
 * PSA key types ({@code psa_key_type_t}, 16 bits) with their exact values from the PSA Crypto API
 * ({@code psa/crypto_values.h}).
 */
public final class PsaKeyType {
    /** PSA_KEY_TYPE_NONE. */
    public static final int NONE = 0x0000;
    /** PSA_KEY_TYPE_RAW_DATA: bytes usable as non-secret derivation inputs. */
    public static final int RAW_DATA = 0x1001;
    /** PSA_KEY_TYPE_HMAC. */
    public static final int HMAC = 0x1100;
    /** PSA_KEY_TYPE_DERIVE: a secret for key derivation. */
    public static final int DERIVE = 0x1200;
    /** PSA_KEY_TYPE_PASSWORD. */
    public static final int PASSWORD = 0x1203;
    /** PSA_KEY_TYPE_AES. */
    public static final int AES = 0x2400;
    /** PSA_KEY_TYPE_RSA_PUBLIC_KEY (not supported by this partition). */
    public static final int RSA_PUBLIC_KEY = 0x4001;
    /** PSA_KEY_TYPE_RSA_KEY_PAIR (not supported by this partition). */
    public static final int RSA_KEY_PAIR = 0x7001;
    /** PSA_ECC_FAMILY_SECP_R1. */
    public static final int ECC_FAMILY_SECP_R1 = 0x12;
    /** PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1) = 0x7112. */
    public static final int ECC_KEY_PAIR_SECP_R1 = 0x7112;
    /** PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1) = 0x4112. */
    public static final int ECC_PUBLIC_KEY_SECP_R1 = 0x4112;

    private static final int ECC_PUBLIC_KEY_BASE = 0x4100;
    private static final int ECC_KEY_PAIR_BASE = 0x7100;
    private static final int ECC_CURVE_MASK = 0x00ff;

    private PsaKeyType() {
    }

    /** PSA_KEY_TYPE_ECC_KEY_PAIR(family). */
    public static int eccKeyPair(int family) {
        return ECC_KEY_PAIR_BASE | (family & ECC_CURVE_MASK);
    }

    /** PSA_KEY_TYPE_ECC_PUBLIC_KEY(family). */
    public static int eccPublicKey(int family) {
        return ECC_PUBLIC_KEY_BASE | (family & ECC_CURVE_MASK);
    }

    /** PSA_KEY_TYPE_IS_ECC(type). */
    public static boolean isEcc(int type) {
        return ((type & ~ECC_CURVE_MASK) & 0xcfff) == ECC_PUBLIC_KEY_BASE;
    }

    /** PSA_KEY_TYPE_IS_ECC_KEY_PAIR(type). */
    public static boolean isEccKeyPair(int type) {
        return (type & 0xff00) == ECC_KEY_PAIR_BASE;
    }

    /** PSA_KEY_TYPE_IS_PUBLIC_KEY(type): category 0x4000. */
    public static boolean isPublicKey(int type) {
        return (type & 0x7000) == 0x4000;
    }

    /** PSA_KEY_TYPE_IS_ASYMMETRIC(type). */
    public static boolean isAsymmetric(int type) {
        return (type & 0x4000) == 0x4000;
    }

    /** PSA_KEY_TYPE_KEY_PAIR_OF_PUBLIC_KEY / PUBLIC_KEY_OF_KEY_PAIR: the public key type of a pair. */
    public static int publicKeyOf(int type) {
        return type & ~0x3000;
    }

    /** A readable name for diagnostics, e.g. {@code ECC_KEY_PAIR(SECP_R1)}. */
    public static String name(int type) {
        switch (type) {
            case NONE: return "NONE";
            case RAW_DATA: return "RAW_DATA";
            case HMAC: return "HMAC";
            case DERIVE: return "DERIVE";
            case PASSWORD: return "PASSWORD";
            case AES: return "AES";
            case RSA_PUBLIC_KEY: return "RSA_PUBLIC_KEY";
            case RSA_KEY_PAIR: return "RSA_KEY_PAIR";
            case ECC_KEY_PAIR_SECP_R1: return "ECC_KEY_PAIR(SECP_R1)";
            case ECC_PUBLIC_KEY_SECP_R1: return "ECC_PUBLIC_KEY(SECP_R1)";
            default: return String.format(java.util.Locale.ROOT, "0x%04x", type);
        }
    }
}

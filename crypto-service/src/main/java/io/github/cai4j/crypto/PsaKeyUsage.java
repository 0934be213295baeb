package io.github.cai4j.crypto;

/** PSA key usage flags ({@code psa_key_usage_t}) with their exact values. */
public final class PsaKeyUsage {
    /** PSA_KEY_USAGE_EXPORT. */
    public static final int EXPORT = 0x0000_0001;
    /** PSA_KEY_USAGE_COPY. */
    public static final int COPY = 0x0000_0002;
    /** PSA_KEY_USAGE_CACHE. */
    public static final int CACHE = 0x0000_0004;
    /** PSA_KEY_USAGE_ENCRYPT. */
    public static final int ENCRYPT = 0x0000_0100;
    /** PSA_KEY_USAGE_DECRYPT. */
    public static final int DECRYPT = 0x0000_0200;
    /** PSA_KEY_USAGE_SIGN_MESSAGE. */
    public static final int SIGN_MESSAGE = 0x0000_0400;
    /** PSA_KEY_USAGE_VERIFY_MESSAGE. */
    public static final int VERIFY_MESSAGE = 0x0000_0800;
    /** PSA_KEY_USAGE_SIGN_HASH (implies SIGN_MESSAGE). */
    public static final int SIGN_HASH = 0x0000_1000;
    /** PSA_KEY_USAGE_VERIFY_HASH (implies VERIFY_MESSAGE). */
    public static final int VERIFY_HASH = 0x0000_2000;
    /** PSA_KEY_USAGE_DERIVE. */
    public static final int DERIVE = 0x0000_4000;
    /** PSA_KEY_USAGE_VERIFY_DERIVATION. */
    public static final int VERIFY_DERIVATION = 0x0000_8000;

    private PsaKeyUsage() {
    }

    /**
     * The flags a key effectively has: SIGN_HASH adds SIGN_MESSAGE and VERIFY_HASH adds VERIFY_MESSAGE, as
     * {@code psa_import_key} does.
     */
    public static int extend(int usage) {
        int u = usage;
        if ((u & SIGN_HASH) != 0) {
            u |= SIGN_MESSAGE;
        }
        if ((u & VERIFY_HASH) != 0) {
            u |= VERIFY_MESSAGE;
        }
        return u;
    }
}

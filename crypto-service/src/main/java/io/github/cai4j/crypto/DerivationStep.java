package io.github.cai4j.crypto;

/**
 * Key derivation input steps ({@code psa_key_derivation_step_t}); the values are TF-M's / Mbed TLS's
 * ({@code spec/mcuboot-psa.md} B7).
 */
public final class DerivationStep {
    /** PSA_KEY_DERIVATION_INPUT_SECRET. */
    public static final int SECRET = 0x0101;
    /** PSA_KEY_DERIVATION_INPUT_PASSWORD. */
    public static final int PASSWORD = 0x0102;
    /** PSA_KEY_DERIVATION_INPUT_OTHER_SECRET. */
    public static final int OTHER_SECRET = 0x0103;
    /** PSA_KEY_DERIVATION_INPUT_LABEL. */
    public static final int LABEL = 0x0201;
    /** PSA_KEY_DERIVATION_INPUT_SALT. */
    public static final int SALT = 0x0202;
    /** PSA_KEY_DERIVATION_INPUT_INFO. */
    public static final int INFO = 0x0203;
    /** PSA_KEY_DERIVATION_INPUT_SEED. */
    public static final int SEED = 0x0204;
    /** PSA_KEY_DERIVATION_INPUT_COST. */
    public static final int COST = 0x0205;
    /** PSA_KEY_DERIVATION_INPUT_CONTEXT. */
    public static final int CONTEXT = 0x0206;

    private DerivationStep() {
    }
}

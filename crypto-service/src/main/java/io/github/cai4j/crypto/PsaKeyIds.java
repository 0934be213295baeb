package io.github.cai4j.crypto;

/**
 * PSA key identifiers and lifetimes ({@code psa_key_id_t}, {@code psa_key_lifetime_t}). Key ids are
 * namespaced by owner: the same id held by two callers names two different keys, and a caller never sees
 * another caller's keys.
 */
public final class PsaKeyIds {
    /** PSA_KEY_ID_NULL. */
    public static final int NULL = 0;
    /** PSA_KEY_ID_USER_MIN: the first id an application may choose for a persistent key. */
    public static final int USER_MIN = 0x0000_0001;
    /** PSA_KEY_ID_USER_MAX. */
    public static final int USER_MAX = 0x3fff_ffff;
    /** PSA_KEY_ID_VENDOR_MIN. */
    public static final int VENDOR_MIN = 0x4000_0000;
    /** PSA_KEY_ID_VENDOR_MAX. */
    public static final int VENDOR_MAX = 0x7fff_ffff;
    /**
     * TF-M's builtin HUK key (TF-M 1.7+): type DERIVE, algorithm HKDF-SHA256, usage DERIVE, visible to every
     * caller as its own per-owner sub-key. Never exportable, never destroyable.
     */
    public static final int TFM_BUILTIN_KEY_ID_HUK = 0x7fff_815c;

    /** PSA_KEY_LIFETIME_VOLATILE. */
    public static final int LIFETIME_VOLATILE = 0x0000_0000;
    /** PSA_KEY_LIFETIME_PERSISTENT (stored through {@link CryptoConfig#keyPersistence()}; see {@link CryptoPartition}). */
    public static final int LIFETIME_PERSISTENT = 0x0000_0001;
    /**
     * The lifetime TF-M's builtin keys report:
     * {@code PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_LIFETIME_PERSISTENT,
     * TFM_BUILTIN_KEY_LOADER_KEY_LOCATION = 0x800001)}.
     */
    public static final int LIFETIME_TFM_BUILTIN = 0x8000_0101;

    private PsaKeyIds() {
    }

    /** {@code true} for an id an application may choose (USER range). */
    public static boolean isUserId(int id) {
        return id >= USER_MIN && id <= USER_MAX;
    }
}

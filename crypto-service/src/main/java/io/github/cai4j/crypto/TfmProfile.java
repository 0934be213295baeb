package io.github.cai4j.crypto;

/**
 * Which generation of TF-M's hardware-unique-key derivation the crypto partition models
 * ({@code spec/firmware.md} §1.2 and §1.3).
 */
public enum TfmProfile {
    /**
     * TF-M 1.5/1.6: {@code psa_key_derivation_setup(TFM_CRYPTO_ALG_HUK_DERIVATION)}, a LABEL input that the
     * service prefixes with the caller's id ({@code LE32(caller) || label}), and {@code output_key} importing
     * {@code HKDF-SHA256(salt = LE32(caller) || label, IKM = HUK, info = empty, L = bits/8)}. There is no
     * builtin HUK key.
     */
    TFM_1_6,
    /**
     * TF-M 1.7/1.8: the builtin key {@link PsaKeyIds#TFM_BUILTIN_KEY_ID_HUK} (type DERIVE, algorithm
     * HKDF-SHA256, usage DERIVE) whose material, as seen by an owner, is the per-owner sub-key
     * {@code HKDF-SHA256(salt = empty, IKM = HUK, info = LE32(owner), L = 32)}; it is fed to ordinary PSA
     * key derivation as the SECRET. {@link PsaAlgorithm#TFM_CRYPTO_ALG_HUK_DERIVATION} is not supported.
     */
    TFM_1_7;

    /** The default profile: TF-M 1.7+. */
    public static TfmProfile defaultProfile() {
        return TFM_1_7;
    }
}

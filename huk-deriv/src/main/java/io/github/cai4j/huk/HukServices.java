package io.github.cai4j.huk;

/**
 * Identifiers of the HUK derivation partition ({@code tfm_huk_deriv_srv}, {@code spec/firmware.md} §1.1): its
 * default partition id, the SIDs of its services and the key ids it knows.
 *
 * <p>All services are connection based, version 1, policy STRICT.
 */
public final class HukServices {
    /** The partition id of the manifest list ({@code TFM_SP_HUK_DERI}); an input to every derivation. */
    public static final int DEFAULT_PARTITION_ID = 0x4c690100;
    /** The id TF-M's manifest tool auto-assigned in a TF-M 1.5 build. */
    public static final int AUTO_ASSIGNED_PARTITION_ID_TFM_1_5 = 258;
    /** The id TF-M's manifest tool auto-assigned in an early TF-M 1.6 build. */
    public static final int AUTO_ASSIGNED_PARTITION_ID_EARLY_TFM_1_6 = 262;

    /** {@code TFM_HUK_EC_KEY_STAT}: key status get (and set, TF-M 1.7+). Non-secure callers allowed. */
    public static final int SID_EC_KEY_STAT = 0x4c690101;
    /** {@code TFM_HUK_EXPORT_PUBKEY}: the 65-byte public key. Non-secure callers allowed. */
    public static final int SID_EXPORT_PUBKEY = 0x4c690102;
    /** {@code TFM_HUK_COSE_CBOR_ENC_SIGN}: encode (and sign) an inference value. Secure partitions only. */
    public static final int SID_COSE_CBOR_ENC_SIGN = 0x4c690103;
    /** {@code TFM_HUK_GEN_UUID}: the device UUID, 36 characters and a NUL. Non-secure callers allowed. */
    public static final int SID_GEN_UUID = 0x4c690104;
    /** {@code TFM_HUK_HASH_SIGN}: SHA-256 and ECDSA over a CSR's TBS part. Non-secure callers allowed. */
    public static final int SID_HASH_SIGN = 0x4c690105;
    /**
     * {@code TFM_HUK_AAT} (TF-M 1.6, non-secure callers allowed) / {@code TFM_HUK_COSE_AAT_SIGN} (TF-M 1.7+,
     * secure partitions only): the application attestation token.
     */
    public static final int SID_AAT = 0x4c690106;

    /** The version of every service. */
    public static final int SERVICE_VERSION = 1;

    /** The client TLS key, derived and held for the non-secure side ({@code KEY_ID_CLIENT_TLS}). */
    public static final int KEY_ID_CLIENT_TLS = 0x5001;
    /** The COSE signing key, derived by this partition at start-up ({@code KEY_ID_COSE}). */
    public static final int KEY_ID_COSE = 0x5002;

    /** Length of the UUID output: 36 characters and the terminating NUL. */
    public static final int UUID_OUTPUT_SIZE = 37;
    /** An uncompressed P-256 public key {@code 04 ‖ X ‖ Y}. */
    public static final int PUBLIC_KEY_SIZE = 65;
    /** A raw ECDSA P-256 signature {@code r ‖ s}. */
    public static final int SIGNATURE_SIZE = 64;
    /** A {@code size_t} on the 32-bit target. */
    public static final int SIZE_T_SIZE = 4;

    private HukServices() {
    }
}

package io.github.cai4j.storage;

/** Create flags and support flags of the PSA Secure Storage API 1.0 ({@code spec/mcuboot-psa.md} B5). */
public final class StorageFlags {
    /** PSA_STORAGE_FLAG_NONE. */
    public static final int NONE = 0;
    /** PSA_STORAGE_FLAG_WRITE_ONCE: the object can never be changed or removed. */
    public static final int WRITE_ONCE = 1;
    /** PSA_STORAGE_FLAG_NO_CONFIDENTIALITY: the object need not be encrypted (this PS encrypts anyway). */
    public static final int NO_CONFIDENTIALITY = 1 << 1;
    /** PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION: replay protection may be skipped (this PS protects anyway). */
    public static final int NO_REPLAY_PROTECTION = 1 << 2;
    /** Every create flag defined by the API. */
    public static final int ALL = WRITE_ONCE | NO_CONFIDENTIALITY | NO_REPLAY_PROTECTION;
    /** PSA_STORAGE_SUPPORT_SET_EXTENDED, a bit of {@code psa_ps_get_support()}. */
    public static final int SUPPORT_SET_EXTENDED = 1;

    private StorageFlags() {
    }
}

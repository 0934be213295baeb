package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaException;

/**
 * The calls common to {@code psa_its_*} and {@code psa_ps_*} (PSA Secure Storage API 1.0,
 * {@code spec/mcuboot-psa.md} B5), made through the call gate as one caller: every object lives in that
 * caller's namespace, and other callers' uids are invisible ({@code PSA_ERROR_DOES_NOT_EXIST}).
 *
 * <p>A uid is an unsigned 64-bit value; 0 is invalid. Every failure is a {@link PsaException} with the exact
 * status of the API.
 */
public interface SecureStorage {

    /**
     * Creates or replaces {@code uid}: capacity = size = {@code data.length} (0 allowed; {@code null} means no
     * data). Errors: {@code NOT_PERMITTED} (uid is write-once), {@code INVALID_ARGUMENT} (uid 0, or larger than
     * the largest object), {@code NOT_SUPPORTED} (unknown flag), {@code INSUFFICIENT_STORAGE},
     * {@code STORAGE_FAILURE}.
     */
    void set(long uid, byte[] data, int createFlags) throws PsaException;

    /**
     * Copies {@code min(dataSize, size - dataOffset)} bytes from {@code dataOffset} into
     * {@code buffer[bufferOffset..]} and returns that count; bytes past it are untouched.
     * Errors: {@code DOES_NOT_EXIST}, {@code INVALID_ARGUMENT} (uid 0, {@code dataOffset > size}, a buffer
     * range that does not exist), {@code STORAGE_FAILURE}; tampering: {@code INVALID_SIGNATURE} (PS) or
     * {@code DATA_CORRUPT}.
     *
     * @param dataOffset unsigned 32-bit offset (0..0xFFFFFFFF)
     */
    int get(long uid, long dataOffset, byte[] buffer, int bufferOffset, int dataSize) throws PsaException;

    /** The whole object ({@link #getInfo} then {@link #get}). */
    default byte[] get(long uid) throws PsaException {
        StorageInfo info = getInfo(uid);
        byte[] b = new byte[(int) info.size()];
        int n = get(uid, 0, b, 0, b.length);
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    }

    /** {@code get_info}: capacity, size and flags. Errors as {@link #get}. */
    StorageInfo getInfo(long uid) throws PsaException;

    /** Removes {@code uid}. Errors: {@code NOT_PERMITTED} (write-once), {@code DOES_NOT_EXIST}, {@code INVALID_ARGUMENT}. */
    void remove(long uid) throws PsaException;
}

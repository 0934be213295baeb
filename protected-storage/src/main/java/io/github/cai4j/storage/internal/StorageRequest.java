package io.github.cai4j.storage.internal;

/** One decoded storage call. */
public sealed interface StorageRequest {

    /** {@code set(uid, data, flags)}. */
    record Set(long uid, byte[] data, int flags) implements StorageRequest {
    }

    /** {@code get(uid, offset)} into an output of {@code maxLength} bytes. */
    record Get(long uid, long offset, int maxLength) implements StorageRequest {
    }

    /** {@code get_info(uid)}. */
    record GetInfo(long uid) implements StorageRequest {
    }

    /** {@code remove(uid)}. */
    record Remove(long uid) implements StorageRequest {
    }

    /** {@code get_support()}. */
    record GetSupport() implements StorageRequest {
    }

    /** {@code create(uid, capacity, flags)}. */
    record Create(long uid, long capacity, int flags) implements StorageRequest {
    }

    /** {@code set_extended(uid, offset, data)}. */
    record SetExtended(long uid, long offset, byte[] data) implements StorageRequest {
    }
}

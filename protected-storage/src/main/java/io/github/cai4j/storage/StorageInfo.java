package io.github.cai4j.storage;

/**
 * {@code struct psa_storage_info_t}.
 *
 * @param capacity bytes the object may hold
 * @param size     bytes it holds
 * @param flags    its create flags ({@link StorageFlags})
 */
public record StorageInfo(long capacity, long size, int flags) {
}

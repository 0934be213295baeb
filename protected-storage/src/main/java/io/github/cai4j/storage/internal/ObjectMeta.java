package io.github.cai4j.storage.internal;

/**
 * What the table says about an object; every field is bound into the object's tag.
 *
 * @param clientId the owner (namespaces are per client id)
 * @param uid      the PSA storage uid (unsigned 64-bit)
 * @param flags    the create flags
 * @param size     current size in bytes
 * @param capacity capacity in bytes ({@code >= size})
 */
public record ObjectMeta(int clientId, long uid, int flags, int size, int capacity) {

    /** {@code int32 client_id || uint64 uid}, little endian: TF-M's key-derivation label. */
    public byte[] label() {
        byte[] b = new byte[12];
        Le.put32(b, 0, clientId);
        Le.put64(b, 4, uid);
        return b;
    }

    /** The additional data bound into the object's tag. */
    public byte[] aad() {
        byte[] b = new byte[24];
        Le.put64(b, 0, uid);
        Le.put32(b, 8, clientId);
        Le.put32(b, 12, flags);
        Le.put32(b, 16, size);
        Le.put32(b, 20, capacity);
        return b;
    }
}

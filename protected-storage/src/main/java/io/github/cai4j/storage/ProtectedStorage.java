package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;

/**
 * The {@code psa_ps_*} client API over any {@link PsaClient}: non-secure code passes its gate client, a secure
 * partition its own {@code PartitionContext.client()} (and must list SID 0x60 in its manifest's dependencies).
 * Objects are encrypted and authenticated per object by the PS partition; a tampered object reads as
 * {@code PSA_ERROR_INVALID_SIGNATURE}, a tampered or rolled-back store as {@code PSA_ERROR_DATA_CORRUPT}.
 */
public final class ProtectedStorage implements SecureStorage {
    private final StorageCalls calls;

    public ProtectedStorage(PsaClient client) {
        this.calls = new StorageCalls(client, StorageService.PROTECTED_STORAGE);
    }

    @Override
    public void set(long uid, byte[] data, int createFlags) throws PsaException {
        calls.set(uid, data, createFlags);
    }

    @Override
    public int get(long uid, long dataOffset, byte[] buffer, int bufferOffset, int dataSize) throws PsaException {
        return calls.get(uid, dataOffset, buffer, bufferOffset, dataSize);
    }

    @Override
    public StorageInfo getInfo(long uid) throws PsaException {
        return calls.getInfo(uid);
    }

    @Override
    public void remove(long uid) throws PsaException {
        calls.remove(uid);
    }

    /** {@code psa_ps_get_support()}: {@link StorageFlags#SUPPORT_SET_EXTENDED} or 0 (TF-M's answer). */
    public int getSupport() throws PsaException {
        return calls.getSupport();
    }

    /**
     * {@code psa_ps_create}: an object of {@code capacity} bytes and size 0. {@code NOT_SUPPORTED} unless the
     * partition offers the optional API; {@code ALREADY_EXISTS}, {@code INSUFFICIENT_STORAGE},
     * {@code INVALID_ARGUMENT} (uid 0), {@code NOT_SUPPORTED} for {@link StorageFlags#WRITE_ONCE}.
     */
    public void create(long uid, long capacity, int createFlags) throws PsaException {
        calls.create(uid, capacity, createFlags);
    }

    /**
     * {@code psa_ps_set_extended}: writes {@code data} at {@code dataOffset} (at most the current size, and
     * within the capacity). {@code NOT_SUPPORTED} unless offered.
     */
    public void setExtended(long uid, long dataOffset, byte[] data) throws PsaException {
        calls.setExtended(uid, dataOffset, data);
    }

    @Override
    public String toString() {
        return "ProtectedStorage[client " + calls.client().clientId() + "]";
    }
}

package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;

/**
 * The {@code psa_its_*} client API over any {@link PsaClient} (SID 0x70). Objects are integrity protected,
 * not encrypted; a corrupted object or store reads as {@code PSA_ERROR_DATA_CORRUPT}.
 */
public final class InternalTrustedStorage implements SecureStorage {
    private final StorageCalls calls;

    public InternalTrustedStorage(PsaClient client) {
        this.calls = new StorageCalls(client, StorageService.INTERNAL_TRUSTED_STORAGE);
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

    @Override
    public String toString() {
        return "InternalTrustedStorage[client " + calls.client().clientId() + "]";
    }
}

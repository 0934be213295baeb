package io.github.cai4j.storage;

import io.github.cai4j.crypto.KeyPersistence;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Persistent keys in Internal Trusted Storage, as TF-M's crypto partition keeps them: the crypto partition calls
 * the ITS service (SID 0x70, its declared dependency) with its own client id, so the records live in its own ITS
 * namespace, survive reboots and power loss with ITS's guarantees, and are out of every other client's reach. The
 * records arrive sealed by the crypto partition.
 *
 * <pre>{@code
 * CryptoConfig.builder().keyPersistence(new ItsKeyPersistence())...
 * }</pre>
 */
public final class ItsKeyPersistence implements KeyPersistence {
    /** Stateless: each call reaches ITS through the client it is given. */
    public ItsKeyPersistence() {
        // nothing to hold
    }

    @Override
    public OptionalInt dependency() {
        return OptionalInt.of(StorageService.INTERNAL_TRUSTED_STORAGE.sid());
    }

    @Override
    public Optional<byte[]> read(PsaClient crypto, long uid) throws PsaException {
        InternalTrustedStorage its = new InternalTrustedStorage(crypto);
        StorageInfo info;
        try {
            info = its.getInfo(uid);
        } catch (PsaException e) {
            if (e.statusValue() == PsaStatus.ERROR_DOES_NOT_EXIST.value()) {
                return Optional.empty();
            }
            throw e;
        }
        byte[] record = new byte[(int) info.size()];
        int read = its.get(uid, 0, record, 0, record.length);
        if (read != record.length) {
            throw new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "ITS returned " + read + " of " + record.length
                    + " bytes of a key record");
        }
        return Optional.of(record);
    }

    @Override
    public void write(PsaClient crypto, long uid, byte[] record) throws PsaException {
        new InternalTrustedStorage(crypto).set(uid, record, StorageFlags.NONE);
    }

    @Override
    public void remove(PsaClient crypto, long uid) throws PsaException {
        try {
            new InternalTrustedStorage(crypto).remove(uid);
        } catch (PsaException e) {
            if (e.statusValue() != PsaStatus.ERROR_DOES_NOT_EXIST.value()) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "ItsKeyPersistence[SID 0x70]";
    }
}

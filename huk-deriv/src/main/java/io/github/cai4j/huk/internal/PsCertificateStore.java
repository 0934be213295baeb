package io.github.cai4j.huk.internal;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.StorageFlags;
import java.util.Optional;

/** Certificates in PS ({@code psa_ps_set} / {@code psa_ps_get}) in the caller's namespace. */
final class PsCertificateStore implements CertificateStore {
    private final ProtectedStorage ps;

    PsCertificateStore(PsaClient client) {
        this.ps = new ProtectedStorage(client);
    }

    @Override
    public void store(long uid, byte[] data) throws PsaException {
        ps.set(uid, data, StorageFlags.NONE);
    }

    @Override
    public Optional<byte[]> load(long uid) throws PsaException {
        try {
            return Optional.of(ps.get(uid));
        } catch (PsaException e) {
            if (e.is(PsaStatus.ERROR_DOES_NOT_EXIST)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

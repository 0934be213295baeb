package io.github.cai4j.huk.internal;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import java.util.Optional;

/** Where the non-secure application keeps issued certificates: protected storage, in its own namespace. */
public interface CertificateStore {

    /** Stores (or replaces) the object {@code uid}. */
    void store(long uid, byte[] data) throws PsaException;

    /** The object {@code uid}, or empty if it does not exist. */
    Optional<byte[]> load(long uid) throws PsaException;

    /** The PS service reached through {@code client} (the caller's namespace). */
    static CertificateStore protectedStorage(PsaClient client) {
        return new PsCertificateStore(client);
    }
}

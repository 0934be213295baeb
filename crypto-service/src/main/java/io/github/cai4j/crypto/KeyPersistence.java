package io.github.cai4j.crypto;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the crypto partition keeps persistent keys between boots. In TF-M the crypto partition stores them in
 * Internal Trusted Storage under its own client id; a device wires that here (the device module's ITS-backed
 * implementation), a test may use {@link #inMemory()}.
 *
 * <p>The partition hands over only sealed records: the key material is encrypted and authenticated with AES-256-GCM
 * under a key derived from the HUK inside the partition, bound to the key's owner, id and attributes, so neither
 * the storage nor the flash image ever holds key material in the clear. Each call receives the crypto partition's
 * own {@link PsaClient}, through which a storage partition is reached as TF-M's crypto partition reaches ITS.
 */
public interface KeyPersistence {
    /** The SID of the storage service the crypto partition calls, declared as its dependency, if any. */
    OptionalInt dependency();

    /** The record stored under {@code uid}, or empty if there is none. */
    Optional<byte[]> read(PsaClient crypto, long uid) throws PsaException;

    /** Stores (creates or replaces) the record under {@code uid}; returns only once it is durable. */
    void write(PsaClient crypto, long uid, byte[] record) throws PsaException;

    /** Removes the record under {@code uid}; nothing happens if there is none. */
    void remove(PsaClient crypto, long uid) throws PsaException;

    /**
     * Records in this object's memory: they outlive a re-created crypto partition that is given the same object,
     * not the JVM. For tests and for hosts that persist nothing.
     */
    static KeyPersistence inMemory() {
        return new KeyPersistence() {
            private final java.util.Map<Long, byte[]> records = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public OptionalInt dependency() {
                return OptionalInt.empty();
            }

            @Override
            public Optional<byte[]> read(PsaClient crypto, long uid) {
                byte[] r = records.get(uid);
                return r == null ? Optional.empty() : Optional.of(r.clone());
            }

            @Override
            public void write(PsaClient crypto, long uid, byte[] record) {
                records.put(uid, record.clone());
            }

            @Override
            public void remove(PsaClient crypto, long uid) {
                records.remove(uid);
            }

            @Override
            public String toString() {
                return "KeyPersistence.inMemory[" + records.size() + " records]";
            }
        };
    }
}

package io.github.cai4j.crypto.internal;

import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.KeyPersistence;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Seals persistent keys for a {@link KeyPersistence} and opens them again. A record is
 * {@code "C4K" ‖ version 1 ‖ lifetime ‖ type ‖ bits ‖ usage ‖ algorithm} (big-endian 32-bit fields), then a
 * 12-byte nonce and the material encrypted with AES-256-GCM under {@code HKDF-SHA256(salt = "cai4j",
 * IKM = HUK, info = "persistent key sealing v1", L = 32)}. The additional data is the header followed by the
 * owner and the id, so a record moved to another owner or id, or with changed attributes, does not open. Records
 * are stored under the uid {@code owner << 32 | id}. The sealing key never leaves this class and is zeroed when
 * the partition shuts down.
 */
final class KeyVault {
    private static final byte[] MAGIC = {'C', '4', 'K'};
    private static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 1 + 5 * 4;

    private final KeyPersistence persistence;
    private final byte[] sealingKey;
    private final SecureRandom random;
    private PsaClient client;

    /** @param huk the HUK bytes (read here once; the caller zeroes its copy) */
    KeyVault(KeyPersistence persistence, byte[] huk, SecureRandom random) {
        this.persistence = persistence;
        this.sealingKey = Hkdf.derive("cai4j".getBytes(StandardCharsets.US_ASCII), huk,
                "persistent key sealing v1".getBytes(StandardCharsets.US_ASCII), 32);
        this.random = random;
    }

    /** The crypto partition's own client, from its context at start-up. */
    void bind(PsaClient crypto) {
        this.client = crypto;
    }

    /** {@code owner << 32 | id}: the storage uid of a key, and the key store's map key for it. */
    static long uid(int owner, int id) {
        return ((long) owner << 32) | (id & 0xffff_ffffL);
    }

    private PsaClient client() throws PsaException {
        if (client == null) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, "the crypto partition has not started");
        }
        return client;
    }

    boolean exists(int owner, int id) throws PsaException {
        return persistence.read(client(), uid(owner, id)).isPresent();
    }

    /** Seals and stores {@code k}; returns once the storage acknowledged it. */
    void save(Key k) throws PsaException {
        KeyAttributes a = k.attributes;
        byte[] header = header(a);
        byte[] nonce = new byte[Aead.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = Aead.encrypt(sealingKey, nonce, aad(header, k.owner, a.id()), k.material());
        byte[] record = ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce)
                .put(sealed).array();
        persistence.write(client(), uid(k.owner, a.id()), record);
    }

    /** Opens the record of ({@code owner}, {@code id}); empty if there is none. */
    Optional<Key> load(int owner, int id) throws PsaException {
        Optional<byte[]> stored = persistence.read(client(), uid(owner, id));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] r = stored.get();
        if (r.length < HEADER + Aead.NONCE_BYTES + Aead.TAG_BYTES + 1
                || !MessageDigest.isEqual(Arrays.copyOf(r, MAGIC.length), MAGIC) || r[MAGIC.length] != VERSION) {
            throw new PsaException(PsaStatus.ERROR_DATA_INVALID, "stored key 0x" + Integer.toHexString(id)
                    + " is not a key record of this implementation");
        }
        ByteBuffer b = ByteBuffer.wrap(r, MAGIC.length + 1, 5 * 4);
        int lifetime = b.getInt();
        int type = b.getInt();
        int bits = b.getInt();
        int usage = b.getInt();
        int alg = b.getInt();
        byte[] header = Arrays.copyOf(r, HEADER);
        byte[] nonce = Arrays.copyOfRange(r, HEADER, HEADER + Aead.NONCE_BYTES);
        byte[] material = Aead.decrypt(sealingKey, nonce, aad(header, owner, id),
                Arrays.copyOfRange(r, HEADER + Aead.NONCE_BYTES, r.length));
        if (material == null) {
            throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, "stored key 0x" + Integer.toHexString(id)
                    + " does not authenticate (altered, moved, or sealed by another device)");
        }
        KeyAttributes a = KeyAttributes.of(id, lifetime, type, bits, usage, alg);
        int actualBits;
        try {
            actualBits = KeyStore.validateMaterial(a, material);
        } catch (PsaException e) {
            Arrays.fill(material, (byte) 0);
            throw new PsaException(PsaStatus.ERROR_DATA_INVALID, "stored key 0x" + Integer.toHexString(id)
                    + " is not valid: " + e.getMessage());
        }
        if (actualBits != bits) {
            Arrays.fill(material, (byte) 0);
            throw new PsaException(PsaStatus.ERROR_DATA_INVALID, "stored key 0x" + Integer.toHexString(id)
                    + " has inconsistent attributes");
        }
        return Optional.of(Key.create(owner, a, material));
    }

    void remove(int owner, int id) throws PsaException {
        persistence.remove(client(), uid(owner, id));
    }

    /** Zeroes the sealing key (the partition shut down). */
    void destroy() {
        Arrays.fill(sealingKey, (byte) 0);
    }

    private static byte[] header(KeyAttributes a) {
        return ByteBuffer.allocate(HEADER).put(MAGIC).put((byte) VERSION).putInt(a.lifetime()).putInt(a.type())
                .putInt(a.bits()).putInt(a.usage()).putInt(a.algorithm()).array();
    }

    private static byte[] aad(byte[] header, int owner, int id) {
        return ByteBuffer.allocate(header.length + 8).put(header).putInt(owner).putInt(id).array();
    }

    @Override
    public String toString() {
        return "KeyVault[" + persistence + "]";
    }
}

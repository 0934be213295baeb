package io.github.cai4j.crypto.internal;

import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyIds;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keys by (owner, id), with Mbed TLS's key-creation and policy checks. Volatile ids are
 * {@code PSA_KEY_ID_VOLATILE_MIN + slot} with {@code PSA_KEY_ID_VOLATILE_MIN = VENDOR_MAX - slots + 1}, as in
 * Mbed TLS; persistent keys take a caller-chosen id in the USER range.
 */
final class KeyStore {
    /** PSA_MAX_KEY_BITS-like bound on imported material. */
    static final int MAX_KEY_BYTES = 1024;

    private final Map<Long, Key> keys = new HashMap<>();
    private final Key[] volatileSlots;
    private final int volatileMin;
    private final int persistentLimit;
    private int persistentCount;

    /** Where persistent keys are stored sealed, or {@code null} to keep them in memory only. */
    private final KeyVault vault;

    KeyStore(int slots, int persistentLimit, KeyVault vault) {
        this.volatileSlots = new Key[slots];
        this.volatileMin = PsaKeyIds.VENDOR_MAX - slots + 1;
        this.persistentLimit = persistentLimit;
        this.vault = vault;
    }

    private static boolean isPersistent(KeyAttributes a) {
        return (a.lifetime() & 0xff) != 0;
    }

    private static long slotKey(int owner, int id) {
        return KeyVault.uid(owner, id);
    }

    /**
     * The key, loaded from the vault on first use if it is a persistent key of an earlier boot (as Mbed TLS loads
     * persistent keys into a slot when they are used), or INVALID_HANDLE if the owner has no key with this id.
     */
    Key get(int owner, int id) throws PsaException {
        Key k = keys.get(slotKey(owner, id));
        if (k == null && vault != null && PsaKeyIds.isUserId(id)) {
            Optional<Key> stored = vault.load(owner, id);
            if (stored.isPresent()) {
                k = stored.get();
                if (persistentCount >= persistentLimit) {
                    k.destroy();
                    throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_MEMORY,
                            "no room to load another persistent key");
                }
                keys.put(slotKey(owner, id), k);
                persistentCount++;
            }
        }
        if (k == null) {
            throw new PsaException(PsaStatus.ERROR_INVALID_HANDLE, "no key 0x" + Integer.toHexString(id));
        }
        return k;
    }

    /**
     * Validates the lifetime and id of a key about to be created (Mbed TLS {@code psa_start_key_creation}).
     */
    void checkCreation(int owner, KeyAttributes a) throws PsaException {
        int persistence = a.lifetime() & 0xff;
        int location = a.lifetime() >>> 8;
        if (location != 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "key location 0x"
                    + Integer.toHexString(location) + " does not exist");
        }
        if (persistence == 0) {
            if (a.id() != PsaKeyIds.NULL) {
                throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a volatile key cannot have an id");
            }
            return;
        }
        if (persistence == 0xff) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "read-only keys cannot be created");
        }
        if (!PsaKeyIds.isUserId(a.id())) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a persistent key id must be in 1..0x3fffffff");
        }
        if (keys.containsKey(slotKey(owner, a.id())) || (vault != null && vault.exists(owner, a.id()))) {
            throw new PsaException(PsaStatus.ERROR_ALREADY_EXISTS, "key 0x" + Integer.toHexString(a.id())
                    + " already exists");
        }
        if (persistentCount >= persistentLimit) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_STORAGE, "no room for another persistent key");
        }
    }

    /**
     * Validates material for {@code type} and returns its size in bits ({@code psa_import_key}'s checks).
     */
    static int validateMaterial(KeyAttributes a, byte[] data) throws PsaException {
        int type = a.type();
        if (data.length == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "empty key data");
        }
        if (data.length > MAX_KEY_BYTES) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "key data larger than " + MAX_KEY_BYTES + " bytes");
        }
        int bits;
        switch (type) {
            case PsaKeyType.AES:
                if (data.length != 16 && data.length != 24 && data.length != 32) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "AES keys are 16, 24 or 32 bytes");
                }
                bits = data.length * 8;
                break;
            case PsaKeyType.HMAC:
            case PsaKeyType.DERIVE:
            case PsaKeyType.RAW_DATA:
            case PsaKeyType.PASSWORD:
                bits = data.length * 8;
                break;
            case PsaKeyType.ECC_KEY_PAIR_SECP_R1:
                if (data.length != P256.SCALAR_BYTES || !P256.isValidScalar(new BigInteger(1, data))) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT,
                            "a P-256 private key is 32 bytes d with 1 <= d < n");
                }
                bits = 256;
                break;
            case PsaKeyType.ECC_PUBLIC_KEY_SECP_R1:
                P256.decodePublic(data);
                bits = 256;
                break;
            default:
                throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "key type " + PsaKeyType.name(type)
                        + " not supported");
        }
        if (a.bits() != 0 && a.bits() != bits) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "key data is " + bits + " bits, attributes say "
                    + a.bits());
        }
        return bits;
    }

    /**
     * Creates a key from validated material (takes ownership of {@code material}); returns it with its final
     * attributes (id assigned, bits set, usage extended).
     */
    Key create(int owner, KeyAttributes a, byte[] material, int bits) throws PsaException {
        checkCreation(owner, a);
        int id;
        int slot = -1;
        if (!isPersistent(a)) {
            for (int i = 0; i < volatileSlots.length; i++) {
                if (volatileSlots[i] == null) {
                    slot = i;
                    break;
                }
            }
            if (slot < 0) {
                java.util.Arrays.fill(material, (byte) 0);
                throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_MEMORY, "all " + volatileSlots.length
                        + " key slots are in use");
            }
            id = volatileMin + slot;
        } else {
            id = a.id();
        }
        KeyAttributes fin = KeyAttributes.of(id, a.lifetime(), a.type(), bits, PsaKeyUsage.extend(a.usage()),
                a.algorithm());
        Key k = Key.create(owner, fin, material);
        if (slot < 0 && vault != null) {
            try {
                vault.save(k);
            } catch (PsaException e) {
                k.destroy();
                throw e;
            }
        }
        keys.put(slotKey(owner, id), k);
        if (slot >= 0) {
            volatileSlots[slot] = k;
        } else {
            persistentCount++;
        }
        return k;
    }

    /**
     * Removes and zeroes a key; a persistent key is also removed from the vault. The key is gone from memory even
     * when the storage reports an error, which is then passed on (as Mbed TLS's {@code psa_destroy_key}).
     */
    void destroy(Key k) throws PsaException {
        PsaException storage = null;
        if (vault != null && isPersistent(k.attributes)) {
            try {
                vault.remove(k.owner, k.id());
            } catch (PsaException e) {
                storage = e;
            }
        }
        destroyInMemory(k);
        if (storage != null) {
            throw storage;
        }
    }

    /** Zeroes and forgets every key held in memory; stored persistent keys are not touched. */
    void destroyAllInMemory() {
        for (Key k : new java.util.ArrayList<>(keys.values())) {
            destroyInMemory(k);
        }
    }

    private void destroyInMemory(Key k) {
        keys.remove(slotKey(k.owner, k.id()));
        int slot = k.id() - volatileMin;
        if (!isPersistent(k.attributes) && slot >= 0 && slot < volatileSlots.length
                && volatileSlots[slot] == k) {
            volatileSlots[slot] = null;
        } else {
            persistentCount--;
        }
        k.destroy();
    }

    /**
     * Mbed TLS's {@code psa_key_algorithm_permits}: the requested algorithm equals the policy, or the policy
     * is a hash wildcard of the same signature family, or the policy is the raw key agreement of a
     * key-agreement-plus-KDF request.
     */
    static boolean algorithmPermits(int policy, int requested) {
        if (requested == policy) {
            return true;
        }
        if (PsaAlgorithm.isSign(requested) && policy != 0 && (policy & 0xff) == (PsaAlgorithm.ANY_HASH & 0xff)
                && PsaAlgorithm.isSign(policy)) {
            return (policy & ~0xff) == (requested & ~0xff);
        }
        if (PsaAlgorithm.isRawKeyAgreement(policy) && PsaAlgorithm.isKeyAgreement(requested)) {
            return PsaAlgorithm.keyAgreementBase(requested) == policy;
        }
        return false;
    }

    /**
     * Mbed TLS's {@code psa_get_and_lock_key_slot_with_policy} checks: the usage flags (EXPORT is implied for
     * public keys) and, if {@code alg != 0}, the algorithm policy.
     */
    static void checkPolicy(Key k, int usage, int alg) throws PsaException {
        int needed = usage;
        if (PsaKeyType.isPublicKey(k.type())) {
            needed &= ~PsaKeyUsage.EXPORT;
        }
        if ((k.attributes.usage() & needed) != needed) {
            throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED, "the key's usage flags do not allow this");
        }
        if (alg != 0) {
            if ((alg & 0xff) == (PsaAlgorithm.ANY_HASH & 0xff) && PsaAlgorithm.isSign(alg)) {
                throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a wildcard is not an algorithm");
            }
            if (!algorithmPermits(k.attributes.algorithm(), alg)) {
                throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED, "the key's policy does not permit "
                        + PsaAlgorithm.name(alg));
            }
        }
    }

    /** The number of keys held (all owners). */
    int size() {
        return keys.size();
    }
}

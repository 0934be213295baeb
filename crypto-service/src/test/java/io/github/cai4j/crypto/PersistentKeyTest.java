package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Persistent keys through a {@link KeyPersistence}: they survive a re-created partition, keep their policy and
 * owner, are stored sealed (no material in the records), and altered, moved or foreign records are refused with
 * DATA_CORRUPT / DATA_INVALID.
 */
class PersistentKeyTest {
    private static final byte[] HASH = new byte[32];
    private static final int ID = 0x1234;

    /** Records visible to the test, so it can look inside and tamper. */
    static final class Records implements KeyPersistence {
        final Map<Long, byte[]> map = new HashMap<>();
        PsaStatus failWrites;

        @Override
        public OptionalInt dependency() {
            return OptionalInt.empty();
        }

        @Override
        public Optional<byte[]> read(PsaClient crypto, long uid) {
            byte[] r = map.get(uid);
            return r == null ? Optional.empty() : Optional.of(r.clone());
        }

        @Override
        public void write(PsaClient crypto, long uid, byte[] record) throws PsaException {
            if (failWrites != null) {
                throw new PsaException(failWrites, "storage full");
            }
            map.put(uid, record.clone());
        }

        @Override
        public void remove(PsaClient crypto, long uid) {
            map.remove(uid);
        }
    }

    private static CryptoFixture boot(KeyPersistence p, HukSource huk) throws PsaException {
        return CryptoFixture.boot(CryptoConfig.builder().profile(TfmProfile.TFM_1_7).random(new SecureRandom())
                .keyPersistence(p).build(), huk);
    }

    private static KeyAttributes signingKey(int usage) {
        return KeyAttributes.builder().id(ID).type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256).usage(usage)
                .algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
    }

    private static void status(PsaStatus want, KeyPolicyTest.Call call) {
        KeyPolicyTest.status(want, call);
    }

    @Test
    void aPersistentKeySurvivesARecreatedPartitionWithItsPolicyAndOwner() throws PsaException {
        Records records = new Records();
        CryptoFixture first = boot(records, HukSource.dummy());
        assertEquals(ID, first.ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH)));
        byte[] pub = first.ns.exportPublicKey(ID);
        int volatileKey = first.ns.importKey(KeyAttributes.builder().type(PsaKeyType.AES).bits(128)
                .usage(PsaKeyUsage.ENCRYPT).algorithm(PsaAlgorithm.GCM).build(), new byte[16]);
        assertEquals(1, records.map.size(), "only the persistent key is stored");

        CryptoFixture second = boot(records, HukSource.dummy());
        assertArrayEquals(pub, second.ns.exportPublicKey(ID));
        byte[] sig = second.ns.signHash(ID, PsaAlgorithm.ECDSA_SHA_256, HASH);
        assertTrue(first.ns.verifyHash(ID, PsaAlgorithm.ECDSA_SHA_256, HASH, sig));
        KeyAttributes a = second.ns.getKeyAttributes(ID);
        assertEquals(PsaKeyIds.LIFETIME_PERSISTENT, a.lifetime());
        assertEquals(PsaAlgorithm.ECDSA_SHA_256, a.algorithm());
        // the policy came back with the key: no export
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> second.ns.exportKey(ID));
        // volatile keys did not survive
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> second.ns.exportPublicKey(volatileKey));
        // another owner does not see it, neither in memory nor in storage
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> second.secure.exportPublicKey(ID));
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> second.nonSecure(-2).exportPublicKey(ID));
        // and may create its own key with the same id
        assertEquals(ID, second.secure.generateKey(signingKey(PsaKeyUsage.SIGN_HASH)));
        assertEquals(2, records.map.size());
    }

    @Test
    void creatingAnIdStoredByAnEarlierBootIsAlreadyExistsAndDestroyRemovesTheRecord() throws PsaException {
        Records records = new Records();
        boot(records, HukSource.dummy()).ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH));
        CryptoFixture second = boot(records, HukSource.dummy());
        status(PsaStatus.ERROR_ALREADY_EXISTS, () -> second.ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH)));
        second.ns.destroyKey(ID);
        assertTrue(records.map.isEmpty());
        CryptoFixture third = boot(records, HukSource.dummy());
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> third.ns.exportPublicKey(ID));
        assertEquals(ID, third.ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH)));
    }

    @Test
    void recordsHoldNoKeyMaterialInTheClear() throws PsaException {
        Records records = new Records();
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        CryptoFixture f = boot(records, HukSource.dummy());
        f.ns.importKey(KeyAttributes.builder().id(7).type(PsaKeyType.HMAC).bits(256).usage(PsaKeyUsage.SIGN_MESSAGE)
                .algorithm(PsaAlgorithm.HMAC_SHA_256).build(), secret);
        String stored = HexFormat.of().formatHex(records.map.values().iterator().next());
        assertFalse(stored.contains(HexFormat.of().formatHex(secret, 0, 8)), stored);
        byte[] mac = f.ns.macCompute(7, PsaAlgorithm.HMAC_SHA_256, HASH);
        assertArrayEquals(mac, boot(records, HukSource.dummy()).ns.macCompute(7,
                PsaAlgorithm.HMAC_SHA_256, HASH));
    }

    @Test
    void alteredMovedForeignAndUnknownRecordsAreRefused() throws PsaException {
        Records records = new Records();
        boot(records, HukSource.dummy()).ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH));
        long uid = records.map.keySet().iterator().next();
        byte[] good = records.map.get(uid);
        // every byte of the record matters
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            records.map.put(uid, bad);
            PsaException e = assertThrows(PsaException.class,
                    () -> boot(records, HukSource.dummy()).ns.exportPublicKey(ID), "byte " + i);
            assertTrue(e.statusValue() == PsaStatus.ERROR_DATA_CORRUPT.value()
                    || e.statusValue() == PsaStatus.ERROR_DATA_INVALID.value(), "byte " + i + ": " + e.getMessage());
        }
        // moved to another id of the same owner
        records.map.clear();
        records.map.put(uid + 1, good);
        status(PsaStatus.ERROR_DATA_CORRUPT, () -> boot(records, HukSource.dummy()).ns.exportPublicKey(ID + 1));
        // sealed by another device (another HUK)
        records.map.clear();
        records.map.put(uid, good);
        status(PsaStatus.ERROR_DATA_CORRUPT,
                () -> boot(records, HukSource.ofHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"))
                        .ns.exportPublicKey(ID));
        // not a record at all
        records.map.put(uid, new byte[] {1, 2, 3});
        status(PsaStatus.ERROR_DATA_INVALID, () -> boot(records, HukSource.dummy()).ns.exportPublicKey(ID));
    }

    @Test
    void aKeyIsNotCreatedWhenItCannotBeStored() throws PsaException {
        Records records = new Records();
        records.failWrites = PsaStatus.ERROR_INSUFFICIENT_STORAGE;
        CryptoFixture f = boot(records, HukSource.dummy());
        status(PsaStatus.ERROR_INSUFFICIENT_STORAGE, () -> f.ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH)));
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> f.ns.exportPublicKey(ID));
        records.failWrites = null;
        assertEquals(ID, f.ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH)));
    }

    @Test
    void theInMemoryPersistenceOutlivesThePartition() throws PsaException {
        KeyPersistence p = KeyPersistence.inMemory();
        byte[] pub;
        CryptoFixture first = boot(p, HukSource.dummy());
        first.ns.generateKey(signingKey(PsaKeyUsage.SIGN_HASH));
        pub = first.ns.exportPublicKey(ID);
        assertArrayEquals(pub, boot(p, HukSource.dummy()).ns.exportPublicKey(ID));
        assertFalse(p.toString().contains("0x"), p.toString());
    }
}

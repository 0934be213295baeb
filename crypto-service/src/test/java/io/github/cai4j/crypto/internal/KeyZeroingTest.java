package io.github.cai4j.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Destroying a key zeroes its material; so does halting the secure world, for every key held; the key object's
 * toString shows attributes only.
 */
class KeyZeroingTest {

    @Test
    void destroyZeroesMaterial() throws Exception {
        CallGate gate = new CallGate(PlatformLog.discard());
        CryptoPartition partition = new CryptoPartition(HukSource.dummy());
        gate.register(partition);
        gate.start();
        CryptoClient c = new CryptoClient(gate.nonSecureClient());
        CryptoEngine engine = EngineRegistry.engineOf(partition);
        int zeroed = 0;
        for (KeyAttributes a : new KeyAttributes[] {
            KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256).usage(PsaKeyUsage.SIGN_HASH)
                .algorithm(PsaAlgorithm.ECDSA_SHA_256).build(),
            KeyAttributes.builder().type(PsaKeyType.AES).bits(256).usage(PsaKeyUsage.ENCRYPT).build(),
            KeyAttributes.builder().type(PsaKeyType.DERIVE).bits(128).usage(PsaKeyUsage.DERIVE).build()}) {
            int id = c.generateKey(a);
            Key k = (Key) engine.keyForTest(Psa.DEFAULT_NS_CLIENT_ID, id);
            assertFalse(k.isZeroed());
            String hex = java.util.HexFormat.of().formatHex(k.material());
            String s = k.toString() + engine.toString();
            assertFalse(s.toLowerCase(Locale.ROOT).contains(hex.substring(0, 12)), s);
            c.destroyKey(id);
            assertTrue(k.isZeroed(), "material zeroed after destroy");
            zeroed++;
        }
        assertEquals(3, zeroed);
    }

    @Test
    void haltingTheSecureWorldZeroesEveryKeyHeldAndRefusesFurtherWork() throws Exception {
        CallGate gate = new CallGate(PlatformLog.discard());
        io.github.cai4j.crypto.KeyPersistence stored = io.github.cai4j.crypto.KeyPersistence.inMemory();
        CryptoPartition partition = new CryptoPartition(HukSource.dummy(), io.github.cai4j.crypto.CryptoConfig
                .builder().keyPersistence(stored).build(), PlatformLog.discard());
        gate.register(partition);
        gate.start();
        CryptoClient c = new CryptoClient(gate.nonSecureClient());
        CryptoEngine engine = EngineRegistry.engineOf(partition);
        int volatileKey = c.generateKey(KeyAttributes.builder().type(PsaKeyType.AES).bits(128)
                .usage(PsaKeyUsage.ENCRYPT).build());
        int persistentKey = c.generateKey(KeyAttributes.builder().id(0x77).type(PsaKeyType.ECC_KEY_PAIR_SECP_R1)
                .bits(256).usage(PsaKeyUsage.SIGN_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
        byte[] pub = c.exportPublicKey(persistentKey);
        Key v = (Key) engine.keyForTest(Psa.DEFAULT_NS_CLIENT_ID, volatileKey);
        Key p = (Key) engine.keyForTest(Psa.DEFAULT_NS_CLIENT_ID, persistentKey);
        gate.halt("power lost");
        assertTrue(v.isZeroed(), "volatile key zeroed at halt");
        assertTrue(p.isZeroed(), "the in-memory copy of the persistent key zeroed at halt");
        // the stored copy is untouched: a new boot with the same storage has the key again
        CallGate next = new CallGate(PlatformLog.discard());
        next.register(new CryptoPartition(HukSource.dummy(), io.github.cai4j.crypto.CryptoConfig.builder()
                .keyPersistence(stored).build(), PlatformLog.discard()));
        next.start();
        org.junit.jupiter.api.Assertions.assertArrayEquals(pub,
                new CryptoClient(next.nonSecureClient()).exportPublicKey(0x77));
    }
}

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

/** Destroying a key zeroes its material; the key object's toString shows attributes only. */
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
}

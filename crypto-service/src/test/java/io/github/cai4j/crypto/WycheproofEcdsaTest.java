package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof ECDSA P-256 / SHA-256 through the gate: raw r||s (P1363) directly, DER through
 * {@link EcdsaSignatureFormat#derToRaw}. Every verdict must match; all failures are collected first.
 */
class WycheproofEcdsaTest {
    private static CryptoFixture device;

    @BeforeAll
    static void boot() throws PsaException {
        device = CryptoFixture.boot();
    }

    /** One imported key per group: the previous group's key is destroyed (the partition has 32 slots). */
    private static int importPublic(CBORObject group, Map<CBORObject, Integer> current) throws PsaException {
        Integer id = current.get(group);
        if (id == null) {
            for (int old : current.values()) {
                device.ns.destroyKey(old);
            }
            current.clear();
            String uncompressed = group.get("publicKey").get("uncompressed").AsString();
            KeyAttributes a = KeyAttributes.builder().type(PsaKeyType.ECC_PUBLIC_KEY_SECP_R1)
                    .usage(PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
            id = device.ns.importKey(a, TestVectors.hex(uncompressed));
            current.put(group, id);
        }
        return id;
    }

    private static int run(String file, boolean der, int expectedCount) throws Exception {
        CBORObject json = TestVectors.wycheproof(file);
        List<String> failures = new ArrayList<>();
        Map<CBORObject, Integer> keys = new java.util.IdentityHashMap<>();
        int count = 0;
        for (CBORObject[] gt : TestVectors.tests(json)) {
            CBORObject group = gt[0];
            CBORObject t = gt[1];
            assertEquals("SHA-256", TestVectors.str(group, "sha"));
            int key = importPublic(group, keys);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(TestVectors.hex(t, "msg"));
            byte[] sig = TestVectors.hex(t, "sig");
            boolean valid;
            if (der) {
                try {
                    sig = EcdsaSignatureFormat.derToRaw(sig);
                    valid = device.ns.verifyHash(key, PsaAlgorithm.ECDSA_SHA_256, hash, sig);
                } catch (PsaException e) {
                    assertTrue(e.is(PsaStatus.ERROR_INVALID_SIGNATURE), e.getMessage());
                    valid = false;
                }
            } else {
                valid = device.ns.verifyHash(key, PsaAlgorithm.ECDSA_SHA_256, hash, sig);
            }
            String result = TestVectors.str(t, "result");
            boolean expected = result.equals("valid");
            if (!result.equals("acceptable") && valid != expected) {
                failures.add("tcId " + TestVectors.integer(t, "tcId") + " (" + TestVectors.str(t, "comment")
                        + "): expected " + result + ", got " + (valid ? "valid" : "invalid"));
            }
            count++;
        }
        for (int id : keys.values()) {
            device.ns.destroyKey(id);
        }
        assertEquals(List.of(), failures);
        assertEquals(expectedCount, count, "vectors run");
        assertEquals(json.get("numberOfTests").AsInt32Value(), count);
        return count;
    }

    @Test
    void p1363() throws Exception {
        run("ecdsa_secp256r1_sha256_p1363_test", false, 262);
    }

    @Test
    void der() throws Exception {
        run("ecdsa_secp256r1_sha256_test", true, 484);
    }

    @Test
    void derRoundTripOfOwnSignatures() throws Exception {
        KeyAttributes a = KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
        int key = device.ns.generateKey(a);
        int n = 0;
        for (int i = 0; i < 50; i++) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(new byte[] {(byte) i});
            byte[] raw = device.ns.signHash(key, PsaAlgorithm.ECDSA_SHA_256, hash);
            byte[] der = EcdsaSignatureFormat.rawToDer(raw);
            assertEquals(TestVectors.hex(raw), TestVectors.hex(EcdsaSignatureFormat.derToRaw(der)));
            assertTrue(device.ns.verifyHash(key, PsaAlgorithm.ECDSA_SHA_256, hash, raw));
            n++;
        }
        assertEquals(50, n);
        device.ns.destroyKey(key);
    }
}

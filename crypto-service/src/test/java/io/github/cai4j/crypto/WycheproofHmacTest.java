package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wycheproof HMAC-SHA256 (full and 128-bit truncated tags) through {@code psa_mac_compute} / {@code psa_mac_verify}. */
class WycheproofHmacTest {

    @Test
    void allVectors() throws Exception {
        CryptoClient c = CryptoFixture.boot().ns;
        CBORObject json = TestVectors.wycheproof("hmac_sha256_test");
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (CBORObject[] gt : TestVectors.tests(json)) {
            CBORObject g = gt[0];
            CBORObject t = gt[1];
            int tagBytes = TestVectors.integer(g, "tagSize") / 8;
            int alg = tagBytes == 32 ? PsaAlgorithm.HMAC_SHA_256
                    : PsaAlgorithm.truncatedMac(PsaAlgorithm.HMAC_SHA_256, tagBytes);
            int key = c.importKey(KeyAttributes.builder().type(PsaKeyType.HMAC)
                    .usage(PsaKeyUsage.SIGN_MESSAGE | PsaKeyUsage.VERIFY_MESSAGE).algorithm(alg).build(),
                    TestVectors.hex(t, "key"));
            byte[] msg = TestVectors.hex(t, "msg");
            String tag = TestVectors.str(t, "tag");
            boolean valid = TestVectors.str(t, "result").equals("valid");
            String id = "tcId " + TestVectors.integer(t, "tcId");
            byte[] computed = c.macCompute(key, alg, msg);
            if (valid != TestVectors.hex(computed).equals(tag)) {
                failures.add(id + ": computed MAC verdict differs");
            }
            if (valid != c.macVerify(key, alg, msg, TestVectors.hex(tag))) {
                failures.add(id + ": mac_verify verdict differs");
            }
            c.destroyKey(key);
            count++;
        }
        assertEquals(List.of(), failures);
        assertEquals(174, count);
        assertEquals(json.get("numberOfTests").AsInt32Value(), count);
    }

    @Test
    void macPolicies() throws PsaException {
        CryptoClient c = CryptoFixture.boot().ns;
        int key = c.importKey(KeyAttributes.builder().type(PsaKeyType.HMAC).usage(PsaKeyUsage.SIGN_MESSAGE)
                .algorithm(PsaAlgorithm.HMAC_SHA_256).build(), new byte[20]);
        byte[] mac = c.macCompute(key, PsaAlgorithm.HMAC_SHA_256, new byte[3]);
        KeyPolicyTest.status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.macVerify(key, PsaAlgorithm.HMAC_SHA_256,
                new byte[3], mac));
        KeyPolicyTest.status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.macCompute(key,
                PsaAlgorithm.truncatedMac(PsaAlgorithm.HMAC_SHA_256, 16), new byte[3]));
        KeyPolicyTest.status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.macCompute(key, PsaAlgorithm.SHA_256,
                new byte[3]));
        int aes = c.importKey(KeyAttributes.builder().type(PsaKeyType.AES).usage(PsaKeyUsage.SIGN_MESSAGE)
                .algorithm(PsaAlgorithm.HMAC_SHA_256).build(), new byte[16]);
        KeyPolicyTest.status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.macCompute(aes, PsaAlgorithm.HMAC_SHA_256,
                new byte[3]));
        int tiny = c.importKey(KeyAttributes.builder().type(PsaKeyType.HMAC).usage(PsaKeyUsage.SIGN_MESSAGE)
                .algorithm(PsaAlgorithm.truncatedMac(PsaAlgorithm.HMAC_SHA_256, 2)).build(), new byte[20]);
        KeyPolicyTest.status(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.macCompute(tiny,
                PsaAlgorithm.truncatedMac(PsaAlgorithm.HMAC_SHA_256, 2), new byte[3]));
        assertEquals(32, mac.length);
    }
}

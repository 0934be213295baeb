package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof AES-GCM through the gate: every 96-bit-nonce / 128-bit-tag vector is encrypted and decrypted
 * with its verdict checked; every other vector must be refused cleanly (NOT_SUPPORTED, or INVALID_ARGUMENT for
 * an empty nonce) by both operations.
 */
class WycheproofAesGcmTest {

    @Test
    void allVectors() throws Exception {
        CryptoFixture device = CryptoFixture.boot();
        CryptoClient c = device.ns;
        CBORObject json = TestVectors.wycheproof("aes_gcm_test");
        List<String> failures = new ArrayList<>();
        int run = 0;
        int refused = 0;
        for (CBORObject[] gt : TestVectors.tests(json)) {
            CBORObject g = gt[0];
            CBORObject t = gt[1];
            int ivBits = TestVectors.integer(g, "ivSize");
            int tagBits = TestVectors.integer(g, "tagSize");
            int alg = PsaAlgorithm.aeadWithShortenedTag(PsaAlgorithm.GCM, tagBits / 8);
            KeyAttributes a = KeyAttributes.builder().type(PsaKeyType.AES)
                    .usage(PsaKeyUsage.ENCRYPT | PsaKeyUsage.DECRYPT).algorithm(alg).build();
            int key = c.importKey(a, TestVectors.hex(t, "key"));
            byte[] iv = TestVectors.hex(t, "iv");
            byte[] aad = TestVectors.hex(t, "aad");
            byte[] msg = TestVectors.hex(t, "msg");
            byte[] ct = TestVectors.hex(t, "ct");
            byte[] tag = TestVectors.hex(t, "tag");
            byte[] ctTag = new byte[ct.length + tag.length];
            System.arraycopy(ct, 0, ctTag, 0, ct.length);
            System.arraycopy(tag, 0, ctTag, ct.length, tag.length);
            String id = "tcId " + TestVectors.integer(t, "tcId");
            String result = TestVectors.str(t, "result");
            if (ivBits == 96 && tagBits == 128) {
                run++;
                byte[] encrypted = c.aeadEncrypt(key, alg, iv, aad, msg);
                boolean encryptMatches = TestVectors.hex(encrypted).equals(TestVectors.hex(ctTag));
                boolean decrypted;
                try {
                    byte[] plain = c.aeadDecrypt(key, alg, iv, aad, ctTag);
                    decrypted = TestVectors.hex(plain).equals(TestVectors.hex(msg));
                    if (!decrypted) {
                        failures.add(id + ": decrypted to other bytes");
                    }
                } catch (PsaException e) {
                    if (!e.is(PsaStatus.ERROR_INVALID_SIGNATURE)) {
                        failures.add(id + ": decrypt failed with " + e.getMessage());
                    }
                    decrypted = false;
                }
                if (result.equals("valid") && !(decrypted && encryptMatches)) {
                    failures.add(id + ": valid vector, encrypt matches " + encryptMatches + ", decrypts " + decrypted);
                }
                if (result.equals("invalid") && decrypted) {
                    failures.add(id + ": invalid vector decrypted");
                }
            } else {
                refused++;
                PsaStatus want = ivBits == 0 ? PsaStatus.ERROR_INVALID_ARGUMENT : PsaStatus.ERROR_NOT_SUPPORTED;
                expectStatus(failures, id + " encrypt", want, () -> c.aeadEncrypt(key, alg, iv, aad, msg));
                expectStatus(failures, id + " decrypt", want, () -> c.aeadDecrypt(key, alg, iv, aad, ctTag));
            }
            c.destroyKey(key);
        }
        assertEquals(List.of(), failures);
        assertEquals(197, run, "96-bit IV / 128-bit tag vectors run");
        assertEquals(119, refused, "other vectors refused");
        assertEquals(json.get("numberOfTests").AsInt32Value(), run + refused);
    }

    @FunctionalInterface
    interface Call {
        byte[] run() throws PsaException;
    }

    static void expectStatus(List<String> failures, String what, PsaStatus want, Call call) {
        try {
            call.run();
            failures.add(what + ": succeeded, expected " + want);
        } catch (PsaException e) {
            if (!e.is(want)) {
                failures.add(what + ": " + e.getMessage() + ", expected " + want);
            }
        }
    }
}

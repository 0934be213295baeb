package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof HKDF-SHA256 through PSA key derivation on the gate (SALT, SECRET as bytes, INFO, output_bytes);
 * outputs above 255 * 32 bytes must fail with INSUFFICIENT_DATA. Also RFC 5869 test cases 1-3 (the first three
 * vectors of the file, marked "RFC 5869") with the secret given as a DERIVE key and read in pieces.
 */
class WycheproofHkdfTest {

    private static byte[] derive(CryptoClient c, byte[] salt, byte[] ikm, byte[] info, int size, boolean withSalt)
            throws PsaException {
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            if (withSalt) {
                op.inputBytes(DerivationStep.SALT, salt);
            }
            op.inputBytes(DerivationStep.SECRET, ikm);
            op.inputBytes(DerivationStep.INFO, info);
            return op.outputBytes(size);
        }
    }

    @Test
    void allVectors() throws Exception {
        CryptoFixture device = CryptoFixture.boot();
        CBORObject json = TestVectors.wycheproof("hkdf_sha256_test");
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (CBORObject[] gt : TestVectors.tests(json)) {
            CBORObject t = gt[1];
            byte[] salt = TestVectors.hex(t, "salt");
            int size = TestVectors.integer(t, "size");
            String id = "tcId " + TestVectors.integer(t, "tcId");
            String result = TestVectors.str(t, "result");
            try {
                byte[] okm = derive(device.ns, salt, TestVectors.hex(t, "ikm"), TestVectors.hex(t, "info"), size,
                        salt.length > 0 || count % 2 == 0);
                if (!result.equals("valid") || !TestVectors.hex(okm).equals(TestVectors.str(t, "okm"))) {
                    failures.add(id + ": got output for a " + result + " vector, or wrong output");
                }
            } catch (PsaException e) {
                if (result.equals("valid") || !e.is(PsaStatus.ERROR_INSUFFICIENT_DATA)) {
                    failures.add(id + ": " + e.getMessage() + " for a " + result + " vector");
                }
            }
            count++;
        }
        assertEquals(List.of(), failures);
        assertEquals(86, count);
        assertEquals(json.get("numberOfTests").AsInt32Value(), count);
    }

    @Test
    void rfc5869Cases1To3WithDeriveKeyAndPiecewiseOutput() throws Exception {
        CryptoFixture device = CryptoFixture.boot();
        CryptoClient c = device.secure;
        CBORObject json = TestVectors.wycheproof("hkdf_sha256_test");
        int checked = 0;
        for (CBORObject[] gt : TestVectors.tests(json)) {
            CBORObject t = gt[1];
            if (!TestVectors.str(t, "comment").equals("RFC 5869")) {
                continue;
            }
            byte[] ikm = TestVectors.hex(t, "ikm");
            int secret = c.importKey(KeyAttributes.builder().type(PsaKeyType.DERIVE).usage(PsaKeyUsage.DERIVE)
                    .algorithm(PsaAlgorithm.HKDF_SHA_256).build(), ikm);
            int size = TestVectors.integer(t, "size");
            byte[] okm = new byte[size];
            try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
                op.inputBytes(DerivationStep.INFO, TestVectors.hex(t, "info"));
                byte[] salt = TestVectors.hex(t, "salt");
                if (salt.length > 0) {
                    op.inputBytes(DerivationStep.SALT, salt);
                }
                op.inputKey(DerivationStep.SECRET, secret);
                int pos = 0;
                int piece = 1;
                while (pos < size) {
                    int n = Math.min(piece, size - pos);
                    System.arraycopy(op.outputBytes(n), 0, okm, pos, n);
                    pos += n;
                    piece += 7;
                }
                assertEquals(8160 - size, op.capacity());
            }
            assertEquals(TestVectors.str(t, "okm"), TestVectors.hex(okm), "RFC 5869 case " + (checked + 1));
            c.destroyKey(secret);
            checked++;
        }
        assertEquals(3, checked, "RFC 5869 cases 1-3");
    }
}

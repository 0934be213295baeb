package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof ECDH P-256 with encoded points through {@code psa_raw_key_agreement}: valid vectors give the
 * shared X; invalid points (not on the curve, wrong encoding, compressed, empty) are refused with
 * INVALID_ARGUMENT; the one "acceptable" vector (a compressed point) may go either way.
 */
class WycheproofEcdhTest {

    @Test
    void allVectors() throws Exception {
        CryptoFixture device = CryptoFixture.boot();
        CryptoClient c = device.ns;
        CBORObject json = TestVectors.wycheproof("ecdh_secp256r1_ecpoint_test");
        List<String> failures = new ArrayList<>();
        int count = 0;
        int valid = 0;
        for (CBORObject[] gt : TestVectors.tests(json)) {
            CBORObject t = gt[1];
            String id = "tcId " + TestVectors.integer(t, "tcId");
            String result = TestVectors.str(t, "result");
            byte[] d = BigIntegers.asUnsignedByteArray(32, new BigInteger(1, TestVectors.hex(t, "private")));
            int key = c.importKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1)
                    .usage(PsaKeyUsage.DERIVE).algorithm(PsaAlgorithm.ECDH).build(), d);
            try {
                byte[] shared = c.rawKeyAgreement(PsaAlgorithm.ECDH, key, TestVectors.hex(t, "public"));
                if (result.equals("invalid")) {
                    failures.add(id + ": invalid vector accepted");
                } else if (!TestVectors.hex(shared).equals(TestVectors.str(t, "shared"))) {
                    failures.add(id + ": wrong shared secret");
                } else {
                    valid++;
                }
            } catch (PsaException e) {
                if (result.equals("valid") || !e.is(PsaStatus.ERROR_INVALID_ARGUMENT)) {
                    failures.add(id + ": " + e.getMessage() + " for a " + result + " vector");
                }
            }
            c.destroyKey(key);
            count++;
        }
        assertEquals(List.of(), failures);
        assertEquals(355, count);
        assertEquals(330, valid);
        assertEquals(json.get("numberOfTests").AsInt32Value(), count);
    }
}

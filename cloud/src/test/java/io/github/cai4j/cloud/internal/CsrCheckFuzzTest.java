package io.github.cai4j.cloud.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.cloud.CaStatus;

/**
 * The CA's request checks on arbitrary bodies: every input gets a status (never an exception), a refusal always
 * names its reason, and only a request that passed every check carries a UUID, key and public key.
 */
class CsrCheckFuzzTest {
    @FuzzTest
    void check(byte[] body) {
        CsrCheck.Result r = CsrCheck.check(body, "Linaro");
        assertNotNull(r.status());
        if (r.status() == CaStatus.OK) {
            assertTrue(r.uuid() != null && r.key() != null && r.publicKey() != null && r.subject() != null);
            assertEquals(36, r.uuid().length());
        } else {
            assertTrue(r.uuid() == null && r.publicKey() == null);
            assertTrue(!r.detail().isEmpty(), "a refusal names its reason");
        }
        CsrCheck.Result der = CsrCheck.checkDer(body, "Linaro");
        assertNotNull(der.status());
    }
}

package io.github.cai4j.attestation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.attestation.aat.ApplicationAttestationToken;
import java.security.MessageDigest;

/**
 * The cloud-side parsers on arbitrary bytes: a token given to the verifier (with a fixed trusted key and nonce) and
 * an AAT claims map may only produce a result or an {@link AttestationException}, never another exception. The
 * verifier checks claims even when the signature is bad, so arbitrary payloads reach the claim checks too. Seeds:
 * valid tokens of both profiles signed with {@link TestTokens#fixed()} for {@link #NONCE}.
 */
class AttestationVerifierFuzzTest {
    static final byte[] NONCE = AttestationFixture.challenge(32, 42);
    private static AttestationVerifier current;
    private static AttestationVerifier legacy;

    private static synchronized void init() throws Exception {
        if (current == null) {
            TestTokens t = TestTokens.fixed();
            current = t.verifier(AttestationProfile.PSA_2023);
            legacy = t.verifier(AttestationProfile.PSA_IOT_1);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifyToken(byte[] data) throws Exception {
        init();
        for (AttestationVerifier v : new AttestationVerifier[] {current, legacy}) {
            try {
                VerificationResult r = v.verify(data, NONCE);
                if (r.valid() && !MessageDigest.isEqual(r.claims().orElseThrow().nonce(), NONCE)) {
                    throw new AssertionError("a valid token with another nonce");
                }
                if (r.valid() == r.failures().size() > 0) {
                    throw new AssertionError("validity and failures disagree");
                }
            } catch (AttestationException expected) {
                // malformed
            }
        }
    }

    /** The seeds are valid tokens for the fixed key, so the regression run starts from the accepting paths. */
    @org.junit.jupiter.api.Test
    void seedsAreValidTokens() throws Exception {
        init();
        String base = "AttestationVerifierFuzzTestInputs/verifyToken/";
        int n = 0;
        for (String name : new String[] {"psa_2023_token", "psa_iot_1_token", "legacy_no_measurements"}) {
            byte[] token;
            try (java.io.InputStream in = AttestationVerifierFuzzTest.class.getResourceAsStream(base + name)) {
                token = in.readAllBytes();
            }
            AttestationVerifier v = name.startsWith("psa_2023") ? current : legacy;
            org.junit.jupiter.api.Assertions.assertTrue(v.verify(token, NONCE).valid(), name);
            n++;
        }
        org.junit.jupiter.api.Assertions.assertEquals(3, n);
    }

    @FuzzTest(maxDuration = "15s")
    void aatPayload(byte[] data) {
        try {
            ApplicationAttestationToken.decodePayload(data);
        } catch (AttestationException expected) {
            // malformed
        }
    }
}

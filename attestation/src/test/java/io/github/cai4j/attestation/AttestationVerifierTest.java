package io.github.cai4j.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.attestation.VerificationFailure.Reason;
import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.Headers;
import io.github.cai4j.cose.Sign1Message;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cloud-side verifier: valid tokens in both profiles, and every kind of rejection, each reported precisely. */
class AttestationVerifierTest {
    private static TestTokens tokens;
    private static final byte[] NONCE = AttestationFixture.challenge(32, 9);

    @BeforeAll
    static void key() throws Exception {
        tokens = TestTokens.random();
    }

    private static CBORObject claims(AttestationProfile p) {
        return tokens.claims(p, NONCE).build().toCbor();
    }

    private static VerificationResult verify(AttestationProfile p, CBORObject claims) throws Exception {
        return tokens.verifier(p).verify(tokens.sign(claims), NONCE);
    }

    @Test
    void validTokensInBothProfiles() throws Exception {
        for (AttestationProfile p : AttestationProfile.values()) {
            AttestationClaims expected = tokens.claims(p, NONCE).build();
            VerificationResult r = tokens.verifier(p).verify(tokens.sign(expected.encode()), NONCE);
            assertTrue(r.valid(), r::toString);
            assertEquals(expected, r.claims().orElseThrow());
        }
    }

    @Test
    void legacyTokenWithoutMeasurementsUsesTheNoMeasurementsClaim() throws Exception {
        AttestationClaims c = tokens.claims(AttestationProfile.PSA_IOT_1, NONCE).softwareComponents(List.of()).build();
        CBORObject map = c.toCbor();
        assertEquals(1, map.get(CBORObject.FromObject(-75007)).AsInt32Value());
        VerificationResult r = verify(AttestationProfile.PSA_IOT_1, map);
        assertTrue(r.valid(), r::toString);
        assertEquals(List.of(), r.claims().orElseThrow().softwareComponents());
        map.Add(-75006, CBORObject.NewArray());
        assertFailure(verify(AttestationProfile.PSA_IOT_1, map), Reason.INVALID_VALUE,
                "no software measurements (-75007)");
    }

    @Test
    void missingMandatoryClaimsAreEachNamed() throws Exception {
        int checked = 0;
        for (AttestationProfile p : AttestationProfile.values()) {
            List<Integer> mandatory = new ArrayList<>(List.of(p.clientIdKey(), p.lifecycleKey(),
                    p.implementationIdKey(), p.softwareComponentsKey(), p.nonceKey(), p.instanceIdKey()));
            if (p.profileClaimMandatory()) {
                mandatory.add(p.profileKey());
            }
            if (p.bootSeedMandatory()) {
                mandatory.add(p.bootSeedKey());
            }
            for (int key : mandatory) {
                CBORObject map = claims(p);
                map.Remove(CBORObject.FromObject(key));
                VerificationResult r = verify(p, map);
                assertFalse(r.valid());
                assertTrue(r.claims().isEmpty());
                assertTrue(r.failures().stream().anyMatch(f -> f.reason() == Reason.MISSING_CLAIM
                        && f.claim().contains("(" + key + ")")), p + " without " + key + ": " + r);
                checked++;
            }
            // optional claims may be left out
            CBORObject map = claims(p);
            map.Remove(CBORObject.FromObject(p.certificationReferenceKey()));
            map.Remove(CBORObject.FromObject(p.verificationServiceKey()));
            if (!p.bootSeedMandatory()) {
                map.Remove(CBORObject.FromObject(p.bootSeedKey()));
            }
            if (!p.profileClaimMandatory()) {
                map.Remove(CBORObject.FromObject(p.profileKey()));
            }
            assertTrue(verify(p, map).valid(), p + " with mandatory claims only");
        }
        assertEquals(14, checked);
    }

    @Test
    void wrongNonce() throws Exception {
        CBORObject map = claims(AttestationProfile.PSA_2023);
        VerificationResult r = tokens.verifier(AttestationProfile.PSA_2023).verify(tokens.sign(map),
                AttestationFixture.challenge(32, 10));
        assertFailure(r, Reason.NONCE_MISMATCH, "nonce (10)");
        r = tokens.verifier(AttestationProfile.PSA_2023).verify(tokens.sign(map), AttestationFixture.challenge(48, 9));
        assertFailure(r, Reason.NONCE_MISMATCH, "nonce (10)");
        assertThrows(IllegalArgumentException.class,
                () -> tokens.verifier(AttestationProfile.PSA_2023).verify(tokens.sign(map), new byte[31]));
    }

    @Test
    void wrongSizes() throws Exception {
        AttestationProfile p = AttestationProfile.PSA_2023;
        record Case(int key, byte[] value, String claim) {
        }
        List<Case> cases = List.of(
                new Case(p.nonceKey(), new byte[31], "nonce (10)"),
                new Case(p.nonceKey(), new byte[65], "nonce (10)"),
                new Case(p.implementationIdKey(), new byte[31], "implementation id (2396)"),
                new Case(p.implementationIdKey(), new byte[33], "implementation id (2396)"),
                new Case(p.instanceIdKey(), new byte[32], "instance id (256)"),
                new Case(p.bootSeedKey(), new byte[7], "boot seed (2397)"),
                new Case(p.bootSeedKey(), new byte[33], "boot seed (2397)"));
        for (Case c : cases) {
            CBORObject map = claims(p);
            map.set(CBORObject.FromObject(c.key()), CBORObject.FromObject(c.value()));
            assertFailure(verify(p, map), Reason.WRONG_SIZE, c.claim());
        }
        CBORObject map = claims(AttestationProfile.PSA_IOT_1);
        map.set(CBORObject.FromObject(-75004), CBORObject.FromObject(new byte[16]));
        assertFailure(verify(AttestationProfile.PSA_IOT_1, map), Reason.WRONG_SIZE, "boot seed (-75004)");
        map = claims(p);
        map.get(CBORObject.FromObject(p.softwareComponentsKey())).get(0).set(CBORObject.FromObject(2),
                CBORObject.FromObject(new byte[20]));
        assertFailure(verify(p, map), Reason.WRONG_SIZE, "software components (2399)[0] measurement value (2)");
        map = claims(p);
        map.get(CBORObject.FromObject(p.softwareComponentsKey())).get(2).Remove(CBORObject.FromObject(5));
        assertFailure(verify(p, map), Reason.MISSING_CLAIM, "software components (2399)[2] signer id (5)");
    }

    @Test
    void wrongTypesAndValues() throws Exception {
        AttestationProfile p = AttestationProfile.PSA_2023;
        List<Consumer<CBORObject>> edits = List.of(
                m -> m.set(CBORObject.FromObject(p.nonceKey()), CBORObject.FromObject("text nonce")),
                m -> m.set(CBORObject.FromObject(p.clientIdKey()), CBORObject.FromObject(new byte[4])),
                m -> m.set(CBORObject.FromObject(p.softwareComponentsKey()), CBORObject.FromObject(1)),
                m -> m.set(CBORObject.FromObject(p.profileKey()), CBORObject.FromObject(265)),
                m -> m.set(CBORObject.FromObject(p.instanceIdKey()),
                        CBORObject.FromObjectAndTag(tokens.instanceId(), 24)));
        for (Consumer<CBORObject> e : edits) {
            CBORObject map = claims(p);
            e.accept(map);
            assertTrue(verify(p, map).has(Reason.WRONG_TYPE), map::toString);
        }
        CBORObject map = claims(p);
        map.set(CBORObject.FromObject(p.lifecycleKey()), CBORObject.FromObject(0x7000));
        assertFailure(verify(p, map), Reason.INVALID_VALUE, "security lifecycle (2395)");
        map = claims(p);
        byte[] id = tokens.instanceId();
        id[0] = 0x02;
        map.set(CBORObject.FromObject(p.instanceIdKey()), CBORObject.FromObject(id));
        assertFailure(verify(p, map), Reason.INVALID_VALUE, "instance id (256)");
        map = claims(p);
        map.set(CBORObject.FromObject(p.softwareComponentsKey()), CBORObject.NewArray());
        assertFailure(verify(p, map), Reason.INVALID_VALUE, "software components (2399)");
        map = claims(p);
        map.set(CBORObject.FromObject(p.certificationReferenceKey()), CBORObject.FromObject("12345"));
        assertFailure(verify(p, map), Reason.INVALID_VALUE, "certification reference (2398)");
    }

    @Test
    void instanceIdMustBelongToTheTrustedKey() throws Exception {
        AttestationProfile p = AttestationProfile.PSA_2023;
        CBORObject map = claims(p);
        byte[] id = tokens.instanceId();
        id[5] ^= 1;
        map.set(CBORObject.FromObject(p.instanceIdKey()), CBORObject.FromObject(id));
        byte[] token = tokens.sign(map);
        assertFailure(tokens.verifier(p).verify(token, NONCE), Reason.INSTANCE_ID_MISMATCH, "instance id (256)");
        VerificationResult r = AttestationVerifier.builder(tokens.keys.getPublic()).checkInstanceId(false).build()
                .verify(token, NONCE);
        assertTrue(r.valid(), r::toString);
    }

    @Test
    void wrongProfile() throws Exception {
        VerificationResult r = verify(AttestationProfile.PSA_2023, claims(AttestationProfile.PSA_IOT_1));
        assertFailure(r, Reason.PROFILE_MISMATCH, "profile (265)");
        r = verify(AttestationProfile.PSA_IOT_1, claims(AttestationProfile.PSA_2023));
        assertFailure(r, Reason.PROFILE_MISMATCH, "profile (-75000)");
        CBORObject map = claims(AttestationProfile.PSA_2023);
        map.set(CBORObject.FromObject(265), CBORObject.FromObject("http://arm.com/psa/2.0.0"));
        assertFailure(verify(AttestationProfile.PSA_2023, map), Reason.UNKNOWN_PROFILE, "profile (265)");
        // the legacy profile's RFC 9783 name is accepted for the legacy profile
        map = claims(AttestationProfile.PSA_IOT_1);
        map.set(CBORObject.FromObject(-75000), CBORObject.FromObject("tag:psacertified.org,2019:psa#legacy"));
        assertTrue(verify(AttestationProfile.PSA_IOT_1, map).valid());
    }

    @Test
    void badSignature() throws Exception {
        CBORObject map = claims(AttestationProfile.PSA_2023);
        TestTokens other = TestTokens.random();
        VerificationResult r = tokens.verifier(AttestationProfile.PSA_2023).verify(other.sign(map), NONCE);
        assertFailure(r, Reason.BAD_SIGNATURE, "token");
        assertEquals(1, r.failures().size(), r::toString);
    }

    @Test
    void otherAlgorithmIsReported() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        CoseSigner es384 = EcdsaSigner.of((ECPrivateKey) g.generateKeyPair().getPrivate());
        assertEquals(Algorithm.ES384, es384.algorithm());
        byte[] token = Sign1Message.sign(Headers.empty(), claims(AttestationProfile.PSA_2023).EncodeToBytes(), es384)
                .encode();
        assertFailure(tokens.verifier(AttestationProfile.PSA_2023).verify(token, NONCE), Reason.UNSUPPORTED_ALGORITHM,
                "token");
    }

    @Test
    void extraUnknownClaimsAreAccepted() throws Exception {
        for (AttestationProfile p : AttestationProfile.values()) {
            CBORObject map = claims(p);
            map.Add(-80001, CBORObject.FromObject(new byte[] {1, 2}));
            map.Add("private-claim", CBORObject.FromObject("value"));
            map.Add(99999, CBORObject.NewMap().Add(1, 2));
            map.get(CBORObject.FromObject(p.softwareComponentsKey())).get(0).Add(3, 7);
            VerificationResult r = verify(p, map);
            assertTrue(r.valid(), r::toString);
        }
    }

    @Test
    void severalFailuresAreAllListed() throws Exception {
        CBORObject map = claims(AttestationProfile.PSA_2023);
        map.Remove(CBORObject.FromObject(2394));
        map.set(CBORObject.FromObject(2396), CBORObject.FromObject(new byte[3]));
        VerificationResult r = TestTokens.random().verifier(AttestationProfile.PSA_2023)
                .verify(tokens.sign(map), AttestationFixture.challenge(32, 1));
        assertTrue(r.has(Reason.BAD_SIGNATURE));
        assertTrue(r.has(Reason.MISSING_CLAIM));
        assertTrue(r.has(Reason.WRONG_SIZE));
        assertTrue(r.has(Reason.NONCE_MISMATCH));
        assertTrue(r.has(Reason.INSTANCE_ID_MISMATCH));
        assertEquals(5, r.failures().size(), r::toString);
    }

    @Test
    void malformedTokensThrow() throws Exception {
        AttestationVerifier v = tokens.verifier(AttestationProfile.PSA_2023);
        byte[] good = tokens.sign(claims(AttestationProfile.PSA_2023));
        List<byte[]> bad = new ArrayList<>(List.of(
                new byte[0],
                new byte[] {(byte) 0xd2},
                CBORObject.NewArray().Add(1).EncodeToBytes(),
                tokens.sign(CBORObject.NewArray()),
                tokens.sign(new byte[] {(byte) 0xa1, 0x01}),
                tokens.sign(new byte[] {(byte) 0xa0, 0x00}),
                tokens.sign(new byte[] {(byte) 0xa2, 0x01, 0x01, 0x01, 0x02}),
                java.util.Arrays.copyOf(good, good.length - 1),
                java.util.Arrays.copyOf(good, good.length + 1)));
        bad.add(Sign1Message.sign(Headers.empty(), Headers.empty(), claims(AttestationProfile.PSA_2023)
                .EncodeToBytes(), null, true, EcdsaSigner.of((ECPrivateKey) tokens.keys.getPrivate())).encode());
        for (byte[] b : bad) {
            AttestationException e = assertThrows(AttestationException.class, () -> v.verify(b, NONCE));
            assertFalse(e.getMessage().isEmpty());
        }
        assertEquals(10, bad.size());
    }

    @Test
    void verifierFromPemAndPoint() throws Exception {
        String pem = io.github.cai4j.cose.key.Pem.encodePublicKey(tokens.keys.getPublic());
        byte[] token = tokens.sign(claims(AttestationProfile.PSA_2023));
        assertTrue(AttestationVerifier.builderFromPem(pem).build().verify(token, NONCE).valid());
        assertTrue(AttestationVerifier.builderFromPoint(tokens.point).build().verify(token, NONCE).valid());
        byte[] offCurve = tokens.point.clone();
        offCurve[64] ^= 1;
        assertThrows(AttestationException.class, () -> AttestationVerifier.builderFromPoint(offCurve));
        assertThrows(AttestationException.class, () -> AttestationVerifier.builderFromPem("not a pem"));
    }

    private static void assertFailure(VerificationResult r, Reason reason, String claim) {
        assertFalse(r.valid());
        assertTrue(r.claims().isEmpty());
        assertTrue(r.failures().stream().anyMatch(f -> f.reason() == reason && f.claim().equals(claim)),
                () -> "expected " + reason + " on " + claim + ", got " + r);
    }
}

package io.github.cai4j.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.attestation.internal.AttestationKey;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attestation partition through the gate with the real crypto partition. */
class InitialAttestationPartitionTest {

    private static AttestationClaims verified(AttestationFixture d, byte[] token, byte[] challenge,
            AttestationProfile profile) throws Exception {
        VerificationResult r = AttestationVerifier.builderFromPoint(d.ns.attestationPublicKey()).profile(profile).build()
                .verify(token, challenge);
        assertTrue(r.valid(), r::toString);
        return r.claims().orElseThrow();
    }

    @Test
    void tokenCarriesTheConfiguredClaims() throws Exception {
        AttestationFixture d = AttestationFixture.boot();
        byte[] challenge = AttestationFixture.challenge(48, 3);
        AttestationClaims c = verified(d, d.ns.getToken(challenge), challenge, AttestationProfile.PSA_2023);
        AttestationConfig cfg = AttestationConfig.defaults();
        assertEquals(-1, c.clientId());
        assertEquals(0x3000, c.lifecycle());
        assertArrayEquals(cfg.implementationId(), c.implementationId());
        assertEquals(32, c.bootSeed().orElseThrow().length);
        assertEquals(cfg.certificationReference(), c.certificationReference());
        assertEquals(cfg.verificationService(), c.verificationService());
        assertEquals(AttestationFixture.components("model-v1"), c.softwareComponents());
        assertArrayEquals(challenge, c.nonce());
        assertArrayEquals(AttestationKey.instanceIdOf(d.ns.attestationPublicKey()), c.instanceId());
        assertEquals(33, c.instanceId().length);
    }

    @Test
    void tokenSizeIsExactForEveryChallengeSizeAndCaller() throws Exception {
        AttestationFixture d = AttestationFixture.boot();
        int checked = 0;
        for (int callerId : new int[] {-1, -2, -0x3c00_0001}) {
            AttestationClient client = new AttestationClient(d.gate.nonSecureClient(callerId));
            for (int size : AttestationClaims.CHALLENGE_SIZES) {
                byte[] challenge = AttestationFixture.challenge(size, callerId);
                byte[] token = client.getToken(challenge);
                assertEquals(client.getTokenSize(size), token.length);
                assertEquals(callerId, verified(d, token, challenge, AttestationProfile.PSA_2023).clientId());
                // a buffer of exactly the size works, one byte less does not
                assertEquals(token.length, client.getToken(challenge, new byte[token.length]));
                PsaException e = assertThrows(PsaException.class,
                        () -> client.getToken(challenge, new byte[token.length - 1]));
                assertTrue(e.is(PsaStatus.ERROR_BUFFER_TOO_SMALL));
                checked++;
            }
        }
        assertEquals(9, checked);
    }

    @Test
    void legacyProfileTokens() throws Exception {
        AttestationConfig cfg = AttestationConfig.builder().profile(AttestationProfile.PSA_IOT_1).build();
        AttestationFixture d = AttestationFixture.boot(HukSource.dummy(), cfg, AttestationFixture.components("m"));
        byte[] challenge = AttestationFixture.challenge(64, 4);
        byte[] token = d.ns.getToken(challenge);
        AttestationClaims c = verified(d, token, challenge, AttestationProfile.PSA_IOT_1);
        assertEquals(AttestationProfile.PSA_IOT_1, c.profile());
        CBORObject claims = CBORObject.DecodeFromBytes(CBORObject.DecodeFromBytes(token).get(2).GetByteString());
        assertEquals("PSA_IOT_PROFILE_1", claims.get(CBORObject.FromObject(-75000)).AsString());
        VerificationResult asCurrent = AttestationVerifier.builderFromPoint(d.ns.attestationPublicKey()).build()
                .verify(token, challenge);
        assertTrue(asCurrent.has(VerificationFailure.Reason.PROFILE_MISMATCH));
    }

    @Test
    void changedModelMeasurementShowsInTheToken() throws Exception {
        byte[] challenge = AttestationFixture.challenge(32, 5);
        AttestationFixture before = AttestationFixture.boot(HukSource.dummy(), AttestationConfig.defaults(),
                AttestationFixture.components("model-v1"));
        AttestationFixture after = AttestationFixture.boot(HukSource.dummy(), AttestationConfig.defaults(),
                AttestationFixture.components("model-v2"));
        SoftwareComponent m1 = verified(before, before.ns.getToken(challenge), challenge, AttestationProfile.PSA_2023)
                .softwareComponent("MODEL").orElseThrow();
        AttestationClaims c2 = verified(after, after.ns.getToken(challenge), challenge, AttestationProfile.PSA_2023);
        SoftwareComponent m2 = c2.softwareComponent("MODEL").orElseThrow();
        assertArrayEquals(AttestationFixture.sha256("model-v2"), m2.measurement());
        assertFalse(java.security.MessageDigest.isEqual(m1.measurement(), m2.measurement()));
        assertEquals(c2.softwareComponent("SPE"), AttestationFixture.components("x").stream()
                .filter(s -> s.type().equals("SPE")).findFirst());
    }

    @Test
    void rebootChangesTheBootSeedAndNothingElse() throws Exception {
        byte[] challenge = AttestationFixture.challenge(32, 6);
        AttestationFixture first = AttestationFixture.boot();
        AttestationFixture second = AttestationFixture.boot();
        assertArrayEquals(first.ns.attestationPublicKey(), second.ns.attestationPublicKey());
        CBORObject a = claimsMap(first.ns.getToken(challenge));
        CBORObject b = claimsMap(second.ns.getToken(challenge));
        CBORObject seed = CBORObject.FromObject(AttestationProfile.PSA_2023.bootSeedKey());
        assertFalse(java.security.MessageDigest.isEqual(a.get(seed).GetByteString(), b.get(seed).GetByteString()));
        a.Remove(seed);
        b.Remove(seed);
        assertArrayEquals(a.EncodeToBytes(), b.EncodeToBytes());
        // within one boot the seed stays
        assertArrayEquals(claimsMap(first.ns.getToken(challenge)).get(seed).GetByteString(),
                claimsMap(first.ns.getToken(challenge)).get(seed).GetByteString());
    }

    @Test
    void attestationKeyIsBoundToTheHuk() throws Exception {
        AttestationFixture dummy = AttestationFixture.boot();
        byte[] otherHuk = new byte[32];
        otherHuk[0] = 1;
        AttestationFixture other = AttestationFixture.boot(HukSource.of(otherHuk), AttestationConfig.defaults(),
                AttestationFixture.components("model-v1"));
        assertNotEquals(HexFormat.of().formatHex(dummy.ns.attestationPublicKey()),
                HexFormat.of().formatHex(other.ns.attestationPublicKey()));
        byte[] challenge = AttestationFixture.challenge(32, 7);
        VerificationResult r = AttestationVerifier.builderFromPoint(dummy.ns.attestationPublicKey()).build()
                .verify(other.ns.getToken(challenge), challenge);
        assertTrue(r.has(VerificationFailure.Reason.BAD_SIGNATURE));
        assertTrue(r.has(VerificationFailure.Reason.INSTANCE_ID_MISMATCH));
    }

    @Test
    void tfm16DerivationAlsoGivesAWorkingKey() throws Exception {
        AttestationConfig cfg = AttestationConfig.builder().derivation(TfmProfile.TFM_1_6).build();
        AttestationFixture d = AttestationFixture.boot(HukSource.dummy(), TfmProfile.TFM_1_6, cfg,
                AttestationFixture.components("m"));
        byte[] challenge = AttestationFixture.challenge(32, 8);
        verified(d, d.ns.getToken(challenge), challenge, AttestationProfile.PSA_2023);
        AttestationFixture d17 = AttestationFixture.boot();
        assertNotEquals(HexFormat.of().formatHex(d.ns.attestationPublicKey()),
                HexFormat.of().formatHex(d17.ns.attestationPublicKey()));
    }

    @Test
    void failedStartAnswersServiceFailure() throws Exception {
        // A TF-M 1.7 derivation on a TF-M 1.6 crypto partition: no builtin HUK key, so the IAK cannot be derived.
        AttestationFixture d = AttestationFixture.boot(HukSource.dummy(), TfmProfile.TFM_1_6,
                AttestationConfig.defaults(), AttestationFixture.components("m"));
        assertTrue(d.log.contains("initialisation failed"), d.log.lines()::toString);
        PsaException e = assertThrows(PsaException.class, () -> d.ns.getToken(new byte[32], new byte[1024]));
        assertTrue(e.is(PsaStatus.ERROR_SERVICE_FAILURE));
        e = assertThrows(PsaException.class, () -> d.ns.getTokenSize(32));
        assertTrue(e.is(PsaStatus.ERROR_SERVICE_FAILURE));
    }

    @Test
    void malformedCallsGetTheirStatus() throws Exception {
        AttestationFixture d = AttestationFixture.boot();
        var ns = d.gate.nonSecureClient();
        int h = InitialAttestationPartition.HANDLE;
        assertEquals(0x40000103, h);
        CallResult r = ns.call(h, 1999, new InVec[0], new OutVec[0]);
        assertEquals(PsaStatus.ERROR_NOT_SUPPORTED.value(), r.status());
        r = ns.call(h, InitialAttestationPartition.GET_TOKEN_SIZE, new InVec[] {InVec.of(new byte[] {32, 0})},
                new OutVec[] {OutVec.allocate(4)});
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), r.status());
        r = ns.call(h, InitialAttestationPartition.GET_TOKEN_SIZE, new InVec[] {InVec.of(new byte[] {32, 0, 0, 0})},
                new OutVec[] {OutVec.allocate(2)});
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), r.status());
        r = ns.call(h, InitialAttestationPartition.GET_TOKEN_SIZE,
                new InVec[] {InVec.of(new byte[] {32, 0, 0, (byte) 0x80})}, new OutVec[] {OutVec.allocate(4)});
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), r.status());
        r = ns.call(h, InitialAttestationPartition.GET_TOKEN, new InVec[] {InVec.of(new byte[32])}, new OutVec[0]);
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), r.status());
        r = ns.call(h, InitialAttestationPartition.GET_PUBLIC_KEY, new InVec[0], new OutVec[] {OutVec.allocate(64)});
        assertEquals(PsaStatus.ERROR_BUFFER_TOO_SMALL.value(), r.status());
        byte[] buf = new byte[31];
        r = ns.call(h, InitialAttestationPartition.GET_TOKEN, new InVec[] {InVec.of(new byte[32])},
                new OutVec[] {OutVec.of(buf)});
        assertEquals(PsaStatus.ERROR_BUFFER_TOO_SMALL.value(), r.status());
        assertEquals(0, r.outLength(0));
        assertArrayEquals(new byte[31], buf);
    }

    /** A secure partition that asks for a token as itself at start-up. */
    private static final class SecureCaller implements SecurePartition {
        static final int ID = 0x4c690400;
        byte[] token;

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("TEST_CALLER", ID)
                    .service(ServiceManifest.connectionBased("TEST_CALLER_SERVICE", 0x4c690401, false))
                    .dependsOn(InitialAttestationPartition.SID).build();
        }

        @Override
        public void init(PartitionContext context) throws PsaException {
            token = new AttestationClient(context.client()).getToken(new byte[32]);
        }

        @Override
        public int handle(Message message) {
            return PsaStatus.SUCCESS.value();
        }
    }

    @Test
    void secureCallerIdIsItsPartitionId() throws Exception {
        SecureCaller caller = new SecureCaller();
        AttestationFixture d = AttestationFixture.boot(HukSource.dummy(), AttestationConfig.defaults(),
                AttestationFixture.components("m"), caller);
        assertEquals(SecureCaller.ID, verified(d, caller.token, new byte[32], AttestationProfile.PSA_2023).clientId());
    }

    @Test
    void constructionAndToStringHoldNoSecrets() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> new InitialAttestationPartition(AttestationConfig.defaults(), List.of()));
        AttestationFixture d = AttestationFixture.boot();
        String s = d.partition + " " + d.ns + " " + d.partition.config() + " " + String.join("\n", d.log.lines());
        assertFalse(s.contains(HexFormat.of().formatHex(d.ns.attestationPublicKey()).substring(2, 20)), s);
        assertTrue(s.contains("started"));
        assertArrayEquals(d.ns.attestationPublicKey(), d.partition.attestationPublicKey().orElseThrow());
    }

    private static CBORObject claimsMap(byte[] token) {
        return CBORObject.DecodeFromBytes(CBORObject.DecodeFromBytes(token).get(2).GetByteString());
    }
}

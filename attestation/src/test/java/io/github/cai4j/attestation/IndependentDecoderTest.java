package io.github.cai4j.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import COSE.MessageTag;
import COSE.OneKey;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device tokens checked by a second implementation: COSE-JAVA verifies the signature, plain CBOR decoding reads the
 * claims; and every single-byte change to a token makes both this module's verifier and COSE-JAVA reject it.
 */
class IndependentDecoderTest {

    private static boolean coseJavaValidates(byte[] token, OneKey key) {
        try {
            COSE.Sign1Message m = (COSE.Sign1Message) COSE.Message.DecodeFromBytes(token, MessageTag.Sign1);
            return m.validate(key);
        } catch (COSE.CoseException | RuntimeException e) {
            return false;
        }
    }

    @Test
    void coseJavaVerifiesDeviceTokensAndPlainCborReadsTheClaims() throws Exception {
        int checked = 0;
        for (AttestationProfile profile : AttestationProfile.values()) {
            AttestationConfig cfg = AttestationConfig.builder().profile(profile).build();
            AttestationFixture d = AttestationFixture.boot(io.github.cai4j.psa.platform.HukSource.dummy(), cfg,
                    AttestationFixture.components("model"));
            byte[] point = d.ns.attestationPublicKey();
            OneKey key = new OneKey(CoseKey.ec2Point(Curve.P_256, point).toPublicKey(), null);
            for (int size : AttestationClaims.CHALLENGE_SIZES) {
                byte[] challenge = AttestationFixture.challenge(size, size + 1);
                byte[] token = d.ns.getToken(challenge);
                assertTrue(coseJavaValidates(token, key), "COSE-JAVA rejects a " + profile + " token");

                COSE.Sign1Message m = (COSE.Sign1Message) COSE.Message.DecodeFromBytes(token, MessageTag.Sign1);
                CBORObject claims = CBORObject.DecodeFromBytes(m.GetContent());
                assertEquals(CBORType.Map, claims.getType());
                assertArrayEquals(challenge, claims.get(CBORObject.FromObject(profile.nonceKey())).GetByteString());
                assertEquals(-1, claims.get(CBORObject.FromObject(profile.clientIdKey())).AsInt32Value());
                assertEquals(0x3000, claims.get(CBORObject.FromObject(profile.lifecycleKey())).AsInt32Value());
                assertEquals(profile.profileValue(), claims.get(CBORObject.FromObject(profile.profileKey())).AsString());
                byte[] instance = claims.get(CBORObject.FromObject(profile.instanceIdKey())).GetByteString();
                byte[] expected = new byte[33];
                expected[0] = 1;
                System.arraycopy(MessageDigest.getInstance("SHA-256").digest(point), 0, expected, 1, 32);
                assertArrayEquals(expected, instance);
                CBORObject sw = claims.get(CBORObject.FromObject(profile.softwareComponentsKey()));
                assertEquals(3, sw.size());
                CBORObject model = sw.get(2);
                assertEquals("MODEL", model.get(CBORObject.FromObject(1)).AsString());
                assertArrayEquals(AttestationFixture.sha256("model"),
                        model.get(CBORObject.FromObject(2)).GetByteString());
                assertEquals("1.0.0", model.get(CBORObject.FromObject(4)).AsString());
                assertArrayEquals(AttestationFixture.sha256("model signer"),
                        model.get(CBORObject.FromObject(5)).GetByteString());
                assertEquals("SHA256", model.get(CBORObject.FromObject(6)).AsString());
                // and this module's verifier agrees
                assertTrue(AttestationVerifier.builderFromPoint(point).profile(profile).build()
                        .verify(token, challenge).valid());
                checked++;
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void changingAnyByteMakesVerificationFail() throws Exception {
        AttestationFixture d = AttestationFixture.boot();
        byte[] point = d.ns.attestationPublicKey();
        OneKey key = new OneKey(CoseKey.ec2Point(Curve.P_256, point).toPublicKey(), null);
        AttestationVerifier verifier = AttestationVerifier.builderFromPoint(point).build();
        byte[] challenge = AttestationFixture.challenge(32, 11);
        byte[] token = d.ns.getToken(challenge);
        assertTrue(verifier.verify(token, challenge).valid());
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (int i = 0; i < token.length; i++) {
            {
                // alternate the low and the high bit so that both kinds of change hit every part of the token
                int delta = i % 2 == 0 ? 0x01 : 0x80;
                byte[] t = token.clone();
                t[i] = (byte) (t[i] ^ delta);
                tried++;
                boolean ours;
                try {
                    ours = verifier.verify(t, challenge).valid();
                } catch (AttestationException e) {
                    ours = false;
                }
                if (ours) {
                    accepted.add("verifier accepts byte " + i + " ^ " + delta);
                }
                if (coseJavaValidates(t, key)) {
                    accepted.add("COSE-JAVA accepts byte " + i + " ^ " + delta);
                }
            }
        }
        assertEquals(List.of(), accepted);
        assertEquals(token.length, tried);
    }
}

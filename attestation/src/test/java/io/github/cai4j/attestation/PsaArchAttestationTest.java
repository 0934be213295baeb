package io.github.cai4j.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * psa-arch-tests {@code test_a001} ({@code spec/mcuboot-psa.md} B6) from the non-secure side, through the call gate
 * and the real crypto partition: every scenario with its expected status, failures collected and then asserted.
 */
class PsaArchAttestationTest {
    private static final int TOKEN_BUFFER = 1024;

    private AttestationFixture device;
    private final List<String> failures = new ArrayList<>();
    private int ran;

    @BeforeEach
    void boot() throws PsaException {
        device = AttestationFixture.boot();
    }

    @Test
    void testA001() throws Exception {
        for (int size : new int[] {32, 48, 64}) {
            byte[] challenge = AttestationFixture.challenge(size, size);
            expect("get_token challenge " + size, PsaStatus.SUCCESS, () -> {
                byte[] buf = new byte[TOKEN_BUFFER];
                int n = device.ns.getToken(challenge, buf);
                checkToken(java.util.Arrays.copyOf(buf, n), challenge);
            });
            expect("get_token_size challenge " + size, PsaStatus.SUCCESS, () -> {
                int n = device.ns.getTokenSize(size);
                if (n < size) {
                    failures.add("token size " + n + " < challenge size " + size);
                }
            });
        }
        for (int size : new int[] {0, 31, 33, 65}) {
            byte[] challenge = AttestationFixture.challenge(size, 1);
            expect("get_token challenge " + size, PsaStatus.ERROR_INVALID_ARGUMENT,
                    () -> device.ns.getToken(challenge, new byte[TOKEN_BUFFER]));
            expect("get_token_size challenge " + size, PsaStatus.ERROR_INVALID_ARGUMENT,
                    () -> device.ns.getTokenSize(size));
        }
        byte[] challenge = AttestationFixture.challenge(32, 2);
        expect("get_token buffer 0", PsaStatus.ERROR_INVALID_ARGUMENT,
                () -> device.ns.getToken(challenge, new byte[0]));
        expect("get_token buffer 31", PsaStatus.ERROR_BUFFER_TOO_SMALL,
                () -> device.ns.getToken(challenge, new byte[31]));
        assertEquals(List.of(), failures);
        assertEquals(16, ran, "scenarios run");
    }

    /** test_a001's token check: COSE_Sign1 structure, mandatory claims present with the right types. */
    private void checkToken(byte[] token, byte[] challenge) {
        CBORObject o = CBORObject.DecodeFromBytes(token);
        if (!o.HasMostOuterTag(18) || o.getType() != CBORType.Array || o.size() != 4) {
            failures.add("token is not a tagged COSE_Sign1");
            return;
        }
        CBORObject claims = CBORObject.DecodeFromBytes(o.get(2).GetByteString());
        AttestationProfile p = AttestationProfile.PSA_2023;
        int[] textKeys = {p.profileKey()};
        int[] intKeys = {p.clientIdKey(), p.lifecycleKey()};
        int[] bytesKeys = {p.implementationIdKey(), p.nonceKey(), p.instanceIdKey()};
        for (int k : textKeys) {
            typed(claims, k, CBORType.TextString);
        }
        for (int k : intKeys) {
            typed(claims, k, CBORType.Integer);
        }
        for (int k : bytesKeys) {
            typed(claims, k, CBORType.ByteString);
        }
        typed(claims, p.softwareComponentsKey(), CBORType.Array);
        if (!java.security.MessageDigest.isEqual(claims.get(CBORObject.FromObject(p.nonceKey())).GetByteString(),
                challenge)) {
            failures.add("nonce is not the challenge");
        }
    }

    private void typed(CBORObject claims, int key, CBORType type) {
        CBORObject v = claims.GetOrDefault(CBORObject.FromObject(key), null);
        if (v == null || v.getType() != type) {
            failures.add("claim " + key + " is " + (v == null ? "absent" : v.getType()) + ", expected " + type);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private void expect(String what, PsaStatus expected, Call call) {
        ran++;
        int got;
        try {
            call.run();
            got = PsaStatus.SUCCESS.value();
        } catch (PsaException e) {
            got = e.statusValue();
        } catch (Exception e) {
            failures.add(what + ": " + e);
            return;
        }
        if (got != expected.value()) {
            failures.add(what + ": got " + PsaStatus.describe(got) + ", expected " + expected.cName());
        }
    }
}

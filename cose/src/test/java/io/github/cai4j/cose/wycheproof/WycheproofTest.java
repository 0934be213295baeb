package io.github.cai4j.cose.wycheproof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.TestData;
import io.github.cai4j.cose.internal.Ecdh;
import io.github.cai4j.cose.internal.Json;
import io.github.cai4j.cose.internal.Primitives;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof vectors for every primitive this module uses, through the COSE verifier interfaces where the layout
 * allows (ECDSA P1363 = COSE's raw r‖s, Ed25519) and through the module's primitive layer otherwise (AEAD, key
 * wrap, HMAC, HKDF, ECDH with peer-point validation). Failures are collected, then asserted with the count run.
 */
class WycheproofTest {
    private static final HexFormat HEX = HexFormat.of();

    private record Vector(Map<String, Object> group, Map<String, Object> test) {
        String s(String k) {
            Object v = test.get(k);
            return v == null ? (String) group.get(k) : (String) v;
        }

        byte[] b(String k) {
            return HEX.parseHex(s(k));
        }

        String result() {
            return (String) test.get("result");
        }

        long id() {
            return (Long) test.get("tcId");
        }

        long g(String k) {
            return (Long) group.get(k);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Vector> load(String file) throws IOException, CoseException {
        String text = Files.readString(TestData.dir("wycheproof").resolve(file), StandardCharsets.UTF_8);
        Map<String, Object> root = (Map<String, Object>) Json.parse(text);
        List<Vector> out = new ArrayList<>();
        for (Object g : (List<Object>) root.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            for (Object t : (List<Object>) group.get("tests")) {
                out.add(new Vector(group, (Map<String, Object>) t));
            }
        }
        assertEquals(((Long) root.get("numberOfTests")).intValue(), out.size(), file + " numberOfTests");
        return out;
    }

    /** Checks an outcome: valid must be accepted, invalid rejected, acceptable either. */
    private static void expect(List<String> failures, Vector v, boolean accepted, String file) {
        boolean ok = switch (v.result()) {
            case "valid" -> accepted;
            case "invalid" -> !accepted;
            default -> true;
        };
        if (!ok) {
            failures.add(file + " tcId " + v.id() + " (" + v.result() + "): " + v.test().get("comment"));
        }
    }

    @SuppressWarnings("unchecked")
    private static int ecdsa(String file, Curve curve, Algorithm alg, List<String> failures) throws Exception {
        int n = 0;
        Map<Object, CoseVerifier> verifiers = new java.util.IdentityHashMap<>();
        for (Vector v : load(file)) {
            Map<String, Object> pk = (Map<String, Object>) v.group().get("publicKey");
            CoseVerifier verifier = verifiers.get(pk);
            if (verifier == null) {
                verifier = EcdsaVerifier.of(CoseKey.ec2Point(curve, HEX.parseHex((String) pk.get("uncompressed"))),
                        alg);
                verifiers.put(pk, verifier);
            }
            expect(failures, v, verifier.verify(v.b("msg"), v.b("sig")), file);
            n++;
        }
        return n;
    }

    @Test
    void ecdsaP1363ThroughCoseVerifier() throws Exception {
        List<String> failures = new ArrayList<>();
        assertEquals(262, ecdsa("ecdsa_secp256r1_sha256_p1363_test.json", Curve.P_256, Algorithm.ES256, failures));
        assertEquals(280, ecdsa("ecdsa_secp384r1_sha384_p1363_test.json", Curve.P_384, Algorithm.ES384, failures));
        assertEquals(318, ecdsa("ecdsa_secp521r1_sha512_p1363_test.json", Curve.P_521, Algorithm.ES512, failures));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ed25519ThroughCoseVerifier() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Vector v : load("ed25519_test.json")) {
            Map<String, Object> pk = (Map<String, Object>) v.group().get("publicKey");
            boolean accepted;
            try {
                CoseVerifier verifier = CoseVerifier.forKey(CoseKey.okp(Curve.ED25519,
                        HEX.parseHex((String) pk.get("pk")), null));
                accepted = verifier.verify(v.b("msg"), v.b("sig"));
            } catch (CoseException e) {
                accepted = false;
            }
            expect(failures, v, accepted, "ed25519");
            n++;
        }
        assertEquals(151, n);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Algorithm gcm(long keyBits) {
        return keyBits == 128 ? Algorithm.A128GCM : keyBits == 192 ? Algorithm.A192GCM : Algorithm.A256GCM;
    }

    private static int aead(String file, boolean chacha, List<String> failures) throws Exception {
        int n = 0;
        for (Vector v : load(file)) {
            if (!chacha && (v.g("ivSize") != 96 || v.g("tagSize") != 128)) {
                continue; // COSE fixes a 96-bit IV and a 128-bit tag
            }
            Algorithm alg = chacha ? Algorithm.CHACHA20_POLY1305 : gcm(v.g("keySize"));
            byte[] ctTag = concat(v.b("ct"), v.b("tag"));
            boolean accepted;
            try {
                byte[] pt = Primitives.aeadDecrypt(alg, v.b("key"), v.b("iv"), v.b("aad"), ctTag);
                accepted = pt != null && MessageDigest.isEqual(pt, v.b("msg"));
                if (accepted && v.result().equals("valid")) {
                    accepted = MessageDigest.isEqual(ctTag,
                            Primitives.aeadEncrypt(alg, v.b("key"), v.b("iv"), v.b("aad"), v.b("msg")));
                }
            } catch (CoseException e) {
                accepted = false;
            }
            expect(failures, v, accepted, file);
            n++;
        }
        return n;
    }

    @Test
    void aesGcmWithCoseParameters() throws Exception {
        List<String> failures = new ArrayList<>();
        assertEquals(197, aead("aes_gcm_test.json", false, failures));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void chacha20Poly1305() throws Exception {
        List<String> failures = new ArrayList<>();
        assertEquals(325, aead("chacha20_poly1305_test.json", true, failures));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aesKeyWrap() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Vector v : load("aes_wrap_test.json")) {
            long bits = v.g("keySize");
            Algorithm kw = bits == 128 ? Algorithm.A128KW : bits == 192 ? Algorithm.A192KW : Algorithm.A256KW;
            boolean accepted;
            try {
                byte[] k = Primitives.unwrap(kw, v.b("key"), v.b("ct"));
                accepted = k != null && MessageDigest.isEqual(k, v.b("msg"));
                if (accepted) {
                    accepted = MessageDigest.isEqual(v.b("ct"), Primitives.wrap(kw, v.b("key"), v.b("msg")));
                }
            } catch (CoseException e) {
                accepted = false;
            }
            expect(failures, v, accepted, "aes_wrap");
            n++;
        }
        assertEquals(165, n);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void hmacSha256() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Vector v : load("hmac_sha256_test.json")) {
            if (v.g("tagSize") != 256) {
                continue; // COSE has HMAC 256/256 and 256/64 only
            }
            byte[] tag = Primitives.hmac(Algorithm.HMAC_256_256, v.b("key"), v.b("msg"));
            expect(failures, v, MessageDigest.isEqual(tag, v.b("tag")), "hmac_sha256");
            n++;
        }
        assertEquals(87, n);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void hkdfSha256() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Vector v : load("hkdf_sha256_test.json")) {
            boolean accepted;
            try {
                byte[] salt = v.b("salt");
                byte[] okm = Primitives.hkdf(256, salt.length == 0 ? null : salt, v.b("ikm"), v.b("info"),
                        ((Long) v.test().get("size")).intValue());
                accepted = MessageDigest.isEqual(okm, v.b("okm"));
            } catch (CoseException e) {
                accepted = false;
            }
            expect(failures, v, accepted, "hkdf_sha256");
            n++;
        }
        assertEquals(86, n);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void ecdhP256ValidatesThePeerPoint() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        int rejectedPoints = 0;
        for (Vector v : load("ecdh_secp256r1_ecpoint_test.json")) {
            boolean accepted;
            try {
                CoseKey peer = CoseKey.ec2Point(Curve.P_256, v.b("public"));
                CoseKey mine = scalarKey(new BigInteger(1, v.b("private")));
                accepted = MessageDigest.isEqual(Ecdh.agree(mine, peer), v.b("shared"));
            } catch (CoseException e) {
                accepted = false;
                rejectedPoints++;
            }
            expect(failures, v, accepted, "ecdh_secp256r1_ecpoint");
            n++;
        }
        assertEquals(355, n);
        assertTrue(rejectedPoints >= 24, "invalid points rejected: " + rejectedPoints);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static CoseKey scalarKey(BigInteger s) throws CoseException {
        byte[] d = new byte[32];
        byte[] b = s.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, d, 32 - len, len);
        return CoseKey.decode(HEX.parseHex("a3010220012358" + "20" + HEX.formatHex(d)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

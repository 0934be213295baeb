package io.github.cai4j.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.CoseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** COSE_Key: CBOR, JWK, PEM and java.security conversions, validation, and toString hygiene. */
class CoseKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    @Test
    void ecKeysRoundTripThroughEveryForm() throws Exception {
        for (String c : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            KeyPair kp = ec(c);
            CoseKey k = CoseKey.fromKeyPair(kp).withKid(new byte[] {7});
            CoseKey back = CoseKey.decode(k.encode());
            assertArrayEquals(k.encode(), back.encode());
            assertEquals(kp.getPublic(), back.toPublicKey());
            assertArrayEquals(k.privateBytes(), CoseKey.fromPrivateKey(back.toPrivateKey(), null).privateBytes());
            CoseKey jwk = CoseKey.fromJwk(k.toJwk(true));
            assertArrayEquals(k.encode(), jwk.encode());
            assertFalse(k.toJwk(false).contains("\"d\""));
            assertEquals(kp.getPublic(), Pem.publicKey(Pem.encodePublicKey(kp.getPublic())));
            CoseKey pemPriv = CoseKey.fromPrivateKey(Pem.privateKey(Pem.encode("PRIVATE KEY",
                    kp.getPrivate().getEncoded())), null);
            assertArrayEquals(k.privateBytes(), pemPriv.privateBytes());
            assertArrayEquals(k.publicOnly().encode(), CoseKey.ec2Point(k.curve().orElseThrow(),
                    k.uncompressedPoint()).withKid(new byte[] {7}).encode());
        }
    }

    @Test
    void okpKeys() throws Exception {
        for (String alg : new String[] {"Ed25519", "X25519"}) {
            KeyPair kp = KeyPairGenerator.getInstance(alg).generateKeyPair();
            CoseKey k = CoseKey.fromKeyPair(kp);
            assertEquals(kp.getPublic(), CoseKey.decode(k.encode()).toPublicKey());
            assertArrayEquals(k.encode(), CoseKey.fromJwk(k.toJwk(true)).encode());
            assertArrayEquals(k.x(), CoseKey.okp(k.curve().orElseThrow(), null, k.privateBytes()).x());
        }
    }

    @Test
    void compressedPointsAreDecompressedAndValidated() throws Exception {
        CoseKey k = CoseKey.fromKeyPair(ec("secp256r1")).publicOnly();
        boolean odd = (k.y()[31] & 1) == 1;
        String compressed = "a4010220012158 20".replace(" ", "") + HEX.formatHex(k.x()) + "22" + (odd ? "f5" : "f4");
        assertArrayEquals(k.encode(), CoseKey.decode(HEX.parseHex(compressed)).encode());
    }

    @Test
    void invalidKeysAreRejected() throws Exception {
        CoseKey k = CoseKey.fromKeyPair(ec("secp256r1"));
        byte[] y = k.y();
        y[31] ^= 1;
        assertThrows(CoseException.class, () -> CoseKey.ec2(Curve.P_256, k.x(), y, null));
        assertThrows(CoseException.class, () -> CoseKey.ec2(Curve.P_256, new byte[32], new byte[32], null));
        assertThrows(CoseException.class, () -> CoseKey.decode(HEX.parseHex("a1200a")));
        assertThrows(CoseException.class, () -> CoseKey.decode(HEX.parseHex("a201022001")));
        assertThrows(CoseException.class, () -> CoseKey.decode(HEX.parseHex("a2010420f6")));
        assertThrows(CoseException.class, () -> CoseKey.fromJwk("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\"}"));
        assertThrows(CoseException.class, () -> CoseKey.fromJwk("[1,2"));
        assertThrows(CoseException.class, () -> Pem.publicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        CoseKey k = CoseKey.fromKeyPair(ec("secp256r1"));
        CoseKey s = CoseKey.symmetric(HEX.parseHex("00112233445566778899aabbccddeeff"));
        for (CoseKey key : new CoseKey[] {k, s}) {
            String t = key.toString();
            for (byte[] secret : new byte[][] {key.type() == KeyType.SYMMETRIC ? key.symmetricKey()
                    : key.privateBytes()}) {
                assertFalse(t.toLowerCase(java.util.Locale.ROOT).contains(HEX.formatHex(secret).substring(0, 8)), t);
                assertFalse(t.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(secret).substring(0, 8)));
            }
        }
        assertTrue(s.toString().contains("128-bit secret"), s.toString());
    }
}

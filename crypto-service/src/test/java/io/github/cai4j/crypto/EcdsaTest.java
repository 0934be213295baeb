package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.internal.InsecureEcdsaNonces;
import io.github.cai4j.psa.PsaException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * ECDSA P-256: randomized by default, RFC 6979 by policy, the firmware's 64-byte "hash" quirk, and the insecure
 * nonce hook reproducing the firmware's first signature after boot ({@code spec/firmware.md} §5.5). The JDK's
 * SunEC provider verifies as an independent oracle.
 */
class EcdsaTest {
    private static final int SIGN_VERIFY = PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH | PsaKeyUsage.EXPORT;

    private static byte[] sha256(byte[] m) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(m);
    }

    /** SunEC verification of a raw signature over a message. */
    private static boolean sunEcVerifies(byte[] publicPoint, byte[] message, byte[] raw) throws Exception {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(publicPoint, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(publicPoint, 33, 65)));
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(pub);
        s.update(message);
        return s.verify(EcdsaSignatureFormat.rawToDer(raw));
    }

    @Test
    void randomizedByDefaultAndVerifiedBySunEc() throws Exception {
        CryptoFixture device = CryptoFixture.boot();
        CryptoClient c = device.secure;
        int k = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(SIGN_VERIFY).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
        byte[] pub = c.exportPublicKey(k);
        byte[] msg = "inference".getBytes(StandardCharsets.US_ASCII);
        byte[] s1 = c.signHash(k, PsaAlgorithm.ECDSA_SHA_256, sha256(msg));
        byte[] s2 = c.signMessage(k, PsaAlgorithm.ECDSA_SHA_256, msg);
        assertFalse(Arrays.equals(s1, s2), "randomized signatures differ");
        assertTrue(sunEcVerifies(pub, msg, s1));
        assertTrue(sunEcVerifies(pub, msg, s2));
        assertTrue(c.verifyMessage(k, PsaAlgorithm.ECDSA_SHA_256, msg, s1));
        assertFalse(c.verifyMessage(k, PsaAlgorithm.ECDSA_SHA_256, new byte[] {1}, s1));
        // the public key verifies from another caller once imported there
        int p = device.ns.importKey(KeyAttributes.builder().type(PsaKeyType.ECC_PUBLIC_KEY_SECP_R1)
                .usage(PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build(), pub);
        assertTrue(device.ns.verifyHash(p, PsaAlgorithm.ECDSA_SHA_256, sha256(msg), s2));
    }

    @Test
    void deterministicIsRfc6979() throws Exception {
        CryptoClient c = CryptoFixture.boot().ns;
        // RFC 6979 A.2.5, P-256 with SHA-256
        byte[] x = TestVectors.hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
        int k = c.importKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1)
                .usage(SIGN_VERIFY).algorithm(PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256).build(), x);
        byte[] sample = c.signMessage(k, PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256,
                "sample".getBytes(StandardCharsets.US_ASCII));
        assertEquals("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
                + "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8", TestVectors.hex(sample));
        byte[] test = c.signHash(k, PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256,
                sha256("test".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
                + "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083", TestVectors.hex(test));
        assertTrue(sunEcVerifies(c.exportPublicKey(k), "test".getBytes(StandardCharsets.US_ASCII), test));
    }

    @Test
    void longHashIsTruncatedToTheOrderLength() throws Exception {
        CryptoClient c = CryptoFixture.boot().ns;
        int k = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(SIGN_VERIFY).algorithm(PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256).build());
        byte[] buffer = new byte[64];
        System.arraycopy(sha256(new byte[] {42}), 0, buffer, 0, 32);
        Arrays.fill(buffer, 32, 64, (byte) 0x5a);
        byte[] quirk = c.signHash(k, PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256, buffer);
        assertTrue(c.verifyHash(k, PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256, Arrays.copyOf(buffer, 32), quirk));
        assertTrue(sunEcVerifies(c.exportPublicKey(k), new byte[] {42}, quirk));
    }

    @Test
    void injectedNonceReproducesTheFirmwaresFirstSignatureR() throws Exception {
        String spec = TestVectors.spec("firmware.md");
        String k = TestVectors.find(spec, "\\*\\*k = 0x([0-9a-f]{64})\\*\\*");
        String r = TestVectors.find(spec, "`r = ([0-9a-f]{64})`");
        CryptoFixture device = CryptoFixture.boot();
        CryptoClient c = device.secure;
        int key = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(SIGN_VERIFY).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
        InsecureEcdsaNonces.injectNext(device.partition, TestVectors.hex(k));
        byte[] hash = sha256(new byte[] {1, 2, 3});
        byte[] first = c.signHash(key, PsaAlgorithm.ECDSA_SHA_256, hash);
        assertEquals(r, TestVectors.hex(Arrays.copyOf(first, 32)));
        assertTrue(c.verifyHash(key, PsaAlgorithm.ECDSA_SHA_256, hash, first));
        // s = k^-1 (e + r d) mod n, recomputed from the exported key
        BigInteger n = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
        BigInteger d = new BigInteger(1, c.exportKey(key));
        BigInteger s = new BigInteger(1, hash).add(new BigInteger(r, 16).multiply(d))
                .multiply(new BigInteger(k, 16).modInverse(n)).mod(n);
        assertEquals(s, new BigInteger(1, Arrays.copyOfRange(first, 32, 64)));
        byte[] second = c.signHash(key, PsaAlgorithm.ECDSA_SHA_256, hash);
        assertNotEquals(r, TestVectors.hex(Arrays.copyOf(second, 32)), "later signatures are random again");
    }

    @Test
    void derFormatRejectsNonStrictEncodings() {
        byte[] raw = new byte[64];
        raw[31] = 1;
        raw[32] = (byte) 0x80;
        byte[] der = EcdsaSignatureFormat.rawToDer(raw);
        assertEquals("3026020101022100" + "80" + "00".repeat(31), TestVectors.hex(der));
        byte[][] bad = {
            TestVectors.hex("3007020101020201"),
            TestVectors.hex("30060201010201"),
            TestVectors.hex("300702010102010100"),
            TestVectors.hex("30080202000102020001"),
            TestVectors.hex("3006020181020101"),
            TestVectors.hex("31060201010201"),
            new byte[0],
        };
        int rejected = 0;
        for (byte[] b : bad) {
            try {
                EcdsaSignatureFormat.derToRaw(b);
            } catch (PsaException e) {
                rejected++;
            }
        }
        assertEquals(bad.length, rejected);
        assertArrayEquals(raw, assertDoesNotThrow(der));
    }

    private static byte[] assertDoesNotThrow(byte[] der) {
        try {
            return EcdsaSignatureFormat.derToRaw(der);
        } catch (PsaException e) {
            throw new AssertionError(e);
        }
    }
}

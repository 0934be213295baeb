package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/**
 * TF-M's HUK derivation in both generations ({@code spec/firmware.md} §1.2, §1.3), against an independent
 * HKDF (BouncyCastle) over the dummy HUK: the caller's id always comes from the gate, so nobody derives as
 * anyone else.
 */
class TfmHukDerivationTest {
    private static final BigInteger N = new BigInteger(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private static byte[] huk() {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) (i & 0x0f);
        }
        return k;
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Gen B: d from HKDF(salt "", IKM = subHUK(owner), info = label), PSA draw rule. */
    private static byte[] genB(int owner, String label) {
        byte[] sub = hkdf(new byte[0], huk(), le32(owner), 32);
        byte[] okm = hkdf(new byte[0], sub, label.getBytes(StandardCharsets.US_ASCII), 32 * 4);
        for (int i = 0; i < 4; i++) {
            BigInteger k = new BigInteger(1, Arrays.copyOfRange(okm, 32 * i, 32 * i + 32));
            if (k.compareTo(N.subtract(BigInteger.TWO)) <= 0) {
                return BigIntegers.asUnsignedByteArray(32, k.add(BigInteger.ONE));
            }
        }
        throw new AssertionError("four redraws");
    }

    /** Gen B as the firmware does it: INFO = label, SECRET = builtin HUK, ECC output_key. */
    private static int deriveGenB(CryptoClient c, String label, int usage, boolean infoFirst) throws PsaException {
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            if (infoFirst) {
                op.inputBytes(DerivationStep.INFO, label.getBytes(StandardCharsets.US_ASCII));
            }
            op.inputKey(DerivationStep.SECRET, PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK);
            if (!infoFirst) {
                op.inputBytes(DerivationStep.INFO, label.getBytes(StandardCharsets.US_ASCII));
            }
            return op.outputKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                    .usage(usage).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
        }
    }

    @Test
    void tfm17PerOwnerSubKeysAndEccDerivation() throws Exception {
        CryptoFixture device = CryptoFixture.boot(TfmProfile.TFM_1_7);
        String label = "HUK_COSE_EC_PRIV_KEY";
        int usage = PsaKeyUsage.EXPORT | PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH;
        int s = deriveGenB(device.secure, label, usage, true);
        int n = deriveGenB(device.ns, label, usage, false);
        byte[] ds = device.secure.exportKey(s);
        byte[] dn = device.ns.exportKey(n);
        assertEquals(TestVectors.hex(genB(CryptoFixture.SECURE_ID, label)), TestVectors.hex(ds));
        assertEquals(TestVectors.hex(genB(-1, label)), TestVectors.hex(dn));
        assertFalse(Arrays.equals(ds, dn), "two owners derive two keys");
        // another NS client id is another owner
        CryptoClient other = device.nonSecure(-7);
        byte[] d7 = other.exportKey(deriveGenB(other, label, usage, true));
        assertEquals(TestVectors.hex(genB(-7, label)), TestVectors.hex(d7));
        // UUID: the first 16 bytes of d
        int u = deriveGenB(device.secure, "UUID", PsaKeyUsage.EXPORT, true);
        assertArrayEquals(Arrays.copyOf(genB(CryptoFixture.SECURE_ID, "UUID"), 16),
                Arrays.copyOf(device.secure.exportKey(u), 16));
        // same inputs, same key: derivation is deterministic
        int again = deriveGenB(device.secure, label, usage, false);
        assertArrayEquals(ds, device.secure.exportKey(again));
    }

    @Test
    void tfm17BuiltinHukIsOnlyADeriveSecret() throws Exception {
        CryptoFixture device = CryptoFixture.boot(TfmProfile.TFM_1_7);
        CryptoClient c = device.ns;
        int huk = PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK;
        KeyAttributes a = c.getKeyAttributes(huk);
        assertEquals(PsaKeyType.DERIVE, a.type());
        assertEquals(256, a.bits());
        assertEquals(PsaKeyUsage.DERIVE, a.usage());
        assertEquals(PsaAlgorithm.HKDF_SHA_256, a.algorithm());
        assertEquals(huk, a.id());
        assertEquals(0x80000101, a.lifetime());
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.exportKey(huk));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.exportPublicKey(huk));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.destroyKey(huk));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.signHash(huk, PsaAlgorithm.ECDSA_SHA_256, new byte[32]));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.aeadEncrypt(huk, PsaAlgorithm.GCM, new byte[12], new byte[0],
                new byte[1]));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> c.rawKeyAgreement(PsaAlgorithm.ECDH, huk, new byte[65]));
        // as a non-SECRET step
        KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputKey(DerivationStep.SALT, huk));
        status(PsaStatus.ERROR_BAD_STATE, () -> op.inputKey(DerivationStep.SECRET, huk));
        op.abort();
        // in an operation of another algorithm
        KeyDerivation tls = c.keyDerivationSetup(PsaAlgorithm.TLS12_PRF_SHA_256);
        tls.inputBytes(DerivationStep.SEED, new byte[8]);
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> tls.inputKey(DerivationStep.SECRET, huk));
        tls.abort();
        // its bytes can be read back only through output_bytes of a derivation: never the sub-key itself
        try (KeyDerivation d = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            d.inputKey(DerivationStep.SECRET, huk);
            d.inputBytes(DerivationStep.INFO, new byte[0]);
            byte[] out = d.outputBytes(32);
            byte[] sub = hkdf(new byte[0], huk(), le32(-1), 32);
            assertArrayEquals(hkdf(new byte[0], sub, new byte[0], 32), out);
        }
        // TF-M 1.6's algorithm does not exist in 1.7
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.keyDerivationSetup(PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION));
    }

    /** Gen A: HKDF(salt = LE32(caller) || label, IKM = HUK, info = "", L). */
    private static int deriveGenA(CryptoClient c, String label, int bits, int type, int usage) throws PsaException {
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION)) {
            op.inputBytes(DerivationStep.LABEL, label.getBytes(StandardCharsets.US_ASCII));
            return op.outputKey(KeyAttributes.builder().type(type).bits(bits).usage(usage).build());
        }
    }

    @Test
    void tfm16LabelPrefixedWithCallerId() throws Exception {
        CryptoFixture device = CryptoFixture.boot(TfmProfile.TFM_1_6);
        byte[] uuidLabel = concat(le32(CryptoFixture.SECURE_ID), "UUID".getBytes(StandardCharsets.US_ASCII));
        assertEquals("0001694c55554944", TestVectors.hex(uuidLabel));
        int k = deriveGenA(device.secure, "UUID", 128, PsaKeyType.AES, PsaKeyUsage.EXPORT);
        assertArrayEquals(hkdf(uuidLabel, huk(), new byte[0], 16), device.secure.exportKey(k));
        // the spec's literal steps: PRK = HMAC(salt, HUK), OKM = HMAC(PRK, 0x01)[0..15]
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(uuidLabel, "HmacSHA256"));
        byte[] prk = mac.doFinal(huk());
        mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
        assertArrayEquals(Arrays.copyOf(mac.doFinal(new byte[] {1}), 16), device.secure.exportKey(k));

        // NS: caller id -1, the COSE key halves glued into an EC key as the firmware does
        String hi = "HUK_CLIENT_TLS_EC_PRIV_KEY_HI";
        int nsHi = deriveGenA(device.ns, hi, 128, PsaKeyType.AES, PsaKeyUsage.EXPORT);
        byte[] expectedHi = hkdf(concat(le32(-1), hi.getBytes(StandardCharsets.US_ASCII)), huk(), new byte[0], 16);
        assertArrayEquals(expectedHi, device.ns.exportKey(nsHi));
        assertEquals("ffffffff", TestVectors.hex(le32(-1)));
        // an ECC key straight from the HUK output, and the 64-byte limit
        int ecc = deriveGenA(device.ns, "X", 256, PsaKeyType.ECC_KEY_PAIR_SECP_R1, PsaKeyUsage.EXPORT);
        assertArrayEquals(hkdf(concat(le32(-1), new byte[] {'X'}), huk(), new byte[0], 32), device.ns.exportKey(ecc));
        status(PsaStatus.ERROR_INSUFFICIENT_MEMORY,
                () -> deriveGenA(device.ns, "X", 520, PsaKeyType.RAW_DATA, PsaKeyUsage.EXPORT));
        // only LABEL; output_bytes has no capacity; no builtin HUK key in 1.6
        try (KeyDerivation op = device.ns.keyDerivationSetup(PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION)) {
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputBytes(DerivationStep.INFO, new byte[1]));
            assertEquals(0, op.capacity());
            status(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> op.outputBytes(16));
        }
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> device.ns.getKeyAttributes(PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK));
    }

    @FunctionalInterface
    interface Call {
        Object run() throws PsaException;
    }

    @FunctionalInterface
    interface VoidCall {
        void run() throws PsaException;
    }

    static void status(PsaStatus want, Call call) {
        PsaException e = assertThrows(PsaException.class, call::run);
        assertEquals(want.value(), e.statusValue(), e.getMessage());
    }

    static void status(PsaStatus want, VoidCall call) {
        PsaException e = assertThrows(PsaException.class, call::run);
        assertEquals(want.value(), e.statusValue(), e.getMessage());
    }
}

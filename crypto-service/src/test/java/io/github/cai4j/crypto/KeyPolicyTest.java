package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.internal.CryptoWire;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every forbidden operation returns its exact PSA status; no caller reaches another caller's keys. */
class KeyPolicyTest {
    private static final BigInteger N = new BigInteger(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final byte[] HASH = new byte[32];

    private CryptoFixture device;
    private CryptoClient ns;

    @BeforeEach
    void boot() throws PsaException {
        device = CryptoFixture.boot();
        ns = device.ns;
    }

    @FunctionalInterface
    interface Call {
        void run() throws PsaException;
    }

    static void status(PsaStatus want, Call call) {
        PsaException e = assertThrows(PsaException.class, call::run);
        assertEquals(want.value(), e.statusValue(), e.getMessage());
    }

    private static KeyAttributes.Builder ecc(int usage, int alg) {
        return KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256).usage(usage).algorithm(alg);
    }

    private static KeyAttributes.Builder aes(int usage) {
        return KeyAttributes.builder().type(PsaKeyType.AES).bits(128).usage(usage).algorithm(PsaAlgorithm.GCM);
    }

    @Test
    void exportNeedsTheExportFlagExceptForPublicKeys() throws PsaException {
        int k = ns.generateKey(ecc(PsaKeyUsage.SIGN_HASH, PsaAlgorithm.ECDSA_SHA_256).build());
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.exportKey(k));
        byte[] pub = ns.exportPublicKey(k);
        assertEquals(65, pub.length);
        assertEquals(4, pub[0]);
        int p = ns.importKey(KeyAttributes.builder().type(PsaKeyType.ECC_PUBLIC_KEY_SECP_R1).build(), pub);
        assertArrayEquals(pub, ns.exportKey(p));
        assertArrayEquals(pub, ns.exportPublicKey(p));
        int a = ns.generateKey(aes(PsaKeyUsage.ENCRYPT).build());
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.exportKey(a));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.exportPublicKey(a));
        int e = ns.generateKey(aes(PsaKeyUsage.EXPORT).build());
        assertEquals(16, ns.exportKey(e).length);
    }

    @Test
    void signAndVerifyPolicies() throws PsaException {
        int signOnly = ns.generateKey(ecc(PsaKeyUsage.SIGN_HASH, PsaAlgorithm.ECDSA_SHA_256).build());
        int verifyOnly = ns.generateKey(ecc(PsaKeyUsage.VERIFY_HASH, PsaAlgorithm.ECDSA_SHA_256).build());
        byte[] sig = ns.signHash(signOnly, PsaAlgorithm.ECDSA_SHA_256, HASH);
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.verifyHash(signOnly, PsaAlgorithm.ECDSA_SHA_256, HASH, sig));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.signHash(verifyOnly, PsaAlgorithm.ECDSA_SHA_256, HASH));
        // the algorithm must be the policy's
        status(PsaStatus.ERROR_NOT_PERMITTED,
                () -> ns.signHash(signOnly, PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256, HASH));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.signHash(signOnly, PsaAlgorithm.ECDSA_ANY_HASH, HASH));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.signHash(signOnly, PsaAlgorithm.GCM, HASH));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.signHash(signOnly, 0, HASH));
        // SIGN_HASH implies SIGN_MESSAGE, not the reverse
        ns.signMessage(signOnly, PsaAlgorithm.ECDSA_SHA_256, new byte[3]);
        assertTrue((ns.getKeyAttributes(signOnly).usage() & PsaKeyUsage.SIGN_MESSAGE) != 0);
        int msgOnly = ns.generateKey(ecc(PsaKeyUsage.SIGN_MESSAGE, PsaAlgorithm.ECDSA_SHA_256).build());
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.signHash(msgOnly, PsaAlgorithm.ECDSA_SHA_256, HASH));
        // a hash wildcard policy permits ECDSA with any hash; only SHA-256 is implemented
        int any = ns.generateKey(ecc(PsaKeyUsage.SIGN_HASH, PsaAlgorithm.ECDSA_ANY_HASH).build());
        ns.signHash(any, PsaAlgorithm.ECDSA_SHA_256, HASH);
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.signHash(any, PsaAlgorithm.ecdsa(0x0200000a), HASH));
        // a public key cannot sign; an AES key cannot sign or verify
        byte[] pub = ns.exportPublicKey(verifyOnly);
        int p = ns.importKey(KeyAttributes.builder().type(PsaKeyType.ECC_PUBLIC_KEY_SECP_R1)
                .usage(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build(),
                pub);
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.signHash(p, PsaAlgorithm.ECDSA_SHA_256, HASH));
        int a = ns.importKey(aes(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH)
                .algorithm(PsaAlgorithm.ECDSA_SHA_256).build(), new byte[16]);
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.signHash(a, PsaAlgorithm.ECDSA_SHA_256, HASH));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.verifyHash(a, PsaAlgorithm.ECDSA_SHA_256, HASH, sig));
        // a bad signature is a result, not an error; a hash longer than 64 bytes is refused
        assertFalse(ns.verifyHash(p, PsaAlgorithm.ECDSA_SHA_256, HASH, new byte[64]));
        assertFalse(ns.verifyHash(p, PsaAlgorithm.ECDSA_SHA_256, HASH, new byte[63]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.signHash(signOnly, PsaAlgorithm.ECDSA_SHA_256, new byte[65]));
    }

    @Test
    void aeadPolicies() throws PsaException {
        byte[] nonce = new byte[12];
        int enc = ns.generateKey(aes(PsaKeyUsage.ENCRYPT).build());
        int dec = ns.generateKey(aes(PsaKeyUsage.DECRYPT).build());
        byte[] ct = ns.aeadEncrypt(enc, PsaAlgorithm.GCM, nonce, new byte[0], new byte[5]);
        assertEquals(21, ct.length);
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.aeadDecrypt(enc, PsaAlgorithm.GCM, nonce, new byte[0], ct));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.aeadEncrypt(dec, PsaAlgorithm.GCM, nonce, new byte[0], ct));
        int shortTag = PsaAlgorithm.aeadWithShortenedTag(PsaAlgorithm.GCM, 12);
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.aeadEncrypt(enc, shortTag, nonce, new byte[0], ct));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.aeadEncrypt(enc, PsaAlgorithm.ECDSA_SHA_256, nonce,
                new byte[0], ct));
        int ccm = ns.generateKey(aes(PsaKeyUsage.ENCRYPT).algorithm(PsaAlgorithm.CCM).build());
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.aeadEncrypt(ccm, PsaAlgorithm.CCM, nonce, new byte[0], ct));
        int eccGcm = ns.generateKey(ecc(PsaKeyUsage.ENCRYPT, PsaAlgorithm.GCM).build());
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.aeadEncrypt(eccGcm, PsaAlgorithm.GCM, nonce, new byte[0],
                ct));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.aeadEncrypt(enc, PsaAlgorithm.GCM, new byte[16], new byte[0],
                ct));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.aeadEncrypt(enc, PsaAlgorithm.GCM, new byte[0], new byte[0],
                ct));
        int both = ns.generateKey(aes(PsaKeyUsage.ENCRYPT | PsaKeyUsage.DECRYPT).bits(256).build());
        byte[] c2 = ns.aeadEncrypt(both, PsaAlgorithm.GCM, nonce, new byte[] {1}, new byte[] {7, 8});
        assertArrayEquals(new byte[] {7, 8}, ns.aeadDecrypt(both, PsaAlgorithm.GCM, nonce, new byte[] {1}, c2));
        status(PsaStatus.ERROR_INVALID_SIGNATURE, () -> ns.aeadDecrypt(both, PsaAlgorithm.GCM, nonce, new byte[] {2},
                c2));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.aeadDecrypt(both, PsaAlgorithm.GCM, nonce, new byte[0],
                new byte[15]));
    }

    @Test
    void keyAgreementPolicies() throws PsaException {
        int noDerive = ns.generateKey(ecc(PsaKeyUsage.SIGN_HASH, PsaAlgorithm.ECDH).build());
        int wrongAlg = ns.generateKey(ecc(PsaKeyUsage.DERIVE, PsaAlgorithm.ECDSA_SHA_256).build());
        int ok = ns.generateKey(ecc(PsaKeyUsage.DERIVE, PsaAlgorithm.ECDH).build());
        byte[] peer = ns.exportPublicKey(ok);
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH, noDerive, peer));
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH, wrongAlg, peer));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH_HKDF_SHA_256, ok, peer));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.rawKeyAgreement(PsaAlgorithm.HKDF_SHA_256, ok, peer));
        int pub = ns.importKey(KeyAttributes.builder().type(PsaKeyType.ECC_PUBLIC_KEY_SECP_R1)
                .usage(PsaKeyUsage.DERIVE).algorithm(PsaAlgorithm.ECDH).build(), peer);
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH, pub, peer));
        byte[] bad = peer.clone();
        bad[10] ^= 0x40;
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH, ok, bad));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH, ok, new byte[0]));
        assertEquals(32, ns.rawKeyAgreement(PsaAlgorithm.ECDH, ok, peer).length);
    }

    @Test
    void keyCreationStatuses() throws PsaException {
        KeyAttributes.Builder derive = KeyAttributes.builder().type(PsaKeyType.DERIVE).usage(PsaKeyUsage.DERIVE);
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(derive.build(), new byte[0]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(aes(0).build(), new byte[17]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(aes(0).bits(256).build(), new byte[16]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(ecc(0, 0).build(), new byte[32]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(ecc(0, 0).build(),
                org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N)));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(ecc(0, 0).build(), new byte[33]));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.importKey(KeyAttributes.builder()
                .type(PsaKeyType.RSA_PUBLIC_KEY).build(), new byte[10]));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.importKey(KeyAttributes.builder()
                .type(PsaKeyType.eccKeyPair(0x27)).build(), new byte[32]));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.importKey(derive.build(), new byte[1025]));
        // lifetimes and ids
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(KeyAttributes.of(5, PsaKeyIds.LIFETIME_VOLATILE,
                PsaKeyType.DERIVE, 0, 0, 0), new byte[4]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(KeyAttributes.of(0, PsaKeyIds.LIFETIME_PERSISTENT,
                PsaKeyType.DERIVE, 0, 0, 0), new byte[4]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(derive.id(PsaKeyIds.VENDOR_MIN).build(),
                new byte[4]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(KeyAttributes.of(7, 0x0100_0001,
                PsaKeyType.DERIVE, 0, 0, 0), new byte[4]));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.importKey(KeyAttributes.of(7, 0xff,
                PsaKeyType.DERIVE, 0, 0, 0), new byte[4]));
        int persistent = ns.importKey(derive.id(0x5001).build(), new byte[4]);
        assertEquals(0x5001, persistent);
        KeyAttributes got = ns.getKeyAttributes(0x5001);
        assertEquals(PsaKeyIds.LIFETIME_PERSISTENT, got.lifetime());
        assertEquals(32, got.bits());
        status(PsaStatus.ERROR_ALREADY_EXISTS, () -> ns.importKey(derive.id(0x5001).build(), new byte[4]));
        ns.destroyKey(0x5001);
        assertEquals(0x5001, ns.importKey(derive.id(0x5001).build(), new byte[4]));
        // generation
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.generateKey(KeyAttributes.builder()
                .type(PsaKeyType.ECC_PUBLIC_KEY_SECP_R1).bits(256).build()));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.generateKey(aes(0).bits(0).build()));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.generateKey(aes(0).bits(100).build()));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> ns.generateKey(KeyAttributes.builder().type(PsaKeyType.HMAC)
                .bits(12).build()));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> ns.generateKey(ecc(0, 0).bits(384).build()));
        // destroy
        ns.destroyKey(0);
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.destroyKey(0x1234));
        int v = ns.generateKey(aes(0).build());
        ns.destroyKey(v);
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.destroyKey(v));
        status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.getKeyAttributes(v));
    }

    @Test
    void volatileSlotsRunOutAndAreReused() throws PsaException {
        CryptoFixture small = CryptoFixture.boot(CryptoConfig.builder().keySlots(3).persistentKeys(1).build());
        CryptoClient c = small.ns;
        int a = c.generateKey(aes(0).build());
        int b = c.generateKey(aes(0).build());
        int d = c.generateKey(aes(0).build());
        assertEquals(PsaKeyIds.VENDOR_MAX - 2, a);
        assertEquals(PsaKeyIds.VENDOR_MAX, d);
        assertNotEquals(a, b);
        status(PsaStatus.ERROR_INSUFFICIENT_MEMORY, () -> c.generateKey(aes(0).build()));
        c.destroyKey(b);
        assertEquals(b, c.generateKey(aes(0).build()));
        c.generateKey(aes(0).id(9).build());
        status(PsaStatus.ERROR_INSUFFICIENT_STORAGE, () -> c.generateKey(aes(0).id(10).build()));
        KeyAttributes va = c.getKeyAttributes(a);
        assertEquals(PsaKeyIds.LIFETIME_VOLATILE, va.lifetime());
        assertEquals(a, va.id());
    }

    @Test
    void bufferTooSmall() throws PsaException {
        int k = ns.generateKey(ecc(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.EXPORT, PsaAlgorithm.ECDSA_SHA_256).build());
        CallResult r = device.gate.nonSecureClient().call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.SIGN_HASH, k, PsaAlgorithm.ECDSA_SHA_256, 0, 0, 0)),
            InVec.of(HASH)}, new OutVec[] {OutVec.allocate(63)});
        assertEquals(PsaStatus.ERROR_BUFFER_TOO_SMALL.value(), r.status());
        assertEquals(0, r.outLength(0));
        CallResult e = device.gate.nonSecureClient().call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.EXPORT_KEY, k, 0, 0, 0, 0))}, new OutVec[] {OutVec.allocate(31)});
        assertEquals(PsaStatus.ERROR_BUFFER_TOO_SMALL.value(), e.status());
    }

    @Test
    void noCallerReachesAnotherCallersKeys() throws PsaException {
        CryptoClient s = device.secure;
        int cose = s.importKey(ecc(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH | PsaKeyUsage.EXPORT,
                PsaAlgorithm.ECDSA_SHA_256).id(0x5002).build(), new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                    28, 29, 30, 31, 32});
        int vol = s.generateKey(ecc(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.EXPORT | PsaKeyUsage.DERIVE,
                PsaAlgorithm.ECDSA_SHA_256).build());
        for (int id : new int[] {cose, vol}) {
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.getKeyAttributes(id));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.exportKey(id));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.exportPublicKey(id));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.signHash(id, PsaAlgorithm.ECDSA_SHA_256, HASH));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.verifyHash(id, PsaAlgorithm.ECDSA_SHA_256, HASH,
                    new byte[64]));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.destroyKey(id));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> ns.rawKeyAgreement(PsaAlgorithm.ECDH, id, new byte[65]));
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> device.nonSecure(-2).exportKey(id));
            try (KeyDerivation op = ns.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
                status(PsaStatus.ERROR_INVALID_HANDLE, () -> op.inputKey(DerivationStep.SECRET, id));
            }
        }
        // the same id in the non-secure namespace is another key
        int nsCose = ns.importKey(ecc(PsaKeyUsage.EXPORT, 0).id(0x5002).build(), new byte[] {
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        assertEquals(0x5002, nsCose);
        assertEquals(9, ns.exportKey(0x5002)[0]);
        assertEquals(1, s.exportKey(0x5002)[0]);
        ns.destroyKey(0x5002);
        assertEquals(1, s.exportKey(0x5002)[0], "the partition's key survives");
        // a partition's derivation operation cannot be driven or aborted by another caller
        KeyDerivation op = s.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op.inputBytes(DerivationStep.SECRET, new byte[8]);
        int handle = op.handle();
        CallResult stolen = device.gate.nonSecureClient().call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.KDF_INPUT_BYTES, 0, 0, handle, DerivationStep.INFO, 0)),
            InVec.of(new byte[1])}, new OutVec[0]);
        assertEquals(PsaStatus.ERROR_BAD_STATE.value(), stolen.status());
        device.gate.nonSecureClient().call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.KDF_ABORT, 0, 0, handle, 0, 0))}, new OutVec[0]).orThrow("abort");
        op.inputBytes(DerivationStep.INFO, new byte[1]);
        assertEquals(16, op.outputBytes(16).length);
        op.abort();
    }

    @Test
    void toStringsHoldNoKeyMaterial() throws PsaException {
        byte[] d = new byte[32];
        for (int i = 0; i < 32; i++) {
            d[i] = (byte) (0xa0 + i);
        }
        int k = ns.importKey(ecc(PsaKeyUsage.EXPORT | PsaKeyUsage.SIGN_HASH, PsaAlgorithm.ECDSA_SHA_256).build(), d);
        KeyAttributes a = ns.getKeyAttributes(k);
        KeyDerivation op = ns.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op.inputBytes(DerivationStep.SECRET, d);
        String hex = TestVectors.hex(d);
        String dec = new BigInteger(1, d).toString();
        for (Object o : new Object[] {a, ns, op, device.partition, CryptoConfig.defaults(), device.gate}) {
            String s = String.valueOf(o);
            for (String secret : new String[] {hex, hex.toUpperCase(Locale.ROOT), dec, hex.substring(0, 16)}) {
                assertFalse(s.contains(secret), o.getClass().getSimpleName() + ".toString leaks: " + s);
            }
        }
        assertTrue(a.toString().contains("ECC_KEY_PAIR(SECP_R1)"), a.toString());
        op.abort();
        for (String line : device.log.lines()) {
            assertFalse(line.contains(hex), line);
        }
    }
}

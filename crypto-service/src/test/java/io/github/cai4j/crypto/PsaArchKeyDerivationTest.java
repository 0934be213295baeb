package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * psa-arch-tests crypto key derivation scenarios c008, c009, c018-c023 ({@code spec/mcuboot-psa.md} B6) with their
 * expected statuses, run through the gate as a non-secure caller.
 */
class PsaArchKeyDerivationTest {
    private static final int KA_HKDF = PsaAlgorithm.ECDH_HKDF_SHA_256;
    private static final byte[] KEY16 = TestVectors.hex("498ec77d01950d942c16a53e995fc977");
    private static final byte[] INFO = "This is the info".getBytes(StandardCharsets.US_ASCII);

    private CryptoClient c;

    @BeforeEach
    void boot() throws PsaException {
        c = CryptoFixture.boot().ns;
    }

    @FunctionalInterface
    interface Call {
        void run() throws PsaException;
    }

    private static void status(PsaStatus want, Call call) {
        PsaException e = assertThrows(PsaException.class, call::run);
        assertEquals(want.value(), e.statusValue(), e.getMessage());
    }

    private int deriveKey(int usage, int alg, int type, byte[] data) throws PsaException {
        return c.importKey(KeyAttributes.builder().type(type).usage(usage).algorithm(alg).build(), data);
    }

    @Test
    void c008Setup() throws PsaException {
        KeyDerivation op = c.keyDerivationSetup(KA_HKDF);
        status(PsaStatus.ERROR_BAD_STATE, () -> op.setup(KA_HKDF));
        op.abort();
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.keyDerivationSetup(0x04c01000)); // PSA_ALG_CTR
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.keyDerivationSetup(PsaAlgorithm.SHA_256));
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.keyDerivationSetup(PsaAlgorithm.ECDH));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.keyDerivationSetup(
                PsaAlgorithm.keyAgreement(PsaAlgorithm.ECDH, PsaAlgorithm.hkdf(0x0200000b)))); // HKDF(SHA_512)
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.keyDerivationSetup(
                PsaAlgorithm.keyAgreement(PsaAlgorithm.ECDH, 0x08000f09)));
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.keyDerivationSetup(
                PsaAlgorithm.keyAgreement(PsaAlgorithm.FFDH, PsaAlgorithm.HKDF_SHA_256)));
        // a failed setup leaves the operation inactive
        KeyDerivation fresh = c.keyDerivation();
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fresh.setup(PsaAlgorithm.SHA_256));
        assertEquals(0, fresh.handle());
        fresh.setup(PsaAlgorithm.HKDF_SHA_256);
        fresh.abort();
    }

    @Test
    void c009InputBytes() throws PsaException {
        for (int step : new int[] {DerivationStep.INFO, DerivationStep.SECRET, DerivationStep.SALT}) {
            try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
                op.inputBytes(step, INFO);
            }
        }
        for (int step : new int[] {DerivationStep.LABEL, DerivationStep.SEED, 0x7fff, 0}) {
            try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
                status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputBytes(step, INFO));
            }
        }
        KeyDerivation op = c.keyDerivationSetup(KA_HKDF);
        op.abort();
        status(PsaStatus.ERROR_BAD_STATE, () -> op.inputBytes(DerivationStep.INFO, INFO));
    }

    @Test
    void c018InputKey() throws PsaException {
        int hkdf = PsaAlgorithm.HKDF_SHA_256;
        int ok = deriveKey(PsaKeyUsage.DERIVE, hkdf, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(hkdf)) {
            op.inputKey(DerivationStep.SECRET, ok);
        }
        int exportOnly = deriveKey(PsaKeyUsage.EXPORT, hkdf, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(hkdf)) {
            status(PsaStatus.ERROR_NOT_PERMITTED, () -> op.inputKey(DerivationStep.SECRET, exportOnly));
        }
        for (int step : new int[] {DerivationStep.LABEL, DerivationStep.INFO, DerivationStep.SEED,
            DerivationStep.SALT, 0}) {
            try (KeyDerivation op = c.keyDerivationSetup(hkdf)) {
                status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputKey(step, ok));
            }
        }
        int aes = deriveKey(PsaKeyUsage.DERIVE, hkdf, PsaKeyType.AES, TestVectors.hex(
                "2413614761b8c8f0dfab5a0e8740aca3907783523174f905"));
        try (KeyDerivation op = c.keyDerivationSetup(hkdf)) {
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputKey(DerivationStep.SECRET, aes));
        }
        int ctr = deriveKey(PsaKeyUsage.DERIVE, 0x04c01000, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(hkdf)) {
            status(PsaStatus.ERROR_NOT_PERMITTED, () -> op.inputKey(DerivationStep.SECRET, ctr));
        }
        // check2: a destroyed key
        int gone = deriveKey(PsaKeyUsage.DERIVE, hkdf, PsaKeyType.DERIVE, KEY16);
        c.destroyKey(gone);
        try (KeyDerivation op = c.keyDerivationSetup(hkdf)) {
            status(PsaStatus.ERROR_INVALID_HANDLE, () -> op.inputKey(DerivationStep.SECRET, gone));
        }
        // the TLS 1.2 PRF takes the key after its seed
        int tlsKey = deriveKey(PsaKeyUsage.DERIVE, PsaAlgorithm.TLS12_PRF_SHA_256, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.TLS12_PRF_SHA_256)) {
            status(PsaStatus.ERROR_BAD_STATE, () -> op.inputKey(DerivationStep.SECRET, tlsKey));
        }
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.TLS12_PRF_SHA_256)) {
            op.inputBytes(DerivationStep.SEED, INFO);
            op.inputKey(DerivationStep.SECRET, tlsKey);
            op.inputBytes(DerivationStep.LABEL, INFO);
            assertEquals(32, op.outputBytes(32).length);
        }
        // HKDF-Extract needs its salt before the secret
        int extractKey = deriveKey(PsaKeyUsage.DERIVE, PsaAlgorithm.HKDF_EXTRACT_SHA_256, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_EXTRACT_SHA_256)) {
            status(PsaStatus.ERROR_BAD_STATE, () -> op.inputKey(DerivationStep.SECRET, extractKey));
        }
        // SP800-108 counter CMAC is not implemented by this partition
        status(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.keyDerivationSetup(PsaAlgorithm.SP800_108_COUNTER_CMAC));
    }

    @Test
    void c019KeyAgreement() throws Exception {
        int priv = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.DERIVE).algorithm(KA_HKDF).build());
        int peer = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.DERIVE).algorithm(PsaAlgorithm.ECDH).build());
        byte[] peerPub = c.exportPublicKey(peer);
        byte[] shared = c.rawKeyAgreement(PsaAlgorithm.ECDH, peer, c.exportPublicKey(priv));
        byte[] out;
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            op.keyAgreement(DerivationStep.SECRET, priv, peerPub);
            op.inputBytes(DerivationStep.INFO, INFO);
            out = op.outputBytes(42);
            // a key-agreement SECRET allows output_key
            op.outputKey(KeyAttributes.builder().type(PsaKeyType.AES).bits(128).build());
        }
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(shared, new byte[0], INFO));
        byte[] expected = new byte[42];
        g.generateBytes(expected, 0, 42);
        assertArrayEquals(expected, out);
        // the raw ECDH policy also permits ECDH + a KDF
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            op.keyAgreement(DerivationStep.SECRET, peer, c.exportPublicKey(priv));
        }
        // a plain KDF operation does not take a key agreement
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.keyAgreement(DerivationStep.SECRET, priv, peerPub));
        }
        int derive = deriveKey(PsaKeyUsage.DERIVE, KA_HKDF, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.keyAgreement(DerivationStep.SECRET, derive, peerPub));
        }
        byte[] offCurve = peerPub.clone();
        offCurve[64] ^= 1;
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.keyAgreement(DerivationStep.SECRET, priv, offCurve));
            status(PsaStatus.ERROR_BAD_STATE, () -> op.keyAgreement(DerivationStep.SECRET, priv, peerPub));
        }
        int noDerive = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.SIGN_HASH).algorithm(KA_HKDF).build());
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            status(PsaStatus.ERROR_NOT_PERMITTED, () -> op.keyAgreement(DerivationStep.SECRET, noDerive, peerPub));
        }
    }

    @Test
    void c020OutputBytes() throws Exception {
        int key = deriveKey(PsaKeyUsage.DERIVE, KA_HKDF, PsaKeyType.DERIVE, KEY16);
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            op.setCapacity(42);
            op.inputBytes(DerivationStep.SALT, INFO);
            op.inputKey(DerivationStep.SECRET, key);
            op.inputBytes(DerivationStep.INFO, INFO);
            assertEquals(42, op.outputBytes(42).length);
        }
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            op.setCapacity(42);
            op.inputKey(DerivationStep.SECRET, key);
            op.inputBytes(DerivationStep.INFO, INFO);
            status(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> op.outputBytes(43));
            assertEquals(0, op.capacity());
        }
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            op.inputKey(DerivationStep.SECRET, key);
            status(PsaStatus.ERROR_BAD_STATE, () -> op.outputBytes(42));
        }
        try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
            status(PsaStatus.ERROR_BAD_STATE, () -> op.outputBytes(42));
        }
        for (int step : new int[] {DerivationStep.INFO, DerivationStep.SALT}) {
            try (KeyDerivation op = c.keyDerivationSetup(KA_HKDF)) {
                op.inputBytes(step, INFO);
                status(PsaStatus.ERROR_BAD_STATE, () -> op.outputBytes(42));
            }
        }
        // HKDF-Extract (RFC 5869 case 1 salt and IKM) and HKDF-Expand (its PRK and info) give case 1's OKM
        CBORObject tc1 = TestVectors.tests(TestVectors.wycheproof("hkdf_sha256_test")).get(0)[1];
        assertEquals("RFC 5869", TestVectors.str(tc1, "comment"));
        byte[] prk;
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_EXTRACT_SHA_256)) {
            assertEquals(32, op.capacity());
            op.inputBytes(DerivationStep.SALT, TestVectors.hex(tc1, "salt"));
            op.inputBytes(DerivationStep.SECRET, TestVectors.hex(tc1, "ikm"));
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputBytes(DerivationStep.INFO, INFO));
        }
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_EXTRACT_SHA_256)) {
            op.inputBytes(DerivationStep.SALT, TestVectors.hex(tc1, "salt"));
            op.inputBytes(DerivationStep.SECRET, TestVectors.hex(tc1, "ikm"));
            prk = op.outputBytes(32);
            status(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> op.outputBytes(1));
        }
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        assertArrayEquals(g.extractPRK(TestVectors.hex(tc1, "salt"), TestVectors.hex(tc1, "ikm")), prk);
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_EXPAND_SHA_256)) {
            op.setCapacity(42);
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.inputBytes(DerivationStep.SALT, INFO));
        }
        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_EXPAND_SHA_256)) {
            op.setCapacity(42);
            op.inputBytes(DerivationStep.SECRET, prk);
            op.inputBytes(DerivationStep.INFO, TestVectors.hex(tc1, "info"));
            assertEquals(TestVectors.str(tc1, "okm"), TestVectors.hex(op.outputBytes(42)));
        }
    }

    @Test
    void c021OutputKey() throws PsaException {
        int aes256 = 256;
        record Check(String name, int step, long capacity, int type, int bits, PsaStatus want) {
        }
        Check[] checks = {
            new Check("Key", DerivationStep.SECRET, 32, PsaKeyType.AES, aes256, PsaStatus.SUCCESS),
            new Check("Info", DerivationStep.INFO, 32, PsaKeyType.AES, aes256, PsaStatus.SUCCESS),
            new Check("Salt", DerivationStep.SALT, 32, PsaKeyType.AES, aes256, PsaStatus.SUCCESS),
            new Check("Greater capacity than available", DerivationStep.SECRET, 16, PsaKeyType.AES, aes256,
                    PsaStatus.ERROR_INSUFFICIENT_DATA),
            new Check("ECC public key", DerivationStep.SECRET, 256, PsaKeyType.ECC_PUBLIC_KEY_SECP_R1, 256,
                    PsaStatus.ERROR_INVALID_ARGUMENT),
            new Check("ECC key pair, wrong length", DerivationStep.SECRET, 28, PsaKeyType.ECC_KEY_PAIR_SECP_R1, 220,
                    PsaStatus.ERROR_INVALID_ARGUMENT),
            new Check("RSA public key", DerivationStep.SECRET, 256, PsaKeyType.RSA_PUBLIC_KEY, 2048,
                    PsaStatus.ERROR_INVALID_ARGUMENT),
            new Check("RSA key pair (ECC type, 2046 bits)", DerivationStep.SECRET, 256,
                    PsaKeyType.ECC_KEY_PAIR_SECP_R1, 2046, PsaStatus.ERROR_INVALID_ARGUMENT),
            new Check("Invalid AES size", DerivationStep.SECRET, 32, PsaKeyType.AES, 144,
                    PsaStatus.ERROR_INVALID_ARGUMENT),
        };
        int run = 0;
        for (Check ch : checks) {
            int key = deriveKey(PsaKeyUsage.DERIVE, KA_HKDF, PsaKeyType.DERIVE, KEY16);
            KeyDerivation op = c.keyDerivationSetup(KA_HKDF);
            op.setCapacity(ch.capacity());
            if (ch.step() == DerivationStep.SALT) {
                op.inputBytes(DerivationStep.SALT, INFO);
            }
            op.inputKey(DerivationStep.SECRET, key);
            op.inputBytes(DerivationStep.INFO, INFO);
            KeyAttributes derived = KeyAttributes.builder().type(ch.type()).bits(ch.bits())
                    .usage(PsaKeyUsage.EXPORT).algorithm(0x04c01000).build();
            if (ch.want() == PsaStatus.SUCCESS) {
                int k = op.outputKey(derived);
                assertEquals(32, c.exportKey(k).length, ch.name());
                c.destroyKey(k);
                status(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> op.outputKey(derived));
                op.abort();
                status(PsaStatus.ERROR_BAD_STATE, () -> op.outputKey(derived));
            } else {
                status(ch.want(), () -> op.outputKey(derived));
                op.abort();
            }
            c.destroyKey(key);
            run++;
        }
        assertEquals(9, run);
    }

    @Test
    void c022Abort() throws PsaException {
        KeyDerivation inactive = c.keyDerivation();
        inactive.abort();
        inactive.abort();
        status(PsaStatus.ERROR_BAD_STATE, () -> inactive.outputBytes(32));
        KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op.inputBytes(DerivationStep.SECRET, KEY16);
        op.inputBytes(DerivationStep.INFO, INFO);
        op.outputBytes(8);
        op.abort();
        status(PsaStatus.ERROR_BAD_STATE, () -> op.outputBytes(8));
        status(PsaStatus.ERROR_BAD_STATE, () -> op.inputBytes(DerivationStep.INFO, INFO));
        op.abort();
        // an aborted operation can be set up again
        op.setup(KA_HKDF);
        op.abort();
        // operations are slots of the partition: many set-up/abort cycles do not exhaust them
        for (int i = 0; i < 3 * CryptoConfig.DEFAULT_OPERATIONS; i++) {
            c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256).abort();
        }
    }

    @Test
    void c023Capacity() throws PsaException {
        KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        assertEquals(8160, op.capacity());
        op.setCapacity(8160);
        op.setCapacity(100);
        assertEquals(100, op.capacity());
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op.setCapacity(101));
        assertEquals(100, op.capacity(), "a refused set_capacity leaves the operation valid and unchanged");
        op.setCapacity(0);
        assertEquals(0, op.capacity());
        op.abort();
        status(PsaStatus.ERROR_BAD_STATE, op::capacity);
        status(PsaStatus.ERROR_BAD_STATE, () -> op.setCapacity(10));
        try (KeyDerivation fresh = c.keyDerivationSetup(KA_HKDF)) {
            status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fresh.setCapacity(8161));
            assertEquals(8160, fresh.capacity());
            fresh.setCapacity(42);
            assertEquals(42, fresh.capacity());
        }
    }
}

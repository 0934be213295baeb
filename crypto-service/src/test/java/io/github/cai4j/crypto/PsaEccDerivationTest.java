package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PSA ECC derivation vector ({@code spec/firmware.md} §9, {@code spec/mcuboot-psa.md} B7, checked there
 * against Mbed TLS 3.5.2) and B7's order checks with Mbed TLS's statuses. Expected values come from the spec
 * text and from an independent HKDF (BouncyCastle's).
 */
class PsaEccDerivationTest {
    private static final byte[] IKM = new byte[22];
    private static final byte[] SALT = new byte[13];
    private static final byte[] INFO = new byte[10];

    static {
        Arrays.fill(IKM, (byte) 0x0b);
        for (int i = 0; i < SALT.length; i++) {
            SALT[i] = (byte) i;
        }
        for (int i = 0; i < INFO.length; i++) {
            INFO[i] = (byte) (0xf0 + i);
        }
    }

    private CryptoClient c;
    private int secret;

    @BeforeEach
    void boot() throws PsaException {
        c = CryptoFixture.boot().ns;
        secret = c.importKey(KeyAttributes.builder().type(PsaKeyType.DERIVE).usage(PsaKeyUsage.DERIVE)
                .algorithm(PsaAlgorithm.HKDF_SHA_256).build(), IKM);
    }

    private static byte[] oracleOkm(int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(IKM, SALT, INFO));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    private KeyDerivation keyed() throws PsaException {
        KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op.inputBytes(DerivationStep.SALT, SALT);
        op.inputKey(DerivationStep.SECRET, secret);
        op.inputBytes(DerivationStep.INFO, INFO);
        return op;
    }

    @Test
    void eccOutputKeyIsFirst32OkmBytesPlusOne() throws Exception {
        String spec = TestVectors.spec("firmware.md");
        String specD = TestVectors.find(spec, "the private key is\\s+`([0-9a-f]{64})`");
        String b7 = TestVectors.spec("mcuboot-psa.md");
        String specOkm = TestVectors.find(b7, "output_bytes\\(42\\) = `([0-9a-f]{84})`");

        byte[] okm = oracleOkm(96);
        try (KeyDerivation op = keyed()) {
            assertEquals(specOkm, TestVectors.hex(op.outputBytes(42)));
        }
        assertEquals(specOkm, TestVectors.hex(Arrays.copyOf(okm, 42)));

        try (KeyDerivation op = keyed()) {
            int key = op.outputKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                    .usage(PsaKeyUsage.EXPORT | PsaKeyUsage.SIGN_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
            byte[] d = c.exportKey(key);
            BigInteger expected = new BigInteger(1, Arrays.copyOf(okm, 32)).add(BigInteger.ONE);
            assertEquals(TestVectors.hex(BigIntegers.asUnsignedByteArray(32, expected)), TestVectors.hex(d));
            assertEquals(specD, TestVectors.hex(d));
            assertEquals(8128, op.capacity());
            assertArrayEquals(Arrays.copyOfRange(okm, 32, 64), op.outputBytes(32));
            KeyAttributes a = c.getKeyAttributes(key);
            assertEquals(PsaKeyType.ECC_KEY_PAIR_SECP_R1, a.type());
            assertEquals(256, a.bits());
            assertEquals(65, c.exportPublicKey(key).length);
        }
    }

    @Test
    void aesOutputKeyTakesBitsOver8Bytes() throws Exception {
        byte[] okm = oracleOkm(48);
        try (KeyDerivation op = keyed()) {
            int k1 = op.outputKey(KeyAttributes.builder().type(PsaKeyType.AES).bits(128).usage(PsaKeyUsage.EXPORT)
                    .build());
            int k2 = op.outputKey(KeyAttributes.builder().type(PsaKeyType.AES).bits(256).usage(PsaKeyUsage.EXPORT)
                    .build());
            assertArrayEquals(Arrays.copyOf(okm, 16), c.exportKey(k1));
            assertArrayEquals(Arrays.copyOfRange(okm, 16, 48), c.exportKey(k2));
            assertEquals(8160 - 48, op.capacity());
        }
    }

    private static void status(PsaStatus want, Executable e) {
        PsaException ex = assertThrows(PsaException.class, e::run);
        assertEquals(want.value(), ex.statusValue(), ex.getMessage());
    }

    @FunctionalInterface
    interface Executable {
        void run() throws PsaException;
    }

    @Test
    void orderChecksOfB7() throws Exception {
        // SALT after SECRET
        KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op.inputKey(DerivationStep.SECRET, secret);
        status(PsaStatus.ERROR_BAD_STATE, () -> op.inputBytes(DerivationStep.SALT, SALT));
        status(PsaStatus.ERROR_BAD_STATE, () -> op.inputBytes(DerivationStep.INFO, INFO));
        op.abort();
        // output before SECRET
        KeyDerivation op2 = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op2.inputBytes(DerivationStep.INFO, INFO);
        status(PsaStatus.ERROR_BAD_STATE, () -> op2.outputBytes(16));
        op2.abort();
        // output without INFO
        KeyDerivation op3 = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op3.inputKey(DerivationStep.SECRET, secret);
        status(PsaStatus.ERROR_BAD_STATE, () -> op3.outputBytes(16));
        op3.abort();
        // INFO twice
        KeyDerivation op4 = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op4.inputBytes(DerivationStep.INFO, INFO);
        status(PsaStatus.ERROR_BAD_STATE, () -> op4.inputBytes(DerivationStep.INFO, INFO));
        op4.abort();
        // INFO after output
        KeyDerivation op5 = keyed();
        op5.outputBytes(1);
        status(PsaStatus.ERROR_BAD_STATE, () -> op5.inputBytes(DerivationStep.INFO, INFO));
        op5.abort();
        // SECRET via input_bytes, then output_key
        KeyDerivation op6 = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256);
        op6.inputBytes(DerivationStep.SECRET, IKM);
        op6.inputBytes(DerivationStep.INFO, INFO);
        status(PsaStatus.ERROR_NOT_PERMITTED, () -> op6.outputKey(KeyAttributes.builder().type(PsaKeyType.AES)
                .bits(128).build()));
        op6.outputBytes(8);
        op6.abort();
        // over capacity: INSUFFICIENT_DATA and capacity 0, the operation stays usable
        KeyDerivation op7 = keyed();
        status(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> op7.outputBytes(8161));
        assertEquals(0, op7.capacity());
        status(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> op7.outputBytes(0));
        op7.abort();
        // set_capacity bigger
        KeyDerivation op8 = keyed();
        op8.setCapacity(100);
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> op8.setCapacity(101));
        op8.abort();
        // setup(SHA_256)
        status(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.keyDerivationSetup(PsaAlgorithm.SHA_256));
    }
}

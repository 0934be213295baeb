package io.github.cai4j.cose.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.DecryptionKey;
import io.github.cai4j.cose.Encrypt0Message;
import io.github.cai4j.cose.EncryptMessage;
import io.github.cai4j.cose.Mac0Message;
import io.github.cai4j.cose.MacMessage;
import io.github.cai4j.cose.Recipient;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.SignMessage;
import io.github.cai4j.cose.examples.ExampleChecker;
import io.github.cai4j.cose.firmware.DeviceVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FlowDecryptor;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Pem;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Fuzzes every decoder and the verification/decryption paths behind them. The only failure allowed is a
 * {@link CoseException}; verification and decryption results are free to be anything.
 */
class CoseDecoderFuzzTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Fixed keys: the fuzzer drives the messages, not the keys. */
    private static final CoseKey EC;
    private static final CoseKey SYM16;
    private static final CoseKey SYM32;

    static {
        try {
            // an EC2 P-256 key {1: 2, -1: 1, -4: d} with the fixed test scalar d = 7
            EC = CoseKey.decode(HEX.parseHex("a30102200123" + "5820" + "00".repeat(31) + "07"));
            SYM16 = CoseKey.symmetric(HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
            SYM32 = CoseKey.symmetric(HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        } catch (CoseException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void sign1(byte[] input) {
        try {
            Sign1Message m = Sign1Message.decode(input);
            if (m.payload().isPresent()) {
                m.verify(CoseVerifier.forKey(EC.publicOnly()), new byte[0]);
            }
            m.encode(false);
            FirmwarePayload.decode(m.payload().orElse(new byte[0]));
        } catch (CoseException expected) {
            // malformed input
        }
        try {
            DeviceVerifier.fromUncompressedPoint(EC.uncompressedPoint()).verify(input);
        } catch (CoseException expected) {
            // malformed input
        }
    }

    @FuzzTest(maxDuration = "20s")
    void sign(byte[] input) {
        try {
            SignMessage m = SignMessage.decode(input);
            if (m.payload().isPresent()) {
                m.verifyAny(CoseVerifier.forKey(EC.publicOnly()), null);
            }
            m.encode();
        } catch (CoseException expected) {
            // malformed input
        }
    }

    @FuzzTest(maxDuration = "20s")
    void mac(byte[] input) {
        try {
            Mac0Message m = Mac0Message.decode(input);
            if (m.payload().isPresent()) {
                m.verify(SYM32, null);
            }
        } catch (CoseException expected) {
            // malformed input
        }
        try {
            MacMessage m = MacMessage.decode(input);
            if (m.payload().isPresent()) {
                m.verify(DecryptionKey.of(SYM32), null);
                m.verify(DecryptionKey.of(EC), null);
            }
        } catch (CoseException expected) {
            // malformed input
        }
    }

    @FuzzTest(maxDuration = "20s")
    void encrypt(byte[] input) {
        try {
            Encrypt0Message m = Encrypt0Message.decode(input);
            m.decrypt(SYM16, null, new byte[12]);
        } catch (CoseException expected) {
            // malformed input
        }
        try {
            EncryptMessage m = EncryptMessage.decode(input);
            for (Recipient r : m.recipients()) {
                r.algorithm();
            }
            m.decrypt(DecryptionKey.of(SYM16), null);
            m.decrypt(DecryptionKey.of(EC), null);
        } catch (CoseException expected) {
            // malformed input
        }
        try {
            FlowDecryptor f = FlowDecryptor.of(EC, CoseVerifier.forKey(EC.publicOnly()));
            f.acceptKeyMessage(input);
            f.decrypt(input);
        } catch (CoseException expected) {
            // malformed input
        }
    }

    @FuzzTest(maxDuration = "20s")
    void keys(byte[] input) {
        try {
            CoseKey k = CoseKey.decode(input);
            k.toString();
            k.encode();
            if (k.type() != io.github.cai4j.cose.key.KeyType.SYMMETRIC) {
                k.toPublicKey();
            }
        } catch (CoseException expected) {
            // malformed input
        }
        try {
            io.github.cai4j.cose.cwt.CwtClaims.decode(input).encode();
        } catch (CoseException expected) {
            // malformed input
        }
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            CoseKey.fromJwk(text);
        } catch (CoseException expected) {
            // malformed input
        }
        try {
            Pem.publicKey(text);
        } catch (CoseException expected) {
            // malformed input
        }
        ExampleChecker.check(text);
    }
}

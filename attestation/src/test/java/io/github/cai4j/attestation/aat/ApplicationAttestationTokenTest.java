package io.github.cai4j.attestation.aat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.attestation.AttestationException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application attestation token of {@code spec/firmware.md} §8.1. */
class ApplicationAttestationTokenTest {
    // The firmware's build strings (spec/firmware.md §8.1).
    private static final ApplicationAttestationToken FIRMWARE = new ApplicationAttestationToken(
            "c2018a7bf84364cc743491a52b41248497569e03", "27036dd122bc82da54fc0f2d7d99497b", "0.9.dev0",
            "b8085238f6e790f25de393e203136776");

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void payloadLayoutIsTheFirmwares() throws Exception {
        byte[] p = FIRMWARE.encodePayload();
        assertEquals(140, p.length);
        // a4, then each claim: its key (3a 0001 3880 … 3883) and a byte string of the text bytes
        CBORObject map = CBORObject.DecodeFromBytes(p);
        int offset = 1;
        String[] texts = {FIRMWARE.tflmVersion(), FIRMWARE.tflmModelVersion(), FIRMWARE.utvmVersion(),
            FIRMWARE.utvmModelVersion()};
        assertEquals(0xa4, p[0] & 0xff);
        for (int i = 0; i < 4; i++) {
            int key = -80001 - i;
            byte[] keyBytes = CBORObject.FromObject(key).EncodeToBytes();
            byte[] value = CBORObject.FromObject(texts[i].getBytes(StandardCharsets.US_ASCII)).EncodeToBytes();
            assertArrayEquals(keyBytes, java.util.Arrays.copyOfRange(p, offset, offset + keyBytes.length));
            offset += keyBytes.length;
            assertArrayEquals(value, java.util.Arrays.copyOfRange(p, offset, offset + value.length));
            offset += value.length;
            assertArrayEquals(texts[i].getBytes(StandardCharsets.US_ASCII),
                    map.get(CBORObject.FromObject(key)).GetByteString());
        }
        assertEquals(p.length, offset);
        assertEquals("3a00013880", HexFormat.of().formatHex(CBORObject.FromObject(-80001).EncodeToBytes()));
        assertEquals(FIRMWARE, ApplicationAttestationToken.decodePayload(p));
    }

    @Test
    void signedTokenVerifiesWithTheDeviceKeyOnly() throws Exception {
        KeyPair device = p256();
        byte[] token = FIRMWARE.sign(EcdsaSigner.of((ECPrivateKey) device.getPrivate()));
        assertEquals(FIRMWARE.signedLength(), token.length);
        assertEquals(FirmwareSign1.encodedLength(140), token.length);
        assertEquals("d28443a10126a0588c", HexFormat.of().formatHex(token, 0, 9));
        assertEquals(FIRMWARE, ApplicationAttestationToken.verify(token,
                CoseVerifier.forPublicKey(device.getPublic())).orElseThrow());
        assertTrue(ApplicationAttestationToken.verify(token, CoseVerifier.forPublicKey(p256().getPublic())).isEmpty());
        byte[] flipped = token.clone();
        flipped[20] ^= 1;
        assertTrue(ApplicationAttestationToken.verify(flipped, CoseVerifier.forPublicKey(device.getPublic()))
                .isEmpty());
        assertThrows(AttestationException.class, () -> ApplicationAttestationToken.verify(
                java.util.Arrays.copyOf(token, 10), CoseVerifier.forPublicKey(device.getPublic())));
    }

    @Test
    void malformedClaimsThrow() {
        List<byte[]> bad = List.of(new byte[0], new byte[] {(byte) 0x80},
                CBORObject.NewMap().Add(-80001, new byte[1]).EncodeToBytes(),
                CBORObject.NewMap().Add(-80001, "text").Add(-80002, new byte[1]).Add(-80003, new byte[1])
                        .Add(-80004, new byte[1]).EncodeToBytes(),
                CBORObject.NewMap().Add(-80001, new byte[] {(byte) 0xff}).Add(-80002, new byte[1])
                        .Add(-80003, new byte[1]).Add(-80004, new byte[1]).EncodeToBytes());
        for (byte[] b : bad) {
            assertThrows(AttestationException.class, () -> ApplicationAttestationToken.decodePayload(b));
        }
        assertEquals(5, bad.size());
    }

    @Test
    void versionRecordsAreZeroInitialisedAndReadUpToTheirArray() throws Exception {
        InferVersionRecord r = new InferVersionRecord(FIRMWARE.tflmVersion(), FIRMWARE.tflmModelVersion());
        byte[] s = r.encode();
        assertEquals(96, s.length);
        assertEquals(40, s[44]);
        assertEquals(32, s[92]);
        assertEquals(0, s[40]);
        assertEquals(r, InferVersionRecord.decode(s));
        // a full 42-byte array has no NUL: the intended reading stops at the array's end, not in the length field
        String full = "x".repeat(42);
        byte[] f = new InferVersionRecord(full, "m").encode();
        assertEquals(full, InferVersionRecord.decode(f).version());
        // bytes after the first NUL are ignored
        s[41] = 'Z';
        assertEquals(FIRMWARE.tflmVersion(), InferVersionRecord.decode(s).version());
        assertThrows(AttestationException.class, () -> InferVersionRecord.decode(new byte[95]));
        assertThrows(IllegalArgumentException.class, () -> new InferVersionRecord("y".repeat(43), "m"));
        byte[] u = new InferVersionRecord(FIRMWARE.utvmVersion(), FIRMWARE.utvmModelVersion()).encode();
        assertEquals(FIRMWARE, ApplicationAttestationToken.fromVersionRecords(InferVersionRecord.decode(s).encode(), u));
    }

    @Test
    void tflmModelVersionIsTheModelFilesMd5() throws Exception {
        String dir = System.getProperty("cai4j.testdata");
        Path model = dir == null ? null : Path.of(dir, "tflm", "linaro_zsi_hello_world_int8.tflite");
        boolean present = model != null && Files.isRegularFile(model);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("testdata missing: " + model);
        }
        assumeTrue(present, "testdata not available");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(model)));
        assertEquals(FIRMWARE.tflmModelVersion(), md5);
    }
}

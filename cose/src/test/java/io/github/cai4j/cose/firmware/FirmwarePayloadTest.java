package io.github.cai4j.cose.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The firmware's payload map and COSE_Sign1 layout (spec/firmware.md §5, §9). */
class FirmwarePayloadTest {
    private static final HexFormat HEX = HexFormat.of();
    /** TFLM output for 1 degree (firmware.md §9). */
    private static final float ONE_DEGREE = Float.intBitsToFloat(0x3c8ace2c);

    static CoseKey p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return CoseKey.fromKeyPair(g.generateKeyPair());
    }

    @Test
    void plainCborOfOneDegreeIsTheFirmwaresBytes() throws CoseException {
        assertEquals(0.016944f, ONE_DEGREE, 1e-6f);
        assertEquals("a13a0001387f442cce8a3c", HEX.formatHex(FirmwarePayload.encodeCbor(ONE_DEGREE)));
        FirmwarePayload p = FirmwarePayload.decode(HEX.parseHex("a13a0001387f442cce8a3c"));
        assertEquals(Float.floatToRawIntBits(ONE_DEGREE), Float.floatToRawIntBits(p.value()));
        assertTrue(p.counters().isEmpty());
    }

    @Test
    void sign1PayloadWithCountersIsTheFirmwaresBytes() throws CoseException {
        String expected = "a33a0001387f442cce8a3c3a0001388444000000003a000138854401000000";
        assertEquals(expected, HEX.formatHex(FirmwarePayload.encodeCbor(ONE_DEGREE, 0, 1)));
        FirmwarePayload p = FirmwarePayload.decode(HEX.parseHex(expected));
        assertEquals(new FirmwarePayload.Counters(0, 1), p.counters().orElseThrow());
        assertEquals(31, FirmwarePayload.encodeCbor(0.203328f, 0xFFFF_FFFFL, 0x12345678).length);
        FirmwarePayload big = FirmwarePayload.decode(FirmwarePayload.encodeCbor(0.237216f, 0xFFFF_FFFFL, 7));
        assertEquals(0xFFFF_FFFFL, big.counters().orElseThrow().rollover());
    }

    @Test
    void labelsEncodeAsSpecified() {
        // −80000 = 3a 0001387f, −80005 = 3a 00013884, −80006 = 3a 00013885 (firmware.md §5.2)
        String enc = HEX.formatHex(FirmwarePayload.encodeCbor(1.0f, 2, 3));
        assertTrue(enc.startsWith("a33a0001387f44"));
        assertTrue(enc.contains("3a0001388444020000003a000138854403000000"));
    }

    @Test
    void decoderAcceptsOnlyTheFirmwaresEncoding() {
        // counter before rollover
        assertThrows(CoseException.class, () -> FirmwarePayload.decode(
                HEX.parseHex("a33a0001387f442cce8a3c3a000138854401000000" + "3a000138844400000000")));
        // value as a CBOR float
        assertThrows(CoseException.class, () -> FirmwarePayload.decode(HEX.parseHex("a13a0001387ffa3c8ace2c")));
        // 3-byte value
        assertThrows(CoseException.class, () -> FirmwarePayload.decode(HEX.parseHex("a13a0001387f43cce8a3")));
        // rollover without counter
        assertThrows(CoseException.class, () -> FirmwarePayload.decode(
                HEX.parseHex("a23a0001387f442cce8a3c3a000138844400000000")));
        // unknown label
        assertThrows(CoseException.class, () -> FirmwarePayload.decode(HEX.parseHex("a2" + "3a0001387f442cce8a3c"
                + "0100")));
        // non-minimal head for the map length
        assertThrows(CoseException.class, () -> FirmwarePayload.decode(HEX.parseHex("b8013a0001387f442cce8a3c")));
    }

    @Test
    void sign1HasTheFirmwaresLayoutAndVerifies() throws Exception {
        CoseKey key = p256();
        byte[] payload = FirmwarePayload.encodeCbor(ONE_DEGREE, 0, 1);
        byte[] msg = FirmwareSign1.sign(payload, EcdsaSigner.of(key));
        assertEquals(106, msg.length);
        assertEquals(106, FirmwareSign1.encodedLength(31));
        assertEquals(85, FirmwareSign1.encodedLength(11));
        assertEquals("d28443a10126a0581f" + HEX.formatHex(payload) + "5840",
                HEX.formatHex(msg, 0, 9 + 31 + 2));
        assertEquals(85, FirmwareSign1.sign(FirmwarePayload.encodeCbor(ONE_DEGREE), EcdsaSigner.of(key)).length);
        assertEquals("846a5369676e61747572653143a1012640581f" + HEX.formatHex(payload),
                HEX.formatHex(FirmwareSign1.toBeSigned(payload)));
        Sign1Message m = FirmwareSign1.decodeStrict(msg);
        assertTrue(m.verify(EcdsaVerifier.of(Curve.P_256, key.uncompressedPoint())));
        assertFalse(m.verify(EcdsaVerifier.of(p256())));
        assertArrayEquals(payload, m.payload().orElseThrow());
    }

    @Test
    void strictDecodingRejectsOtherLayouts() throws Exception {
        CoseKey key = p256();
        byte[] payload = FirmwarePayload.encodeCbor(ONE_DEGREE, 0, 1);
        byte[] untagged = Sign1Message.sign(FirmwareSign1.protectedHeaders(), payload, EcdsaSigner.of(key))
                .encode(false);
        assertThrows(CoseException.class, () -> FirmwareSign1.decodeStrict(untagged));
        byte[] withKid = Sign1Message.sign(FirmwareSign1.protectedHeaders(),
                io.github.cai4j.cose.Headers.builder().kid(new byte[] {1}).build(), payload, null, false,
                EcdsaSigner.of(key)).encode();
        CoseException e = assertThrows(CoseException.class, () -> FirmwareSign1.decodeStrict(withKid));
        assertTrue(e.getMessage().contains("unprotected"), e.getMessage());
    }
}

package io.github.cai4j.cose.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.Encrypt0Message;
import io.github.cai4j.cose.EncryptMessage;
import io.github.cai4j.cose.HeaderLabel;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The "flow" session scheme, device side to cloud side (spec/firmware.md §5.6). */
class FlowSessionTest {
    private static final byte[] CLOUD_KID = "O=Linaro, CN=Flow test cloud".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEVICE_KID = "O=Linaro, CN=Flow test device".getBytes(StandardCharsets.UTF_8);

    @Test
    void keyMessageAndRecordsRoundTrip() throws Exception {
        CoseKey device = FirmwarePayloadTest.p256();
        CoseKey cloud = FirmwarePayloadTest.p256();
        FlowDecryptor cloudSide = FlowDecryptor.of(cloud, CoseVerifier.forKey(device.publicOnly()));
        try (FlowSession s = FlowSession.start(cloud.publicOnly(), CLOUD_KID, EcdsaSigner.of(device), DEVICE_KID)) {
            byte[] id = cloudSide.acceptKeyMessage(s.keyMessage()).orElseThrow();
            assertArrayEquals(s.sessionId(), id);
            for (int i = 0; i < 5; i++) {
                byte[] payload = FirmwarePayload.encodeCbor(i / 10f, 0, i);
                byte[] record = s.encrypt(payload);
                assertEquals(0xd0, record[0] & 0xff);
                assertArrayEquals(payload, cloudSide.decrypt(record).orElseThrow());
            }
            byte[] record = s.encrypt(new byte[] {1, 2, 3});
            record[record.length - 1] ^= 1;
            assertTrue(cloudSide.decrypt(record).isEmpty());
        }
        assertEquals(1, cloudSide.sessionCount());
    }

    @Test
    void layoutFollowsFlow() throws Exception {
        CoseKey device = FirmwarePayloadTest.p256();
        CoseKey cloud = FirmwarePayloadTest.p256();
        FlowSession s = FlowSession.start(cloud.publicOnly(), CLOUD_KID, EcdsaSigner.of(device), DEVICE_KID);
        Sign1Message m = Sign1Message.decode(s.keyMessage());
        String prot = HexFormat.of().formatHex(m.protectedBytes());
        assertEquals("a30126037825" + HexFormat.of().formatHex(
                "application/x-linaro-secureai-session".getBytes(StandardCharsets.US_ASCII)) + "3a0001000050"
                + HexFormat.of().formatHex(s.sessionId()), prot);
        assertEquals("application/x-linaro-secureai-session", m.protectedHeaders().text(3).orElseThrow());
        assertArrayEquals(DEVICE_KID, m.unprotectedHeaders().kid().orElseThrow());
        byte[] body = m.payload().orElseThrow();
        assertEquals(0x84, body[0] & 0xff, "untagged COSE_Encrypt");
        EncryptMessage e = EncryptMessage.decode(body);
        assertEquals("a101381c", HexFormat.of().formatHex(e.protectedBytes()));
        assertEquals(12, e.unprotectedHeaders().iv().orElseThrow().length);
        assertEquals(32, e.ciphertext().orElseThrow().length);
        assertEquals("a101381c", HexFormat.of().formatHex(e.recipients().get(0).protectedBytes()));
        assertArrayEquals(CLOUD_KID, e.recipients().get(0).unprotectedHeaders().kid().orElseThrow());
        assertTrue(e.recipients().get(0).unprotectedHeaders().contains(HeaderLabel.EPHEMERAL_KEY));
        assertEquals(24, e.recipients().get(0).ciphertext().length);
        Encrypt0Message rec = Encrypt0Message.decode(s.encrypt(new byte[3]));
        assertArrayEquals(s.sessionId(), rec.protectedHeaders().bytes(FlowSession.SESSION_ID).orElseThrow());
        assertEquals("a20101" + "3a00010000" + "50" + HexFormat.of().formatHex(s.sessionId()),
                HexFormat.of().formatHex(rec.protectedBytes()));
    }

    @Test
    void rejectsWrongDeviceUnknownSessionAndWrongCloudKey() throws Exception {
        CoseKey device = FirmwarePayloadTest.p256();
        CoseKey cloud = FirmwarePayloadTest.p256();
        FlowSession s = FlowSession.start(cloud.publicOnly(), CLOUD_KID, EcdsaSigner.of(device), DEVICE_KID);
        FlowDecryptor wrongDevice = FlowDecryptor.of(cloud,
                CoseVerifier.forKey(FirmwarePayloadTest.p256().publicOnly()));
        assertTrue(wrongDevice.acceptKeyMessage(s.keyMessage()).isEmpty());
        assertThrows(CoseException.class, () -> wrongDevice.decrypt(s.encrypt(new byte[1])));
        FlowDecryptor wrongCloud = FlowDecryptor.of(FirmwarePayloadTest.p256(),
                CoseVerifier.forKey(device.publicOnly()));
        assertTrue(wrongCloud.acceptKeyMessage(s.keyMessage()).isEmpty());
    }
}

package io.github.cai4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.firmware.DeviceVerifier;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.InferenceResult;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.psa.DeviceHaltedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceBootTest {

    @Test
    void bootsTheDemoDeviceWithTheFirmwareLogLines() throws Exception {
        try (Device device = Device.boot()) {
            List<String> log = device.logLines();
            assertTrue(log.contains("[INF] Beginning TF-M provisioning"), log::toString);
            assertTrue(log.contains("[WRN] TFM_DUMMY_PROVISIONING is not suitable for production! This device is NOT SECURE"),
                    log::toString);
            assertTrue(device.log().contains("[HUK DERIV SERV] Generated UUID: " + device.uuid()), log::toString);
            assertTrue(device.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
            assertEquals(4, device.measurements().size());
        }
    }

    @Test
    void signedResultVerifiesWithTheExportedCoseKey() throws Exception {
        try (Device device = Device.boot()) {
            NonSecureWorld ns = device.nonSecure();
            byte[] pub = ns.keys().publicKey(DeviceKey.COSE).uncompressedPoint();
            DeviceVerifier verifier = DeviceVerifier.fromUncompressedPoint(pub);
            long last = -1;
            for (int deg = 0; deg < 5; deg++) {
                InferenceResult r = ns.inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, deg);
                DeviceVerifier.Result v = verifier.verify(r.encoded());
                assertEquals(DeviceVerifier.Status.VALID, v.status(), v::toString);
                long counter = v.payload().orElseThrow().counters().orElseThrow().counter();
                assertTrue(counter > last);
                last = counter;
                assertEquals(r.value(), v.payload().orElseThrow().value());
            }
        }
    }

    @Test
    void tfm16DeviceStoresCountersInProtectedStorageAndSigns() throws Exception {
        DeviceConfig config = DeviceConfig.builder().profile(io.github.cai4j.crypto.TfmProfile.TFM_1_6).build();
        Device device = Device.boot(config);
        DeviceVerifier verifier = DeviceVerifier.fromUncompressedPoint(
                device.nonSecure().keys().publicKey(DeviceKey.COSE).uncompressedPoint());
        InferenceResult first = device.nonSecure().inference()
                .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 9);
        assertTrue(verifier.verify(first.encoded()).valid());
        device = device.reboot();
        InferenceResult second = device.nonSecure().inference()
                .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 9);
        assertTrue(verifier.verify(second.encoded()).valid(), "counters continue after a reboot under TF-M 1.6");
        device.close();
    }

    @Test
    void deterministicEcdsaGivesTheSameSignatureForTheSamePayload() throws Exception {
        DeviceConfig det = DeviceConfig.builder().ecdsaMode(EcdsaMode.DETERMINISTIC)
                .nvCounterMode(io.github.cai4j.nvcounter.NvCounters.Mode.FIRMWARE_EXACT).build();
        byte[] a;
        try (Device device = Device.boot(det)) {
            a = device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 9)
                    .encoded();
        }
        try (Device device = Device.boot(det)) {
            byte[] b = device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 9)
                    .encoded();
            assertEquals(java.util.HexFormat.of().formatHex(a), java.util.HexFormat.of().formatHex(b),
                    "same HUK, same payload (counter 1 on a fresh device): the same COSE_Sign1");
        }
        try (Device device = Device.boot(det.toBuilder().ecdsaMode(EcdsaMode.RANDOMIZED).build())) {
            byte[] c = device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 9)
                    .encoded();
            assertNotEquals(java.util.HexFormat.of().formatHex(a), java.util.HexFormat.of().formatHex(c));
        }
    }

    @Test
    void sameHukAndFlashDirectoryGiveTheSameUuidAcrossProcesses(@TempDir Path dir) throws Exception {
        String uuid;
        try (Device first = Device.boot(DeviceConfig.builder().flashDirectory(dir).build())) {
            uuid = first.uuid();
        }
        try (Device again = Device.boot(DeviceConfig.builder().flashDirectory(dir).build())) {
            assertEquals(uuid, again.uuid());
            assertTrue(again.log().contains("[INF] [BL2]"), "second boot must not reprogram the factory images");
        }
        try (Device other = Device.boot(DeviceConfig.builder().labelExtra("X").build())) {
            assertNotEquals(uuid, other.uuid());
        }
    }

    @Test
    void powerCutHaltsAndRebootResumes() throws Exception {
        Device device = Device.boot();
        String uuid = device.uuid();
        device.powerCut();
        assertTrue(device.isHalted());
        assertThrows(DeviceHaltedException.class,
                () -> device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 1));
        try (Device rebooted = device.reboot()) {
            assertEquals(uuid, rebooted.uuid());
            InferenceResult r = rebooted.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 1);
            assertTrue(Math.abs(r.value() - Math.sin(Math.toRadians(1))) < 0.06);
        }
    }
}

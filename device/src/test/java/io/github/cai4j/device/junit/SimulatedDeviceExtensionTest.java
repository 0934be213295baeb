package io.github.cai4j.device.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.device.Device;
import io.github.cai4j.huk.HukDerivClient;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.cose.Sign1Message;
import org.junit.jupiter.api.Test;

@SimulatedDevice
class SimulatedDeviceExtensionTest {

    private static long counterOf(byte[] sign1) throws Exception {
        byte[] payload = Sign1Message.decode(sign1).payload().orElseThrow();
        return FirmwarePayload.decode(payload).counters().orElseThrow().counter();
    }

    @Test
    void injectsABootedDeviceAndItsClients(Device device, InferenceClient inference, HukDerivClient huk)
            throws Exception {
        assertEquals(device.uuid(), huk.uuid().value());
        float v = inference.inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 90).value();
        assertTrue(Math.abs(v - 1.0f) < 0.06f, "sin(90 deg) from the model: " + v);
    }

    @Test
    @SimulatedDevice(tfm = "1.6", labelExtra = "lab")
    void methodAnnotationOverridesTheClass(Device device) {
        assertEquals(TfmProfile.TFM_1_6, device.config().profile());
        assertEquals("lab", device.config().labelExtra());
    }

    @Test
    void powerCutAndRebootKeepTheCountersGoingForward(DeviceUnderTest dut) throws Exception {
        byte[] first = dut.nonSecure().inference()
                .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 10).encoded();
        Device before = dut.device();
        dut.powerCut();
        assertThrows(DeviceHaltedException.class, () -> before.nonSecure().inference()
                .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 10));
        Device after = dut.reboot();
        assertNotSame(before, after);
        byte[] second = dut.nonSecure().inference()
                .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 10).encoded();
        assertTrue(counterOf(second) > counterOf(first), "the safe counter mode never repeats after a power cut");
    }
}

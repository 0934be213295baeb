package com.example.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.cloud.ResultVerifier;
import io.github.cai4j.device.NonSecureWorld;
import io.github.cai4j.device.junit.SimulatedDevice;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.SineModel;
import org.junit.jupiter.api.Test;

@SimulatedDevice
class ResultVerifierTest {

    @Test
    void acceptsGenuineResultsOnceEach(NonSecureWorld device) throws Exception {
        ResultVerifier cloud = new ResultVerifier(device.keys().publicKey(DeviceKey.COSE).pem());
        byte[] sign1 = device.inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 90).encoded();

        float value = cloud.accept(sign1).orElseThrow();
        assertTrue(Math.abs(value - 1.0f) < 0.06f);
        assertEquals(java.util.Optional.empty(), cloud.accept(sign1), "a replayed result is refused");
    }
}

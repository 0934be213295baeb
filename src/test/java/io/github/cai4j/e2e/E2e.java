package io.github.cai4j.e2e;

import io.github.cai4j.bootloader.fwu.FwuClient;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceImage;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.SineModel;
import java.util.HexFormat;

/** Small steps the end-to-end scenarios share. */
final class E2e {
    private E2e() {
    }

    static byte[] signedResult(Device device, float degrees) throws Exception {
        return device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, degrees)
                .encoded();
    }

    static FirmwarePayload.Counters countersOf(byte[] sign1) throws Exception {
        byte[] payload = Sign1Message.decode(sign1).payload().orElseThrow();
        return FirmwarePayload.decode(payload).counters().orElseThrow();
    }

    /** The running model as MCUboot measured it. */
    static String modelMeasurement(Device device) {
        return device.measurements().stream()
                .filter(m -> m.imageIndex() == DeviceImage.TFLM_MODEL.index())
                .map(m -> m.version() + " " + HexFormat.of().formatHex(m.measurement()))
                .findFirst().orElseThrow();
    }

    /** Writes {@code image} as the candidate of the TFLM model through the gate and installs it (TEST swap). */
    static void stageModel(Device device, byte[] image) throws Exception {
        FwuClient fwu = device.nonSecure().firmwareUpdate();
        int comp = DeviceImage.TFLM_MODEL.index();
        fwu.start(comp);
        fwu.writeImage(comp, image);
        fwu.finish(comp);
        fwu.install();
    }
}

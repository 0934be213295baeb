package io.github.cai4j.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.PsaStatus;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The firmware's own test constants ({@code spec/firmware.md} §9) through the partitions and the NS client. */
class FirmwareVectorsTest {

    @Test
    void degreeConstantIsTheAppsFloat() {
        assertEquals(0x3c8efa35, Float.floatToIntBits(InferenceClient.DEGREE));
    }

    @Test
    void linaroModelVersionIsItsMd5() throws Exception {
        byte[] model = TestData.read("tflm/linaro_zsi_hello_world_int8.tflite");
        assertEquals("27036dd122bc82da54fc0f2d7d99497b", InferenceServices.modelVersion(model));
        assertEquals("27036dd122bc82da54fc0f2d7d99497b", new TflmSinePartition(model).modelVersion());
    }

    @Test
    void tflmServiceWithTheLinaroModelGivesTheFirmwareOutputs() throws Exception {
        byte[] model = TestData.read("tflm/linaro_zsi_hello_world_int8.tflite");
        InferenceGate g = new InferenceGate(new TflmSinePartition(model));
        InferenceClient client = new InferenceClient(g.ns());
        float[] degrees = {1.0f, 9.0f, 10.0f};
        int[] bits = {0x3c8ace2c, 0x3e503542, 0x3e72e8cd};
        for (int i = 0; i < degrees.length; i++) {
            InferenceResult r = client.inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, degrees[i]);
            assertEquals(bits[i], Float.floatToIntBits(r.value()), degrees[i] + " deg");
        }
        // the CBOR encoding of 1 degree (§9), as the HUK partition lays it out
        InferenceResult one = client.inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 1.0f);
        assertEquals("a13a0001387f442cce8a3c", HexFormat.of().formatHex(one.encoded()));
        assertEquals(4, g.huk.requests().size());
    }

    @Test
    void tflmQuantizationTruncatesLikeTheApp() throws Exception {
        byte[] model = TestData.read("tflm/linaro_zsi_hello_world_int8.tflite");
        TflmSinePartition p = new TflmSinePartition(model);
        // spec/tflm.md §1: x = 0, 1, 3, 5 quantize by truncation to -128, -87, -5, 75 on the legacy model
        float[] xs = {0.0f, 1.0f, 3.0f, 5.0f};
        int[] q = {-128, -87, -5, 75};
        int[] out = {4, 109, 19, -113};
        for (int i = 0; i < xs.length; i++) {
            assertEquals(q[i], p.quantize(xs[i]), "x = " + xs[i]);
            assertEquals(out[i], p.invoke((byte) q[i]), "q = " + q[i]);
        }
        // 2pi is inside the range check and does not wrap
        assertEquals(127, p.quantize(InferenceServices.X_RANGE));
        assertEquals(0, p.quantize(Float.NaN), "NaN converts to 0");
    }

    @Test
    void utvmServiceWithTheUtvmNetworkGivesTheFirmwareOutput() throws Exception {
        byte[] model = TestData.read("tflm/utvm_sine_float.tflite");
        InferenceGate g = new InferenceGate(new UtvmSinePartition(model));
        InferenceResult r = new InferenceClient(g.ns()).inferDegrees(SineModel.UTVM_SINE, EncodingFormat.COSE_SIGN1,
                1.0f);
        assertEquals(0x3d455080, Float.floatToIntBits(r.value()));
    }

    @Test
    void partitionsRefuseModelsOfTheWrongKind() throws Exception {
        assertThrows(ModelException.class, () -> new TflmSinePartition(SineModels.shippedFloat()));
        assertThrows(ModelException.class, () -> new UtvmSinePartition(SineModels.shippedInt8()));
        assertThrows(ModelException.class, () -> new TflmSinePartition(new byte[] {1, 2, 3}));
        assertThrows(ModelException.class, () -> new UtvmSinePartition(new byte[0]));
        byte[] conv = TestData.read("tflm-conv/test_conv_model.tflite");
        assertThrows(ModelException.class, () -> new UtvmSinePartition(conv));
        assertThrows(ModelException.class, () -> new TflmSinePartition(conv));
    }

    @Test
    void decoderRejectsMalformedEncodings() {
        byte[][] bad = {{}, {(byte) 0xa0}, {(byte) 0xa1, 0x01, 0x02}, {(byte) 0xa1, 0x01, 0x43, 1, 2, 3},
            {(byte) 0x84, 0x40, (byte) 0xa0, 0x40, 0x40}, {(byte) 0xff}};
        int n = 0;
        for (byte[] b : bad) {
            for (EncodingFormat f : new EncodingFormat[] {EncodingFormat.CBOR, EncodingFormat.COSE_SIGN1}) {
                var e = assertThrows(io.github.cai4j.psa.PsaException.class,
                        () -> InferenceClient.decodeValue(b, f));
                assertEquals(PsaStatus.ERROR_DATA_INVALID.value(), e.statusValue());
                n++;
            }
        }
        assertEquals(12, n);
    }
}

package io.github.cai4j.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.testmodels.TflmTestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The hello_world sine models against TFLM's reference-kernel outputs (testdata/tflm). */
class SineModelsTflmTest {

    private static Interpreter interpreter(String file) throws Exception {
        return Interpreter.create(TflmTestData.model("tflm/" + file));
    }

    private static void int8Table(String model, String table) throws Exception {
        Interpreter it = interpreter(model);
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (String[] row : TflmTestData.csv("tflm/" + table, 2)) {
            int qIn = Integer.parseInt(row[0].strip());
            int qOut = Integer.parseInt(row[1].strip());
            it.input(0).setInt8(0, qIn);
            it.invoke();
            int got = it.output(0).getInt8(0);
            if (got != qOut) {
                failures.add(qIn + ":" + qOut + "/" + got);
            }
            ran++;
        }
        assertEquals(List.of(), failures, model);
        assertEquals(256, ran);
    }

    @Test
    void helloWorldInt8MatchesAll256TableEntries() throws Exception {
        int8Table("hello_world_int8.tflite", "hello_world_int8_int8_table.csv");
    }

    @Test
    void modelCc2020MatchesAll256TableEntries() throws Exception {
        int8Table("tflm_model_cc_2020.tflite", "tflm_model_cc_2020_int8_table.csv");
    }

    private static void floatGrid(String model, String grid) throws Exception {
        Interpreter it = interpreter(model);
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (String[] row : TflmTestData.csv("tflm/" + grid, 4)) {
            float x = Float.parseFloat(row[0]);
            int expected = Integer.parseUnsignedInt(row[2].substring(2), 16);
            float y = it.run(x)[0];
            if (Float.floatToRawIntBits(y) != expected) {
                failures.add(String.format(Locale.ROOT, "x=%s expected %08x got %08x", row[0], expected,
                        Float.floatToRawIntBits(y)));
            }
            ran++;
        }
        assertEquals(List.of(), failures, model);
        assertEquals(71, ran);
    }

    @Test
    void helloWorldFloatMatchesEveryBitPattern() throws Exception {
        floatGrid("hello_world_float.tflite", "hello_world_float_xgrid.csv");
    }

    @Test
    void feb2023ModelWithQuantizeAndDequantizeMatchesEveryBitPattern() throws Exception {
        floatGrid("tflm_2023feb_hello_world.tflite", "tflm_2023feb_hello_world_xgrid.csv");
    }

    @Test
    void helloWorldInt8GridWithTruncatedAndRoundedInputs() throws Exception {
        Interpreter it = interpreter("hello_world_int8.tflite");
        TensorView in = it.input(0);
        TensorView out = it.output(0);
        int ran = 0;
        for (String[] row : TflmTestData.csv("tflm/hello_world_int8_xgrid.csv", 8)) {
            float x = Float.parseFloat(row[0]);
            // the example app truncates: (int8_t)(x / s + zp)
            int truncated = (int) (x / in.scale() + in.zeroPoint());
            assertEquals(Integer.parseInt(row[1]), truncated, row[0]);
            in.setInt8(0, truncated);
            it.invoke();
            assertEquals(Integer.parseInt(row[2]), out.getInt8(0), row[0]);
            // the library's float path rounds half away from zero, as TFLite's QUANTIZE
            in.setFloat(0, x);
            assertEquals(Integer.parseInt(row[4]), in.getInt8(0), row[0]);
            it.invoke();
            assertEquals(Integer.parseInt(row[5]), out.getInt8(0), row[0]);
            assertEquals(Float.parseFloat(row[6]), out.getFloat(0), row[0]);
            ran++;
        }
        assertEquals(71, ran);
    }

    /** The firmware's service: degrees to radians in float, truncating quantization, float dequantization. */
    private static float firmwareTflm(Interpreter it, float degrees) {
        float deg = Float.intBitsToFloat(0x3c8efa35);
        float x = degrees * deg;
        TensorView in = it.input(0);
        TensorView out = it.output(0);
        float quotient = x / in.scale();
        int xq = (byte) (int) (quotient + (float) in.zeroPoint());
        in.setInt8(0, xq);
        it.invoke();
        return (float) (out.getInt8(0) - out.zeroPoint()) * out.scale();
    }

    @Test
    void linaroModelReproducesTheFirmwareTestConstants() throws Exception {
        Interpreter it = interpreter("linaro_zsi_hello_world_int8.tflite");
        int[][] vectors = {{1, 0x3c8ace2c}, {9, 0x3e503542}, {10, 0x3e72e8cd}};
        for (int[] v : vectors) {
            float y = firmwareTflm(it, v[0]);
            assertEquals(v[1], Float.floatToRawIntBits(y), v[0] + " degrees: " + y);
        }
        // the values as the firmware prints them (%f)
        assertEquals("0.016944", String.format(Locale.ROOT, "%f", firmwareTflm(it, 1)));
        assertEquals("0.203328", String.format(Locale.ROOT, "%f", firmwareTflm(it, 9)));
        assertEquals("0.237216", String.format(Locale.ROOT, "%f", firmwareTflm(it, 10)));
    }

    @Test
    void uTvmFloatModelReproducesTheFirmwareValueAtOneDegree() throws Exception {
        Interpreter it = interpreter("utvm_sine_float.tflite");
        float x = 1f * Float.intBitsToFloat(0x3c8efa35);
        assertEquals(0x3d455080, Float.floatToRawIntBits(it.runScalar(x)));
    }

    @Test
    void linaroModelFollowsSineOverAFullTurn() throws Exception {
        Interpreter it = interpreter("linaro_zsi_hello_world_int8.tflite");
        int ran = 0;
        double maxError = 0;
        for (int d = 0; d < 360; d++) {
            float y = firmwareTflm(it, d);
            maxError = Math.max(maxError, Math.abs(y - Math.sin(d * Math.PI / 180)));
            ran++;
        }
        assertEquals(360, ran);
        // a small network quantized to int8: within 0.15 everywhere (the worst case is near 270 degrees)
        assertTrue(maxError < 0.15, "max error " + maxError);
    }
}

package io.github.cai4j.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cai4j.inference.testmodels.TflmTestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-check against the real TensorFlow Lite interpreter (TFLite 2.6.2 through its Java API, the glibc build of the
 * native library packaged by DJL; tflm.md §4). TFLite's optimized kernels round once, so the int8 models must agree
 * exactly with {@link RoundingMode#TFLITE_SINGLE} on all 256 inputs; float models agree within 1e-6.
 */
class TfliteCrossCheckTest {
    private static final String NATIVE = "native/lib/libtensorflowlite_jni.so";
    private static String loadFailure;

    @BeforeAll
    static void loadNativeLibrary() {
        try (InputStream in = TfliteCrossCheckTest.class.getClassLoader().getResourceAsStream(NATIVE)) {
            if (in == null) {
                loadFailure = NATIVE + " is not on the test class path";
                return;
            }
            Path lib = Files.createTempFile("tensorflowlite_jni", ".so");
            lib.toFile().deleteOnExit();
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            System.load(lib.toAbsolutePath().toString());
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            loadFailure = e.toString();
        }
    }

    private static void requireNative() {
        if (loadFailure != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("TensorFlow Lite native library did not load: " + loadFailure);
            }
            assumeTrue(false, "TensorFlow Lite native library did not load: " + loadFailure);
        }
    }

    private static org.tensorflow.lite.Interpreter tflite(byte[] model) {
        ByteBuffer direct = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
        direct.put(model).rewind();
        return new org.tensorflow.lite.Interpreter(direct,
                new org.tensorflow.lite.Interpreter.Options().setNumThreads(1).setUseXNNPACK(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello_world_int8", "linaro_zsi_hello_world_int8", "tflm_model_cc_2020"})
    void int8ModelsAgreeExactlyInSingleRoundingModeOnAllInputs(String name) throws Exception {
        TflmTestData.dir();
        requireNative();
        byte[] file = TflmTestData.bytes("tflm/" + name + ".tflite");
        Interpreter ours = Interpreter.create(file);
        Interpreter single = Interpreter.create(
                io.github.cai4j.inference.model.TfliteModel.read(file), RoundingMode.TFLITE_SINGLE);
        List<String> mismatches = new ArrayList<>();
        int differFromTflm = 0;
        int ran = 0;
        try (org.tensorflow.lite.Interpreter ref = tflite(file)) {
            byte[][] in = new byte[1][1];
            byte[][] out = new byte[1][1];
            for (int q = -128; q < 128; q++) {
                in[0][0] = (byte) q;
                ref.run(in, out);
                single.input(0).setInt8(0, q);
                single.invoke();
                ours.input(0).setInt8(0, q);
                ours.invoke();
                if (single.output(0).getInt8(0) != out[0][0]) {
                    mismatches.add(q + ":" + out[0][0] + "/" + single.output(0).getInt8(0));
                }
                if (ours.output(0).getInt8(0) != out[0][0]) {
                    differFromTflm++;
                }
                ran++;
            }
        }
        assertEquals(List.of(), mismatches, name);
        assertEquals(256, ran);
        // TFLM's double rounding is not what TensorFlow Lite computes (tflm.md §4: 23 entries differ)
        assertTrue(differFromTflm > 0, name + ": double rounding agreed everywhere");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello_world_float", "tflm_2023feb_hello_world", "utvm_sine_float"})
    void floatModelsAgreeWithinOneMillionth(String name) throws Exception {
        TflmTestData.dir();
        requireNative();
        byte[] file = TflmTestData.bytes("tflm/" + name + ".tflite");
        Interpreter ours = Interpreter.create(
                io.github.cai4j.inference.model.TfliteModel.read(file), RoundingMode.TFLITE_SINGLE);
        int ran = 0;
        double maxDiff = 0;
        try (org.tensorflow.lite.Interpreter ref = tflite(file)) {
            float[][] in = new float[1][1];
            float[][] out = new float[1][1];
            for (int i = 0; i <= 628; i++) {
                float x = 0.01f * i;
                in[0][0] = x;
                ref.run(in, out);
                float y = ours.runScalar(x);
                maxDiff = Math.max(maxDiff, Math.abs(y - out[0][0]));
                ran++;
            }
        }
        assertEquals(629, ran);
        assertTrue(maxDiff <= 1e-6, name + ": max difference " + maxDiff);
    }

    /** The convolution models (person_detect excluded: TFLite 2.6 rejects its bias quantization). */
    @ParameterizedTest
    @ValueSource(strings = {"micro_speech_quantized", "test_conv_model", "seanet_conv0"})
    void convolutionModelsAgreeExactlyInSingleRoundingMode(String name) throws Exception {
        TflmTestData.dir();
        requireNative();
        byte[] file = TflmTestData.bytes("tflm-conv/" + name + ".tflite");
        Interpreter single = Interpreter.create(
                io.github.cai4j.inference.model.TfliteModel.read(file), RoundingMode.TFLITE_SINGLE);
        List<Integer> mismatches = new ArrayList<>();
        int ran = 0;
        try (org.tensorflow.lite.Interpreter ref = tflite(file)) {
            for (int seed = 1; seed <= 20; seed++) {
                ConvModelsTflmTest.fillInputs(single, seed);
                single.invoke();
                byte[] raw = single.input(0).rawBytes();
                ByteBuffer in = ByteBuffer.allocateDirect(raw.length).order(ByteOrder.nativeOrder());
                in.put(raw).rewind();
                byte[] ours = single.output(0).rawBytes();
                ByteBuffer out = ByteBuffer.allocateDirect(ours.length).order(ByteOrder.nativeOrder());
                ref.run(in, out);
                byte[] theirs = new byte[ours.length];
                out.rewind();
                out.get(theirs);
                if (!java.util.HexFormat.of().formatHex(ours).equals(java.util.HexFormat.of().formatHex(theirs))) {
                    mismatches.add(seed);
                }
                ran++;
            }
        }
        assertEquals(List.of(), mismatches, name);
        assertEquals(20, ran);
    }
}

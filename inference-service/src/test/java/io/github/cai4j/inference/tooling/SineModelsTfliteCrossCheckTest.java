package io.github.cai4j.inference.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.engine.RoundingMode;
import io.github.cai4j.inference.model.TfliteModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.Interpreter;

/**
 * The files the writer produces are read and run by the real TensorFlow Lite interpreter (2.6.2, through its Java
 * API; test scope only): int8 outputs equal the engine's single-rounding mode on all 256 inputs, float outputs
 * agree within 1e-6.
 */
class SineModelsTfliteCrossCheckTest {
    private static final String NATIVE = "/native/lib/libtensorflowlite_jni.so";

    @BeforeAll
    static void loadNative() throws IOException {
        Assumptions.assumeTrue("Linux".equals(System.getProperty("os.name"))
                && "amd64".equals(System.getProperty("os.arch")), "TensorFlow Lite natives are linux-x86_64 only");
        try (InputStream in = SineModelsTfliteCrossCheckTest.class.getResourceAsStream(NATIVE)) {
            Assumptions.assumeTrue(in != null, "tflite-native-cpu is not on the test class path");
            Path dir = Files.createTempDirectory("cai4j-tflite");
            Path lib = dir.resolve("libtensorflowlite_jni.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            lib.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            System.load(lib.toString());
        }
    }

    private static Interpreter tflite(byte[] model) {
        ByteBuffer b = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
        b.put(model).rewind();
        return new Interpreter(b, new Interpreter.Options().setNumThreads(1));
    }

    @Test
    void int8ModelMatchesTfliteOnAllInputs() throws Exception {
        byte[] model = SineModels.shippedInt8();
        io.github.cai4j.inference.engine.Interpreter ours = io.github.cai4j.inference.engine.Interpreter.create(
                TfliteModel.read(model), RoundingMode.TFLITE_SINGLE);
        List<String> diffs = new ArrayList<>();
        int n = 0;
        try (Interpreter tfl = tflite(model)) {
            for (int q = -128; q <= 127; q++) {
                byte[][] in = {{(byte) q}};
                byte[][] out = new byte[1][1];
                tfl.run(in, out);
                ours.input(0).setInt8(0, q);
                ours.invoke();
                if (ours.output(0).getInt8(0) != out[0][0]) {
                    diffs.add(q + ":" + ours.output(0).getInt8(0) + "/" + out[0][0]);
                }
                n++;
            }
        }
        assertEquals(256, n);
        assertEquals(List.of(), diffs);
    }

    @Test
    void floatModelAgreesWithTflite() throws Exception {
        byte[] model = SineModels.shippedFloat();
        io.github.cai4j.inference.engine.Interpreter ours = io.github.cai4j.inference.engine.Interpreter.create(model);
        double max = 0;
        int n = 0;
        try (Interpreter tfl = tflite(model)) {
            for (int i = 0; i <= 628; i++) {
                float x = i * 0.01f;
                float[][] out = new float[1][1];
                tfl.run(new float[][] {{x}}, out);
                max = Math.max(max, Math.abs(out[0][0] - ours.runScalar(x)));
                n++;
            }
        }
        assertEquals(629, n);
        assertTrue(max <= 1e-6, "max |tflite - engine| = " + max);
    }
}

package io.github.cai4j.benchmarks;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.engine.TensorView;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Convolutional models from {@code testdata/tflm-conv} (directory from the system property
 * {@code cai4j.tflmConv}, else {@code cai4j.testdata}/tflm-conv, else /work/shared/testdata/tflm-conv), with one
 * fixed pseudo-random input. cai4j runs {@code test_conv_model} (QUANTIZE, 2 CONV_2D, MAX_POOL, FC, DEQUANTIZE)
 * and {@code person_detect} (MobileNet v1, 96x96 int8, 14 CONV_2D + 14 DEPTHWISE_CONV_2D); TensorFlow Lite Java
 * 2.6.2 runs only {@code test_conv_model}: it refuses person_detect's per-channel depthwise weights
 * ({@code quantized_dimension must be in range [0, 1). Was 3.}). The summary leaves these benchmarks out when
 * the directory is absent; run directly without the models, the setup fails naming the missing file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConvBenchmark {

    /** Where the models are. */
    static Path modelDirectory() {
        String dir = System.getProperty("cai4j.tflmConv");
        if (dir != null) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("cai4j.testdata", "/work/shared/testdata"), "tflm-conv");
    }

    static byte[] model(String name) throws IOException {
        Path file = modelDirectory().resolve(name + ".tflite");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: set -Dcai4j.tflmConv=<dir> or leave ConvBenchmark"
                    + " out");
        }
        return Files.readAllBytes(file);
    }

    /** A fixed input of {@code in}'s size and type, written into {@code in}, returned as raw bytes. */
    static byte[] input(TensorView in) {
        byte[] raw = new byte[in.byteSize()];
        SplittableRandom r = new SplittableRandom(1);
        if (in.type() == TensorType.FLOAT32) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < raw.length / 4; k++) {
                b.putFloat((float) r.nextDouble(-1, 1));
            }
        } else {
            for (int k = 0; k < raw.length; k++) {
                raw[k] = (byte) r.nextInt(256);
            }
        }
        in.setRawBytes(raw);
        return raw;
    }

    /** The cai4j interpreter on one model. */
    @State(Scope.Thread)
    public static class Cai4j {
        @Param({"test_conv_model", "person_detect"})
        public String model;

        Interpreter interpreter;
        TensorView out;
        boolean floatOut;

        @Setup(Level.Trial)
        public void setUp() throws IOException, ModelException {
            interpreter = Interpreter.create(model(model));
            input(interpreter.input(0));
            out = interpreter.output(0);
            floatOut = out.type() == TensorType.FLOAT32;
        }
    }

    /** TensorFlow Lite Java on the model it can load, same input. */
    @State(Scope.Thread)
    public static class Tflite {
        @Param({"test_conv_model"})
        public String tfliteModel;

        org.tensorflow.lite.Interpreter interpreter;
        ByteBuffer in;
        ByteBuffer out;

        @Setup(Level.Trial)
        public void setUp() throws IOException, ModelException {
            byte[] bytes = model(tfliteModel);
            Interpreter shape = Interpreter.create(bytes);
            byte[] raw = input(shape.input(0));
            interpreter = TfliteJava.interpreter(bytes, false);
            in = TfliteJava.direct(raw.length);
            in.put(raw).rewind();
            out = TfliteJava.direct(shape.output(0).byteSize());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            interpreter.close();
        }
    }

    @Benchmark
    public float cai4j(Cai4j s) {
        s.interpreter.invoke();
        return s.floatOut ? s.out.getFloat(0) : s.out.getInt8(0);
    }

    @Benchmark
    public byte tfliteJava(Tflite s) {
        s.in.rewind();
        s.out.clear();
        s.interpreter.run(s.in, s.out);
        return s.out.get(0);
    }
}

package io.github.cai4j.benchmarks;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.engine.TensorView;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.tooling.SineModels;
import java.nio.ByteBuffer;
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
 * One inference of the project's shipped sine models (three FULLY_CONNECTED layers, 288 MACs): the cai4j
 * interpreter against TensorFlow Lite Java through JNI on the same model bytes. Inputs cycle through 256 values
 * so that nothing is constant-folded. TensorFlow Lite gets its cheapest path: preallocated direct buffers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class InferenceBenchmark {
    @Param({"int8", "float"})
    public String model;

    private Interpreter cai4j;
    private TensorView in;
    private TensorView out;
    private org.tensorflow.lite.Interpreter tflite;
    private ByteBuffer tfIn;
    private ByteBuffer tfOut;
    private final byte[] quantized = new byte[256];
    private final float[] radians = new float[256];
    private int i;
    private boolean int8;

    @Setup(Level.Trial)
    public void setUp() throws ModelException {
        int8 = switch (model) {
            case "int8" -> true;
            case "float" -> false;
            default -> throw new IllegalArgumentException("model must be int8 or float, not " + model);
        };
        byte[] bytes = int8 ? SineModels.shippedInt8() : SineModels.shippedFloat();
        cai4j = Interpreter.create(bytes);
        in = cai4j.input(0);
        out = cai4j.output(0);
        TensorType expected = int8 ? TensorType.INT8 : TensorType.FLOAT32;
        if (in.type() != expected || out.type() != expected) {
            throw new IllegalStateException("unexpected model signature " + in.type() + " -> " + out.type());
        }
        for (int k = 0; k < 256; k++) {
            quantized[k] = (byte) (k - 128);
            radians[k] = (float) (2 * Math.PI * k / 256);
        }
        tflite = TfliteJava.interpreter(bytes, false);
        tfIn = TfliteJava.direct(int8 ? 1 : 4);
        tfOut = TfliteJava.direct(int8 ? 1 : 4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tflite.close();
    }

    @Benchmark
    public float cai4j() {
        int k = i++ & 0xff;
        if (int8) {
            in.setInt8(0, quantized[k]);
            cai4j.invoke();
            return out.getInt8(0);
        }
        in.setFloat(0, radians[k]);
        cai4j.invoke();
        return out.getFloat(0);
    }

    @Benchmark
    public float tfliteJava() {
        int k = i++ & 0xff;
        tfOut.clear();
        if (int8) {
            tfIn.put(0, quantized[k]);
            tflite.run(tfIn, tfOut);
            return tfOut.get(0);
        }
        tfIn.putFloat(0, radians[k]);
        tflite.run(tfIn, tfOut);
        return tfOut.getFloat(0);
    }
}

package io.github.cai4j.benchmarks;

import io.github.cai4j.inference.kernels.ActivationRange;
import io.github.cai4j.inference.kernels.FullyConnectedFloat;
import io.github.cai4j.inference.kernels.FullyConnectedInt8;
import io.github.cai4j.inference.kernels.Kernel;
import io.github.cai4j.inference.kernels.QuantizedMultiplier;
import io.github.cai4j.inference.model.Activation;
import io.github.cai4j.inference.model.ModelException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the sine models' time goes: each FULLY_CONNECTED layer shape of the models (1→16, 16→16, 16→1, RELU on the
 * hidden layers as in the models) as a lone kernel, int8 and float. Inputs change on every call so nothing is
 * hoisted out. {@link FloorBenchmark} has the bare arithmetic of the 16→16 layer for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LayerBenchmark {
    @Param({"1x16", "16x16", "16x1"})
    public String shape;

    private Kernel int8;
    private Kernel float32;
    private byte[] in8;
    private float[] inF;
    private byte[] out8;
    private float[] outF;
    private int i;

    @Setup
    public void setUp() throws ModelException {
        String[] dims = shape.split("x");
        int depth = Integer.parseInt(dims[0]);
        int outputs = Integer.parseInt(dims[1]);
        SplittableRandom r = new SplittableRandom(9);
        in8 = new byte[depth];
        inF = new float[depth];
        out8 = new byte[outputs];
        outF = new float[outputs];
        byte[] w8 = new byte[depth * outputs];
        float[] w = new float[depth * outputs];
        for (int k = 0; k < w.length; k++) {
            w8[k] = (byte) r.nextInt(-127, 128);
            w[k] = (float) r.nextDouble(-1, 1);
        }
        int[] bias8 = r.ints(outputs, -2000, 2000).toArray();
        float[] bias = new float[outputs];
        for (int k = 0; k < outputs; k++) {
            bias[k] = (float) r.nextDouble(-0.5, 0.5);
        }
        boolean hidden = outputs > 1;
        // int8: the models' output zero point is -128, so their RELU range is the full int8 range
        ActivationRange range8 = new ActivationRange(-128, 127);
        float[] range = ActivationRange.floating(hidden ? Activation.RELU : Activation.NONE);
        int8 = new FullyConnectedInt8(in8, 0, out8, 0, w8, 0, bias8, -128, -128,
                new QuantizedMultiplier[] {new QuantizedMultiplier(1561796740, -6)}, 1, outputs, depth, range8, false);
        float32 = new FullyConnectedFloat(inF, 0, outF, 0, w, bias, 1, outputs, depth, range[0], range[1]);
    }

    @Benchmark
    public byte int8Kernel() {
        in8[0] = (byte) i++;
        int8.invoke();
        return out8[0];
    }

    @Benchmark
    public float floatKernel() {
        inF[0] = (i++ & 0xff) * 0.0245f;
        float32.invoke();
        return outF[0];
    }
}

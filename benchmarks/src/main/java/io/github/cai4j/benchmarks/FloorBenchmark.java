package io.github.cai4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floors of this machine for the sine models' arithmetic, with no engine around it: the middle layer's 256
 * multiply-adds written as the kernels' eight-register loop (in float, and in double as the int8 kernel takes them),
 * and a row of sixteen int8 requantizations with every constant in a register. Compare with {@link LayerBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FloorBenchmark {
    private final float[] wF = new float[256];
    private final double[] wD = new double[256];
    private final float[] xF = new float[16];
    private final double[] xD = new double[16];
    private final float[] sumF = new float[16];
    private final int[] acc = new int[16];
    private final byte[] requantized = new byte[16];
    private int i;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < 256; k++) {
            wF[k] = (float) r.nextDouble(-1, 1);
            wD[k] = r.nextInt(-127, 128);
        }
        for (int k = 0; k < 16; k++) {
            xF[k] = (float) r.nextDouble(0, 1);
            xD[k] = r.nextInt(-128, 128);
            acc[k] = r.nextInt(-40_000, 40_000);
        }
    }

    /** The 16→16 layer's 256 float multiply-adds, eight sums in registers at a time, nothing else. */
    @Benchmark
    public float floorFloatMacs16x16() {
        xF[i++ & 15] += 1.0f;
        final float[] w = wF;
        final float[] x = xF;
        for (int o = 0; o < 16; o += 8) {
            int base = o * 16;
            float t0 = 0;
            float t1 = 0;
            float t2 = 0;
            float t3 = 0;
            float t4 = 0;
            float t5 = 0;
            float t6 = 0;
            float t7 = 0;
            for (int d = 0; d < 16; d++) {
                int p = base + d * 8;
                float v = x[d];
                t0 += v * w[p];
                t1 += v * w[p + 1];
                t2 += v * w[p + 2];
                t3 += v * w[p + 3];
                t4 += v * w[p + 4];
                t5 += v * w[p + 5];
                t6 += v * w[p + 6];
                t7 += v * w[p + 7];
            }
            sumF[o] = t0 + t1 + t2 + t3 + t4 + t5 + t6 + t7;
        }
        return sumF[0] + sumF[8];
    }

    /** The same 256 multiply-adds in {@code double}, as the int8 kernel takes them. */
    @Benchmark
    public double floorDoubleMacs16x16() {
        xD[i++ & 15] += 1.0;
        final double[] w = wD;
        final double[] x = xD;
        double all = 0;
        for (int o = 0; o < 16; o += 8) {
            int base = o * 16;
            double t0 = 0;
            double t1 = 0;
            double t2 = 0;
            double t3 = 0;
            double t4 = 0;
            double t5 = 0;
            double t6 = 0;
            double t7 = 0;
            for (int d = 0; d < 16; d++) {
                int p = base + d * 8;
                double v = x[d];
                t0 += v * w[p];
                t1 += v * w[p + 1];
                t2 += v * w[p + 2];
                t3 += v * w[p + 3];
                t4 += v * w[p + 4];
                t5 += v * w[p + 5];
                t6 += v * w[p + 6];
                t7 += v * w[p + 7];
            }
            all += t0 + t1 + t2 + t3 + t4 + t5 + t6 + t7;
        }
        return all;
    }

    /** Sixteen TFLM double-rounding requantizations (per-tensor, constants in registers) with clamp and store. */
    @Benchmark
    public byte floorRequantize16() {
        acc[i++ & 15] ^= 0x155;
        final long m = 1561796740L;
        final int e = 6;
        final int mask = 63;
        final int half = 31;
        for (int o = 0; o < 16; o++) {
            int s = (int) ((acc[o] * m + (1L << 30)) >> 31);
            int v = (s >> e) + ((half + (s >>> 31) - (s & mask)) >>> 31) - 128;
            requantized[o] = (byte) Math.min(Math.max(v, -128), 127);
        }
        return requantized[3];
    }
}

package io.github.cai4j.inference.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.model.Activation;
import org.junit.jupiter.api.Test;

/** SOFTMAX, ADD, MUL, LOGISTIC, TANH: hand-computed values, saturation, and agreement with real arithmetic. */
class NonlinearKernelsTest {

    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    @Test
    void fixedPointExpAndReciprocalAreAccurate() {
        // e^0 = 1 (raw INT32_MAX) ; e^-1 with 5 integer bits: -1.0 = -(1 << 26)
        assertEquals(Integer.MAX_VALUE, FixedPointFunctions.expOnNegativeValues(0, 5));
        double e1 = FixedPointFunctions.expOnNegativeValues(-(1 << 26), 5) / 0x1p31;
        assertEquals(Math.exp(-1), e1, 1e-6);
        double e = FixedPointFunctions.expOnNegativeValues(-(3 << 25), 5) / 0x1p31;
        assertEquals(Math.exp(-1.5), e, 1e-6);
        // 1 / (1 + 0.5) in Q0.31
        double r = FixedPointFunctions.oneOverOnePlusXForXIn01(1 << 30) / 0x1p31;
        assertEquals(2.0 / 3, r, 1e-6);
        assertEquals(Integer.MAX_VALUE, FixedPointFunctions.saturatingRoundingMultiplyByPot(1 << 29, 2));
        assertEquals(Integer.MIN_VALUE, FixedPointFunctions.saturatingRoundingMultiplyByPot(-(1 << 29) - 1, 2));
        assertEquals(1 << 30, FixedPointFunctions.saturatingRoundingMultiplyByPot(1 << 28, 2));
        assertEquals(3, FixedPointFunctions.roundingHalfSum(2, 3)); // 2.5 -> 3
        assertEquals(-3, FixedPointFunctions.roundingHalfSum(-2, -3)); // -2.5 -> -3
    }

    @Test
    void softmaxOfEqualInputsIsUniform() {
        byte[] out = new byte[4];
        new SoftmaxInt8(b(5, 5, 5, 5), 0, out, 0, 1, 4, 1.0f, 1f / 16, false).invoke();
        // 0.25 in steps of 1/256 with zero point -128: 64 - 128
        assertArrayEquals(b(-64, -64, -64, -64), out);
        short[] wide = new short[2];
        new SoftmaxInt8(b(-7, -7), 0, wide, 0, 1, 2, 1.0f, 0.1f, false).invoke();
        // 0.5 in steps of 1/65536 with zero point -32768
        assertEquals(0, wide[0]);
        assertEquals(0, wide[1]);
    }

    @Test
    void softmaxSaturatesADominantInputAndFollowsRealSoftmax() {
        byte[] out = new byte[4];
        new SoftmaxInt8(b(127, -128, -128, -128), 0, out, 0, 1, 4, 1.0f, 0.1f, false).invoke();
        assertArrayEquals(b(127, -128, -128, -128), out);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int rows = 0;
        for (int k = 0; k < 500; k++) {
            byte[] in = new byte[6];
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) r.nextInt(-128, 128);
            }
            float scale = 0.02f + r.nextInt(100) * 0.002f;
            new SoftmaxInt8(in, 0, out = new byte[6], 0, 1, 6, 1.0f, scale, false).invoke();
            double max = -1e9;
            for (byte v : in) {
                max = Math.max(max, v * (double) scale);
            }
            double sum = 0;
            for (byte v : in) {
                sum += Math.exp(v * (double) scale - max);
            }
            for (int i = 0; i < 6; i++) {
                double p = Math.exp(in[i] * (double) scale - max) / sum;
                double q = Math.min(127, Math.max(-128, Math.rint(p * 256) - 128));
                assertTrue(Math.abs(q - out[i]) <= 1, "row " + k + " element " + i + ": " + out[i] + " vs " + q);
            }
            rows++;
        }
        assertEquals(500, rows);
    }

    @Test
    void addInt8RescalesBothInputs() throws Exception {
        // inputs at scale 0.5, output at scale 1.0: (3 + 5) * 0.5 = 4 ; (-7 + 2) * 0.5 = -2.5 -> -3 or -2
        byte[] out = new byte[2];
        AddInt8 add = new AddInt8(b(3, -7), 0, b(5, 2), 0, out, 0, Broadcast.of(new int[] {2}, new int[] {2},
                new int[] {2}), 0.5f, 0, 0.5f, 0, 1.0f, 0, new ActivationRange(-128, 127), false);
        add.invoke();
        assertEquals(4, out[0]);
        assertTrue(out[1] == -2 || out[1] == -3, "got " + out[1]);
        // saturation and a fused RELU6 range
        ActivationRange relu6 = ActivationRange.quantized(Activation.RELU6, 0.1f, 0, -128, 127);
        assertEquals(new ActivationRange(0, 60), relu6);
        new AddInt8(b(100, -100), 0, b(100, -100), 0, out, 0, Broadcast.of(new int[] {2}, new int[] {2},
                new int[] {2}), 0.1f, 0, 0.1f, 0, 0.1f, 0, relu6, false).invoke();
        assertArrayEquals(b(60, 0), out);
        // different scales and zero points, against real arithmetic for every pair of a 16-value grid
        int checked = 0;
        for (int a = -128; a < 128; a += 17) {
            for (int c = -128; c < 128; c += 17) {
                byte[] o = new byte[1];
                new AddInt8(b(a), 0, b(c), 0, o, 0, Broadcast.of(new int[] {1}, new int[] {1}, new int[] {1}),
                        0.05f, -3, 0.08f, 7, 0.1f, 2, new ActivationRange(-128, 127), false).invoke();
                double real = 0.05 * (a + 3) + 0.08 * (c - 7);
                double expected = Math.max(-128, Math.min(127, Math.rint(real / 0.1) + 2));
                assertTrue(Math.abs(expected - o[0]) <= 1, a + "+" + c + ": " + o[0] + " vs " + expected);
                checked++;
            }
        }
        assertEquals(256, checked);
    }

    @Test
    void mulInt8AndBroadcasting() {
        // scales 0.5 · 0.5 / 0.25 = 1: the product of the raw values ; 20 · 20 saturates
        byte[] out = new byte[4];
        Broadcast bc = Broadcast.of(new int[] {2, 2}, new int[] {2}, new int[] {2, 2});
        new MulInt8(b(10, 11, 20, -3), 0, b(11, 20), 0, out, 0, bc, 0.5f, 0, 0.5f, 0, 0.25f, 0,
                new ActivationRange(-128, 127), false).invoke();
        // row-wise broadcast of [11, 20]: 10·11, 11·20 (saturates), 20·11 (saturates), -3·20
        assertArrayEquals(b(110, 127, 127, -60), out);
        Broadcast scalar = Broadcast.of(new int[] {3}, new int[] {1}, new int[] {3});
        assertEquals(0, scalar.second(2));
        assertEquals(2, scalar.first(2));
        float[] fo = new float[3];
        new ElementwiseFloat(ElementwiseFloat.Op.ADD, new float[] {1f, 2f, 3f}, 0, new float[] {0.5f}, 0, fo, 0,
                scalar, -Float.MAX_VALUE, Float.MAX_VALUE).invoke();
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, fo);
        new ElementwiseFloat(ElementwiseFloat.Op.MUL, new float[] {1f, 2f, 3f}, 0, new float[] {4f}, 0, fo, 0,
                scalar, 0f, 6f).invoke();
        assertArrayEquals(new float[] {4f, 6f, 6f}, fo);
    }

    @Test
    void logisticInt8() {
        // input scale 1/16, zp 0: 0 -> 0.5 -> 0 ; 16 (1.0) -> 0.7311 -> 187.2 - 128 = 59 ; extremes saturate
        byte[] in = b(0, 16, 127, -128, -16);
        byte[] out = new byte[5];
        new ActivationInt8(ActivationInt8.Function.LOGISTIC, in, 0, out, 0, 5, 1f / 16, 0, false).invoke();
        assertArrayEquals(b(0, 59, 127, -128, -59), out);
        int checked = 0;
        for (int q = -128; q < 128; q++) {
            new ActivationInt8(ActivationInt8.Function.LOGISTIC, b(q), 0, out, 0, 1, 0.05f, 3, false).invoke();
            double real = 1 / (1 + Math.exp(-0.05 * (q - 3)));
            double expected = Math.min(127, Math.rint(real * 256) - 128);
            assertTrue(Math.abs(expected - out[0]) <= 1, q + ": " + out[0] + " vs " + expected);
            checked++;
        }
        assertEquals(256, checked);
        float[] fo = new float[3];
        new ActivationFloat(ActivationInt8.Function.LOGISTIC, new float[] {0f, 20f, -20f}, 0, fo, 0, 3).invoke();
        assertEquals(0.5f, fo[0]);
        assertEquals(1.0f, fo[1]);
        assertEquals((float) Math.exp(-20), fo[2]);
    }

    @Test
    void tanhInt8() {
        // input scale 1/16: 16 (1.0) -> 0.76159 · 128 = 97.5 -> 97 ; symmetric ; extremes saturate
        byte[] in = b(0, 16, -16, 127, -128);
        byte[] out = new byte[5];
        new ActivationInt8(ActivationInt8.Function.TANH, in, 0, out, 0, 5, 1f / 16, 0, false).invoke();
        assertEquals(0, out[0]);
        assertTrue(out[1] == 97 || out[1] == 98, "tanh(1) " + out[1]);
        assertEquals(-out[1], out[2]);
        assertEquals(127, out[3]);
        assertEquals(-128, out[4]);
        int checked = 0;
        for (int q = -128; q < 128; q++) {
            new ActivationInt8(ActivationInt8.Function.TANH, b(q), 0, out, 0, 1, 0.03f, -5, false).invoke();
            double expected = Math.max(-128, Math.min(127, Math.rint(Math.tanh(0.03 * (q + 5)) * 128)));
            assertTrue(Math.abs(expected - out[0]) <= 1, q + ": " + out[0] + " vs " + expected);
            checked++;
        }
        assertEquals(256, checked);
        float[] fo = new float[1];
        new ActivationFloat(ActivationInt8.Function.TANH, new float[] {0.5f}, 0, fo, 0, 1).invoke();
        assertEquals((float) Math.tanh(0.5), fo[0]);
    }
}

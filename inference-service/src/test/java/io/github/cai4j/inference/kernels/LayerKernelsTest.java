package io.github.cai4j.inference.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cai4j.inference.model.Activation;
import io.github.cai4j.inference.model.Padding;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, pooling, QUANTIZE and DEQUANTIZE. */
class LayerKernelsTest {
    private static final QuantizedMultiplier HALF = new QuantizedMultiplier(1 << 30, 0);
    private static final QuantizedMultiplier ONE = new QuantizedMultiplier(1 << 30, 1);
    private static final QuantizedMultiplier QUARTER = new QuantizedMultiplier(1 << 30, -1);

    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    private static ActivationRange full() {
        return new ActivationRange(-128, 127);
    }

    @Test
    void fullyConnectedInt8WithZeroPointsBiasAndRelu() throws Exception {
        // in [1,-2,3] zp 1 -> centered [0,-3,2]; rows [1,2,3] and [-1,0,1]; bias [10,-10]
        // acc0 = 0 - 6 + 6 + 10 = 10 -> x0.5 = 5 ; acc1 = 0 + 0 + 2 - 10 = -8 -> x0.5 = -4 ; + zp_out 3
        byte[] in = b(1, -2, 3);
        byte[] out = new byte[2];
        new FullyConnectedInt8(in, 0, out, 0, b(1, 2, 3, -1, 0, 1), 0, new int[] {10, -10}, 1, 3,
                new QuantizedMultiplier[] {HALF}, 1, 2, 3, full(), false).invoke();
        assertArrayEquals(b(8, -1), out);
        // fused RELU with zp 3: the clamp starts at the zero point
        ActivationRange relu = ActivationRange.quantized(Activation.RELU, 0.1f, 3, -128, 127);
        assertEquals(new ActivationRange(3, 127), relu);
        new FullyConnectedInt8(in, 0, out, 0, b(1, 2, 3, -1, 0, 1), 0, new int[] {10, -10}, 1, 3,
                new QuantizedMultiplier[] {HALF}, 1, 2, 3, relu, false).invoke();
        assertArrayEquals(b(8, 3), out);
    }

    @Test
    void fullyConnectedInt8SaturatesAndRoundsNegativeHalvesPerMode() {
        // 3 · 127 · (127 + 128) = 97155 at multiplier 1.0 -> saturates to 127
        byte[] out = new byte[1];
        new FullyConnectedInt8(b(127, 127, 127), 0, out, 0, b(127, 127, 127), 0, null, -128, 0,
                new QuantizedMultiplier[] {ONE}, 1, 1, 3, full(), false).invoke();
        assertEquals(127, out[0]);
        new FullyConnectedInt8(b(127, 127, 127), 0, out, 0, b(-127, -127, -127), 0, null, -128, 0,
                new QuantizedMultiplier[] {ONE}, 1, 1, 3, full(), false).invoke();
        assertEquals(-128, out[0]);
        // acc = -6 at 0.25 = -1.5: TFLM's double rounding gives -2, single rounding -1
        new FullyConnectedInt8(b(-6), 0, out, 0, b(1), 0, null, 0, 0, new QuantizedMultiplier[] {QUARTER}, 1, 1,
                1, full(), false).invoke();
        assertEquals(-2, out[0]);
        new FullyConnectedInt8(b(-6), 0, out, 0, b(1), 0, null, 0, 0, new QuantizedMultiplier[] {QUARTER}, 1, 1,
                1, full(), true).invoke();
        assertEquals(-1, out[0]);
    }

    @Test
    void fullyConnectedInt8PerChannelAndBatches() {
        // two batches, two channels: channel 0 at x1.0, channel 1 at x0.5; filter zero point ignored per channel
        byte[] in = b(2, 4, -3, 5);
        byte[] out = new byte[4];
        new FullyConnectedInt8(in, 0, out, 0, b(1, 1, 1, -1), 0, new int[] {0, 1}, 0, 0,
                new QuantizedMultiplier[] {ONE, HALF}, 2, 2, 2, full(), false).invoke();
        // batch 0: [2+4, (2-4+1)*0.5 = -0.5 -> 0 (SRDHM rounds -0.5 up)] ; batch 1: [2, (-8+1)*0.5 = -3.5 -> -3]
        assertArrayEquals(b(6, 0, 2, -3), out);
    }

    /**
     * Wide layers (eight outputs or more) take the column path; narrow ones the row path. Both against TFLM's
     * reference formula written out naively, on random per-channel int8 layers with batches and zero points.
     */
    @Test
    void fullyConnectedInt8ColumnAndRowPathsMatchTheReferenceFormula() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int batches = 1 + r.nextInt(3);
            int outDepth = 1 + r.nextInt(40);
            int depth = 1 + r.nextInt(40);
            boolean perChannel = r.nextBoolean();
            boolean single = r.nextBoolean();
            int inZp = r.nextInt(-128, 128);
            int wZp = perChannel ? 0 : r.nextInt(-20, 21);
            int outZp = r.nextInt(-128, 128);
            byte[] in = new byte[batches * depth];
            byte[] w = new byte[outDepth * depth];
            r.nextBytes(in);
            r.nextBytes(w);
            int[] bias = r.nextBoolean() ? null : r.ints(outDepth, -50_000, 50_000).toArray();
            QuantizedMultiplier[] m = new QuantizedMultiplier[perChannel ? outDepth : 1];
            for (int i = 0; i < m.length; i++) {
                m[i] = new QuantizedMultiplier(r.nextInt(1 << 30, Integer.MAX_VALUE), r.nextInt(-12, 2));
            }
            ActivationRange range = new ActivationRange(r.nextInt(-128, 0), r.nextInt(0, 128));
            byte[] out = new byte[batches * outDepth];
            new FullyConnectedInt8(in, 0, out, 0, w, wZp, bias, -inZp, outZp, m, batches, outDepth, depth, range,
                    single).invoke();
            for (int b = 0; b < batches; b++) {
                for (int o = 0; o < outDepth; o++) {
                    int acc = 0;
                    for (int d = 0; d < depth; d++) {
                        acc += (w[o * depth + d] - wZp) * (in[b * depth + d] + inZp);
                    }
                    acc += bias == null ? 0 : bias[o];
                    QuantizedMultiplier q = m[perChannel ? o : 0];
                    int v = QuantizedMath.multiply(acc, q.multiplier(), q.shift(), single) + outZp;
                    v = Math.max(range.min(), Math.min(range.max(), v));
                    assertEquals(v, out[b * outDepth + o], "trial " + trial + " batch " + b + " output " + o);
                }
            }
        }
    }

    /** The same for float: every output bit-identical to a sum from 0.0f in input order, then the bias. */
    @Test
    void fullyConnectedFloatColumnAndRowPathsSumInTflmOrder() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        for (int trial = 0; trial < 300; trial++) {
            int batches = 1 + r.nextInt(3);
            int outDepth = 1 + r.nextInt(40);
            int depth = 1 + r.nextInt(40);
            float[] in = new float[batches * depth];
            float[] w = new float[outDepth * depth];
            float[] special = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextInt(50) == 0 ? special[r.nextInt(special.length)]
                        : (float) (r.nextDouble(-4, 4) * Math.pow(10, r.nextInt(-3, 4)));
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextDouble(-1, 1);
            }
            float[] bias = r.nextBoolean() ? null : new float[outDepth];
            if (bias != null) {
                for (int i = 0; i < outDepth; i++) {
                    bias[i] = (float) r.nextDouble(-2, 2);
                }
            }
            Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};
            float[] act = ActivationRange.floating(acts[r.nextInt(acts.length)]);
            float[] out = new float[batches * outDepth];
            new FullyConnectedFloat(in, 0, out, 0, w, bias, batches, outDepth, depth, act[0], act[1]).invoke();
            for (int b = 0; b < batches; b++) {
                for (int o = 0; o < outDepth; o++) {
                    float total = 0.0f;
                    for (int d = 0; d < depth; d++) {
                        total += in[b * depth + d] * w[o * depth + d];
                    }
                    float v = ActivationRange.clamp(total + (bias == null ? 0.0f : bias[o]), act[0], act[1]);
                    assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(out[b * outDepth + o]),
                            "trial " + trial + " batch " + b + " output " + o);
                }
            }
        }
    }

    /** The branch-free clamp against C++'s {@code std::min(std::max(x, lo), hi)} on special and random values. */
    @Test
    void floatClampMatchesStdMinMaxBitForBit() {
        float[] special = {0.0f, -0.0f, 1.0f, -1.0f, 6.0f, -6.0f, 0.5f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[][] ranges = {{0f, 6f}, {-1f, 1f}, {0f, Float.POSITIVE_INFINITY},
                {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {-0.0f, 0.0f}, {0.0f, -0.0f}, {0.5f, 2f},
                {-3f, -0.0f}, {-3f, -1f}};
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (float[] range : ranges) {
            for (int i = 0; i < 20_000; i++) {
                float x = i < special.length ? special[i] : Float.intBitsToFloat(r.nextInt());
                float y = x < range[0] ? range[0] : x;
                float expected = range[1] < y ? range[1] : y;
                assertEquals(Float.floatToRawIntBits(expected),
                        Float.floatToRawIntBits(ActivationRange.clamp(x, range[0], range[1])),
                        x + " in [" + range[0] + ", " + range[1] + "]");
            }
        }
    }

    @Test
    void fullyConnectedFloatKeepsNegativeZeroAndClampsInfinities() throws Exception {
        float[] out = new float[1];
        float[] r = ActivationRange.floating(Activation.NONE);
        new FullyConnectedFloat(new float[] {1f, 2f}, 0, out, 0, new float[] {0.5f, 0.25f}, new float[] {1f}, 1, 1,
                2, r[0], r[1]).invoke();
        assertEquals(2.0f, out[0]);
        new FullyConnectedFloat(new float[] {Float.POSITIVE_INFINITY}, 0, out, 0, new float[] {1f}, null, 1, 1, 1,
                r[0], r[1]).invoke();
        assertEquals(Float.MAX_VALUE, out[0]);
        float[] relu = ActivationRange.floating(Activation.RELU);
        // std::max/std::min semantics: -0.0 and NaN pass through the RELU clamp unchanged
        assertEquals(Float.floatToRawIntBits(-0.0f),
                Float.floatToRawIntBits(ActivationRange.clamp(-0.0f, relu[0], relu[1])));
        assertEquals(Float.NaN, ActivationRange.clamp(Float.NaN, relu[0], relu[1]));
        assertEquals(0f, ActivationRange.clamp(-3f, relu[0], relu[1]));
        float[] relu6 = ActivationRange.floating(Activation.RELU6);
        new FullyConnectedFloat(new float[] {10f}, 0, out, 0, new float[] {1f}, null, 1, 1, 1, relu6[0],
                relu6[1]).invoke();
        assertEquals(6f, out[0]);
        // no fused multiply-add: 0.1f·0.1f rounds before the addition
        float a = 0.1f;
        new FullyConnectedFloat(new float[] {a}, 0, out, 0, new float[] {a}, new float[] {-0.01f}, 1, 1, 1, r[0],
                r[1]).invoke();
        assertEquals(a * a + -0.01f, out[0]);
    }

    @Test
    void conv2dInt8SamePaddingSkipsOutsidePointsAndRequantizesPerChannel() {
        // 3x3 image 1..9 with zp 1 (so centered 0..8), 2x2 filter of ones, SAME: the window hangs over the right and
        // bottom edges, where only inside points count
        byte[] in = b(1, 2, 3, 4, 5, 6, 7, 8, 9);
        ConvGeometry g = new ConvGeometry(1, 3, 3, 1, 3, 3, 2, 2, 2, 1, 1, 1, 1,
                ConvGeometry.padding(1, 1, 3, 2, 3), ConvGeometry.padding(1, 1, 3, 2, 3));
        assertEquals(3, ConvGeometry.outSize(Padding.SAME, 3, 2, 1, 1));
        assertEquals(2, ConvGeometry.outSize(Padding.VALID, 3, 2, 1, 1));
        assertEquals(0, g.padH());
        byte[] filter = b(1, 1, 1, 1, 1, 1, 1, 1); // two output channels, [2][2][2][1]
        byte[] out = new byte[18];
        new Conv2DInt8(in, 0, out, 0, filter, 1, new int[] {0, 0}, new QuantizedMultiplier[] {ONE, HALF}, g, 1, 0,
                full(), false).invoke();
        // channel 0 sums of centered values: rows (0+1+3+4, 1+2+4+5, 2+5), (3+4+6+7, 4+5+7+8, 5+8), (6+7, 7+8, 8)
        int[] ch0 = {8, 12, 7, 20, 24, 13, 13, 15, 8};
        for (int i = 0; i < 9; i++) {
            assertEquals(ch0[i], out[2 * i], "channel 0 at " + i);
            // channel 1 halves, SRDHM rounding halves up: 7 -> 4, 13 -> 7
            assertEquals((ch0[i] + 1) / 2, out[2 * i + 1], "channel 1 at " + i);
        }
    }

    @Test
    void conv2dInt16WithWideAndNarrowBias() {
        // 1x1 conv over 2 channels: 1000·3 + (-2000)·2 = -1000, bias 100 -> -900, then x0.5 = -450
        short[] in = {1000, -2000};
        short[] out = new short[1];
        ConvGeometry g = new ConvGeometry(1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        new Conv2DInt16(in, 0, out, 0, b(3, 2), 2, new long[] {100}, true, new QuantizedMultiplier[] {HALF}, g,
                new ActivationRange(-32768, 32767), false).invoke();
        assertEquals(-450, out[0]);
        new Conv2DInt16(in, 0, out, 0, b(3, 2), 2, new long[] {100}, false, new QuantizedMultiplier[] {HALF}, g,
                new ActivationRange(-32768, 32767), false).invoke();
        assertEquals(-450, out[0]);
        // saturation at the int16 range: 32767 · 127 · 2 channels
        new Conv2DInt16(new short[] {32767, 32767}, 0, out, 0, b(127, 127), 2, null, true,
                new QuantizedMultiplier[] {ONE}, g, new ActivationRange(-32768, 32767), false).invoke();
        assertEquals(32767, out[0]);
    }

    @Test
    void depthwiseInt8WithDepthMultiplierAndSaturation() {
        // 2x2 image, 2 channels: ch0 = 1,2,3,4 ; ch1 = 10,20,30,40 ; depth multiplier 2 -> 4 outputs, VALID
        byte[] in = b(1, 10, 2, 20, 3, 30, 4, 40);
        // filter [1][2][2][4]: oc0 ones, oc1 (1,0,0,-1), oc2 ones, oc3 (0,1,0,0)
        byte[] filter = b(1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, -1, 1, 0);
        ConvGeometry g = new ConvGeometry(1, 2, 2, 2, 1, 1, 4, 2, 2, 1, 1, 1, 1, 0, 0);
        byte[] out = new byte[4];
        QuantizedMultiplier[] m = {ONE, ONE, ONE, ONE};
        new DepthwiseConv2DInt8(in, 0, out, 0, filter, new int[] {0, 0, 50, 0}, m, g, 2, 0, 0, full(), false)
                .invoke();
        // oc0 = 10 ; oc1 = 1 - 4 = -3 ; oc2 = 100 + 50 -> 127 (saturated) ; oc3 = 20
        assertArrayEquals(b(10, -3, 127, 20), out);
    }

    @Test
    void averagePoolRoundsHalvesAwayFromZeroAndMaxPoolClamps() {
        ConvGeometry g = new ConvGeometry(1, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 0, 0);
        byte[] out = new byte[1];
        new Pool2DInt8(b(-1, -2, -3, 0), 0, out, 0, g, true, full()).invoke();
        assertEquals(-2, out[0]); // -1.5
        new Pool2DInt8(b(1, 2, 3, 0), 0, out, 0, g, true, full()).invoke();
        assertEquals(2, out[0]); // 1.5
        new Pool2DInt8(b(1, 0, 0, 0), 0, out, 0, g, true, full()).invoke();
        assertEquals(0, out[0]); // 0.25
        new Pool2DInt8(b(-5, -7, -128, -6), 0, out, 0, g, false, full()).invoke();
        assertEquals(-5, out[0]);
        new Pool2DInt8(b(-5, -7, -128, -6), 0, out, 0, g, false, new ActivationRange(0, 127)).invoke();
        assertEquals(0, out[0]);
        // SAME 3x3 window on a 2x2 image: clipped to the 4 inside points
        ConvGeometry same = new ConvGeometry(1, 2, 2, 1, 1, 1, 1, 3, 3, 2, 2, 1, 1, 0, 0);
        new Pool2DInt8(b(4, 4, 4, 5), 0, out, 0, same, true, full()).invoke();
        assertEquals(4, out[0]); // 17 / 4 = 4.25
        float[] fo = new float[1];
        new Pool2DFloat(new float[] {1f, 2f, 3f, 5f}, 0, fo, 0, g, true, -Float.MAX_VALUE, Float.MAX_VALUE).invoke();
        assertEquals(2.75f, fo[0]);
        new Pool2DFloat(new float[] {1f, 2f, 3f, 5f}, 0, fo, 0, g, false, -Float.MAX_VALUE, 4f).invoke();
        assertEquals(4f, fo[0]);
    }

    @Test
    void quantizeAndDequantize() {
        float[] x = {0.25f, -0.25f, 100f, -100f, 0.74f};
        byte[] q = new byte[5];
        QuantizeFloat.toInt8(x, 0, q, 0, 5, 0.5f, -10).invoke();
        // 0.5 -> 1 ; -0.5 -> -1 (half away from zero) ; saturation ; 1.48 -> 1
        assertArrayEquals(b(-9, -11, 127, -128, -9), q);
        short[] s = new short[1];
        QuantizeFloat.toInt16(new float[] {1e9f}, 0, s, 0, 1, 1f, 0).invoke();
        assertEquals(32767, s[0]);
        float[] y = new float[2];
        new Dequantize(b(-9, 127), 0, y, 0, 2, 0.5f, -10).invoke();
        assertArrayEquals(new float[] {0.5f, 68.5f}, y);
        // one rounding from the double product: 0.1f · 3 in double, then to float
        new Dequantize(b(3), 0, y, 0, 1, 0.1f, 0).invoke();
        assertEquals((float) (3 * (double) 0.1f), y[0]);
        byte[] rq = new byte[2];
        new Requantize(b(10, -11), 0, rq, 0, 2, 0, 0, HALF, false).invoke();
        assertArrayEquals(b(5, -5), rq); // 5 ; -5.5 -> -5 (SRDHM rounds halves up)
    }
}

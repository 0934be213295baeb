package io.github.cai4j.inference.kernels;

/**
 * int8 FULLY_CONNECTED (TFLM {@code reference_integer_ops::FullyConnected}, per-tensor or per-channel). The zero-point
 * terms are folded at load: {@code Σ (w−zw)(x−zx) + b = Σ (w−zw)·x + (b − zx·Σ(w−zw))}, identical in wrapping int32
 * arithmetic.
 */
public final class FullyConnectedInt8 implements Kernel {
    private final byte[] in;
    private final int inOff;
    private final byte[] out;
    private final int outOff;
    private final int[] weights; // w - zw, [outDepth][accumDepth]
    private final int[] foldedBias; // per output channel
    private final int[] multiplier;
    private final int[] shift;
    private final int batches;
    private final int outDepth;
    private final int accumDepth;
    private final int outZeroPoint;
    private final int actMin;
    private final int actMax;
    private final boolean singleRounding;
    private final int[] row;

    /**
     * @param weights int8 filter [outDepth][accumDepth]
     * @param weightZeroPoint filter zero point (0 for per-channel)
     * @param bias int32 bias per output channel, or {@code null}
     * @param multipliers one per output channel, or a single one for per-tensor
     */
    public FullyConnectedInt8(byte[] in, int inOff, byte[] out, int outOff, byte[] weights, int weightZeroPoint,
                              int[] bias, int inZeroPoint, int outZeroPoint, QuantizedMultiplier[] multipliers,
                              int batches, int outDepth, int accumDepth, ActivationRange range,
                              boolean singleRounding) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.batches = batches;
        this.outDepth = outDepth;
        this.accumDepth = accumDepth;
        this.outZeroPoint = outZeroPoint;
        this.actMin = range.min();
        this.actMax = range.max();
        this.singleRounding = singleRounding;
        this.row = new int[accumDepth];
        this.weights = new int[outDepth * accumDepth];
        this.foldedBias = new int[outDepth];
        this.multiplier = new int[outDepth];
        this.shift = new int[outDepth];
        for (int o = 0; o < outDepth; o++) {
            int sum = 0;
            for (int d = 0; d < accumDepth; d++) {
                int w = weights[o * accumDepth + d] - weightZeroPoint;
                this.weights[o * accumDepth + d] = w;
                sum += w;
            }
            int b = bias == null ? 0 : bias[o];
            foldedBias[o] = b - inZeroPoint * sum;
            QuantizedMultiplier m = multipliers[multipliers.length == 1 ? 0 : o];
            multiplier[o] = m.multiplier();
            shift[o] = m.shift();
        }
    }

    @Override
    public void invoke() {
        final int depth = accumDepth;
        final int[] x = row;
        for (int b = 0; b < batches; b++) {
            int xBase = inOff + b * depth;
            int yBase = outOff + b * outDepth;
            // widen the input row once, so the dot products run over two int arrays
            for (int d = 0; d < depth; d++) {
                x[d] = in[xBase + d];
            }
            int o = 0;
            // Four output channels per pass over the input row: fewer loop iterations and four independent
            // accumulators (integer sums, so the order does not change the result).
            for (; o + 4 <= outDepth; o += 4) {
                int a0 = foldedBias[o];
                int a1 = foldedBias[o + 1];
                int a2 = foldedBias[o + 2];
                int a3 = foldedBias[o + 3];
                int w0 = o * depth;
                int w1 = w0 + depth;
                int w2 = w1 + depth;
                int w3 = w2 + depth;
                for (int d = 0; d < depth; d++) {
                    int xd = x[d];
                    a0 += weights[w0 + d] * xd;
                    a1 += weights[w1 + d] * xd;
                    a2 += weights[w2 + d] * xd;
                    a3 += weights[w3 + d] * xd;
                }
                out[yBase + o] = requantize(a0, o);
                out[yBase + o + 1] = requantize(a1, o + 1);
                out[yBase + o + 2] = requantize(a2, o + 2);
                out[yBase + o + 3] = requantize(a3, o + 3);
            }
            for (; o < outDepth; o++) {
                int acc = foldedBias[o];
                int wBase = o * depth;
                for (int d = 0; d < depth; d++) {
                    acc += weights[wBase + d] * x[d];
                }
                out[yBase + o] = requantize(acc, o);
            }
        }
    }

    private byte requantize(int acc, int o) {
        int v = QuantizedMath.multiply(acc, multiplier[o], shift[o], singleRounding) + outZeroPoint;
        return (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
    }
}

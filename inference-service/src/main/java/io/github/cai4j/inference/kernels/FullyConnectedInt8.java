package io.github.cai4j.inference.kernels;

/**
 * int8 FULLY_CONNECTED (TFLM {@code reference_integer_ops::FullyConnected}, per-tensor or per-channel). The zero-point
 * terms are folded at load: {@code Σ (w−zw)(x−zx) + b = Σ (w−zw)·x + (b − zx·Σ(w−zw))}, identical in wrapping int32
 * arithmetic.
 *
 * <p>Outputs are computed eight at a time: the eight sums advance together over the input (weights stored
 * {@code [block][d][8]}), so each input is loaded once per block and the sums stay in registers. The sums are taken in
 * {@code double}: every product has magnitude at most 255·128, so with fewer than 2^31 inputs and an int32 bias every
 * partial sum is an integer below 2^47, exact in a double, and the final {@code (int) (long)} conversion reduces the
 * exact sum modulo 2^32, which is what wrapping int32 accumulation gives. (On x86 this measured about 1.6× faster
 * than the same loop in int; see benchmarks/README.md.) Outputs beyond the last full block take one int dot product
 * each.
 */
public final class FullyConnectedInt8 implements Kernel {
    static final int BLOCK = 8;

    private final byte[] in;
    private final int inOff;
    private final byte[] out;
    private final int outOff;
    private final int batches;
    private final int outDepth;
    private final int accumDepth;
    private final int blocked; // outputs covered by full blocks
    private final double[] blockWeights; // (w - zw) as [block][d][8]
    private final int[] rowWeights; // (w - zw) as [o][d] for o >= blocked
    private final int[] foldedBias; // per output channel
    private final Int8OutputStage stage;
    private final double[] x;
    private final int[] acc;

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
        this.blocked = outDepth - outDepth % BLOCK;
        this.blockWeights = new double[blocked * accumDepth];
        this.rowWeights = new int[(outDepth - blocked) * accumDepth];
        this.foldedBias = new int[outDepth];
        this.stage = new Int8OutputStage(multipliers, outDepth, outZeroPoint, range, singleRounding);
        this.x = new double[accumDepth];
        this.acc = new int[outDepth];
        for (int o = 0; o < outDepth; o++) {
            int sum = 0;
            for (int d = 0; d < accumDepth; d++) {
                int w = weights[o * accumDepth + d] - weightZeroPoint;
                if (o < blocked) {
                    blockWeights[((o / BLOCK) * accumDepth + d) * BLOCK + o % BLOCK] = w;
                } else {
                    rowWeights[(o - blocked) * accumDepth + d] = w;
                }
                sum += w;
            }
            int b = bias == null ? 0 : bias[o];
            foldedBias[o] = b - inZeroPoint * sum;
        }
    }

    @Override
    public void invoke() {
        final int depth = accumDepth;
        final int[] a = acc;
        for (int b = 0; b < batches; b++) {
            int xBase = inOff + b * depth;
            if (blocked > 0) {
                final double[] xs = x;
                for (int d = 0; d < depth; d++) {
                    xs[d] = in[xBase + d];
                }
                blocks(xs, a);
            }
            for (int o = blocked; o < outDepth; o++) {
                int s = foldedBias[o];
                int w = (o - blocked) * depth;
                for (int d = 0; d < depth; d++) {
                    s += rowWeights[w + d] * in[xBase + d];
                }
                a[o] = s;
            }
            stage.requantize(a, outDepth, out, outOff + b * outDepth);
        }
    }

    private void blocks(double[] xs, int[] a) {
        final double[] w = blockWeights;
        final int depth = accumDepth;
        for (int o = 0; o < blocked; o += BLOCK) {
            // the index is linear in d alone, so C2 can drop the array bounds checks from the loop
            final int base = o * depth;
            double s0 = foldedBias[o];
            double s1 = foldedBias[o + 1];
            double s2 = foldedBias[o + 2];
            double s3 = foldedBias[o + 3];
            double s4 = foldedBias[o + 4];
            double s5 = foldedBias[o + 5];
            double s6 = foldedBias[o + 6];
            double s7 = foldedBias[o + 7];
            for (int d = 0; d < depth; d++) {
                final int p = base + d * BLOCK;
                double v = xs[d];
                s0 += w[p] * v;
                s1 += w[p + 1] * v;
                s2 += w[p + 2] * v;
                s3 += w[p + 3] * v;
                s4 += w[p + 4] * v;
                s5 += w[p + 5] * v;
                s6 += w[p + 6] * v;
                s7 += w[p + 7] * v;
            }
            a[o] = (int) (long) s0;
            a[o + 1] = (int) (long) s1;
            a[o + 2] = (int) (long) s2;
            a[o + 3] = (int) (long) s3;
            a[o + 4] = (int) (long) s4;
            a[o + 5] = (int) (long) s5;
            a[o + 6] = (int) (long) s6;
            a[o + 7] = (int) (long) s7;
        }
    }
}

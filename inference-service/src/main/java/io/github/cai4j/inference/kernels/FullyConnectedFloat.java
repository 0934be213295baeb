package io.github.cai4j.inference.kernels;

/**
 * float32 FULLY_CONNECTED (TFLM {@code reference_ops::FullyConnected}): each output's sum starts at 0.0f and adds its
 * products in input order, each rounded to float (no fused multiply-add), then the bias (0.0f when there is none), then
 * the activation clamp.
 *
 * <p>Outputs are computed eight at a time: the eight sums advance together over the input (weights stored
 * {@code [block][d][8]}), so each input is loaded once per block and eight independent chains of additions overlap
 * in the CPU. Each chain is still one output's sum in TFLM's order, so the results are bit-identical. Outputs beyond
 * the last full block take one sum each.
 */
public final class FullyConnectedFloat implements Kernel {
    private static final int BLOCK = FullyConnectedInt8.BLOCK;

    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final float[] blockWeights; // [block][d][8]
    private final float[] rowWeights; // [o][d] for o >= blocked
    private final float[] bias;
    private final int batches;
    private final int outDepth;
    private final int accumDepth;
    private final int blocked;
    private final float lo;
    private final float hi;

    public FullyConnectedFloat(float[] in, int inOff, float[] out, int outOff, float[] weights, float[] bias,
                               int batches, int outDepth, int accumDepth, float lo, float hi) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.batches = batches;
        this.outDepth = outDepth;
        this.accumDepth = accumDepth;
        this.blocked = outDepth - outDepth % BLOCK;
        this.blockWeights = new float[blocked * accumDepth];
        this.rowWeights = new float[(outDepth - blocked) * accumDepth];
        for (int o = 0; o < outDepth; o++) {
            for (int d = 0; d < accumDepth; d++) {
                float w = weights[o * accumDepth + d];
                if (o < blocked) {
                    blockWeights[((o / BLOCK) * accumDepth + d) * BLOCK + o % BLOCK] = w;
                } else {
                    rowWeights[(o - blocked) * accumDepth + d] = w;
                }
            }
        }
        // without a bias TFLM still adds a bias value of 0.0f (which turns -0.0f into +0.0f), as a zero array does
        this.bias = bias == null ? new float[outDepth] : bias.clone();
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public void invoke() {
        for (int b = 0; b < batches; b++) {
            int xBase = inOff + b * accumDepth;
            int yBase = outOff + b * outDepth;
            if (blocked > 0) {
                blocks(xBase, yBase);
            }
            for (int o = blocked; o < outDepth; o++) {
                float total = 0.0f;
                int w = (o - blocked) * accumDepth;
                for (int d = 0; d < accumDepth; d++) {
                    total += in[xBase + d] * rowWeights[w + d];
                }
                out[yBase + o] = finish(total, o);
            }
        }
    }

    private void blocks(int xBase, int yBase) {
        final float[] w = blockWeights;
        final int depth = accumDepth;
        for (int o = 0; o < blocked; o += BLOCK) {
            // the index is linear in d alone, so C2 can drop the array bounds checks from the loop
            final int base = o * depth;
            float t0 = 0.0f;
            float t1 = 0.0f;
            float t2 = 0.0f;
            float t3 = 0.0f;
            float t4 = 0.0f;
            float t5 = 0.0f;
            float t6 = 0.0f;
            float t7 = 0.0f;
            for (int d = 0; d < depth; d++) {
                final int p = base + d * BLOCK;
                float v = in[xBase + d];
                t0 += v * w[p];
                t1 += v * w[p + 1];
                t2 += v * w[p + 2];
                t3 += v * w[p + 3];
                t4 += v * w[p + 4];
                t5 += v * w[p + 5];
                t6 += v * w[p + 6];
                t7 += v * w[p + 7];
            }
            out[yBase + o] = finish(t0, o);
            out[yBase + o + 1] = finish(t1, o + 1);
            out[yBase + o + 2] = finish(t2, o + 2);
            out[yBase + o + 3] = finish(t3, o + 3);
            out[yBase + o + 4] = finish(t4, o + 4);
            out[yBase + o + 5] = finish(t5, o + 5);
            out[yBase + o + 6] = finish(t6, o + 6);
            out[yBase + o + 7] = finish(t7, o + 7);
        }
    }

    private float finish(float total, int o) {
        return ActivationRange.clamp(total + bias[o], lo, hi);
    }
}

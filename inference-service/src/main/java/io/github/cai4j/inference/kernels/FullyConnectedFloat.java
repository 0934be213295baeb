package io.github.cai4j.inference.kernels;

/**
 * float32 FULLY_CONNECTED (TFLM {@code reference_ops::FullyConnected}): the sum starts at 0.0f and adds products in
 * order, each rounded to float (no fused multiply-add), then the bias, then the activation clamp.
 */
public final class FullyConnectedFloat implements Kernel {
    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final float[] weights;
    private final float[] bias;
    private final int batches;
    private final int outDepth;
    private final int accumDepth;
    private final float lo;
    private final float hi;

    public FullyConnectedFloat(float[] in, int inOff, float[] out, int outOff, float[] weights, float[] bias,
                               int batches, int outDepth, int accumDepth, float lo, float hi) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.weights = weights.clone();
        this.bias = bias == null ? null : bias.clone();
        this.batches = batches;
        this.outDepth = outDepth;
        this.accumDepth = accumDepth;
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public void invoke() {
        for (int b = 0; b < batches; b++) {
            int xBase = inOff + b * accumDepth;
            int yBase = outOff + b * outDepth;
            int o = 0;
            // Four output rows at a time: each row still sums from 0.0f in its own order (bit-exact with TFLM), but
            // the four independent chains of float additions overlap in the CPU instead of waiting on each other.
            for (; o + 4 <= outDepth; o += 4) {
                float t0 = 0.0f;
                float t1 = 0.0f;
                float t2 = 0.0f;
                float t3 = 0.0f;
                int w0 = o * accumDepth;
                int w1 = w0 + accumDepth;
                int w2 = w1 + accumDepth;
                int w3 = w2 + accumDepth;
                for (int d = 0; d < accumDepth; d++) {
                    float x = in[xBase + d];
                    t0 += x * weights[w0 + d];
                    t1 += x * weights[w1 + d];
                    t2 += x * weights[w2 + d];
                    t3 += x * weights[w3 + d];
                }
                out[yBase + o] = finish(t0, o);
                out[yBase + o + 1] = finish(t1, o + 1);
                out[yBase + o + 2] = finish(t2, o + 2);
                out[yBase + o + 3] = finish(t3, o + 3);
            }
            for (; o < outDepth; o++) {
                float total = 0.0f;
                int wBase = o * accumDepth;
                for (int d = 0; d < accumDepth; d++) {
                    total += in[xBase + d] * weights[wBase + d];
                }
                out[yBase + o] = finish(total, o);
            }
        }
    }

    private float finish(float total, int o) {
        float biasValue = bias == null ? 0.0f : bias[o];
        return ActivationRange.clamp(total + biasValue, lo, hi);
    }
}

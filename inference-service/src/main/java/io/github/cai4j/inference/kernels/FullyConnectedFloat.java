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
            for (int o = 0; o < outDepth; o++) {
                float total = 0.0f;
                int wBase = o * accumDepth;
                for (int d = 0; d < accumDepth; d++) {
                    total += in[xBase + d] * weights[wBase + d];
                }
                float biasValue = bias == null ? 0.0f : bias[o];
                out[outOff + b * outDepth + o] = ActivationRange.clamp(total + biasValue, lo, hi);
            }
        }
    }
}

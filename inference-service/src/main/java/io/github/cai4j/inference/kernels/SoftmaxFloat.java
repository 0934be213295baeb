package io.github.cai4j.inference.kernels;

/**
 * float32 SOFTMAX (TFLM {@code reference_ops::Softmax}): {@code exp((x − max)·beta)} per element, summed in float, each
 * divided by the sum. {@code exp} is computed in double and rounded to float.
 */
public final class SoftmaxFloat implements Kernel {
    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final int outer;
    private final int depth;
    private final float beta;

    public SoftmaxFloat(float[] in, int inOff, float[] out, int outOff, int outer, int depth, float beta) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.outer = outer;
        this.depth = depth;
        this.beta = beta;
    }

    @Override
    public void invoke() {
        for (int i = 0; i < outer; i++) {
            int base = inOff + i * depth;
            int o = outOff + i * depth;
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < depth; c++) {
                float x = in[base + c];
                max = max < x ? x : max;
            }
            float sum = 0.0f;
            for (int c = 0; c < depth; c++) {
                float e = (float) Math.exp((in[base + c] - max) * beta);
                out[o + c] = e;
                sum += e;
            }
            for (int c = 0; c < depth; c++) {
                out[o + c] = out[o + c] / sum;
            }
        }
    }
}

package io.github.cai4j.inference.kernels;

/**
 * float32 LOGISTIC and TANH (TFLM {@code reference_ops::Logistic} with its cut-offs, and {@code std::tanh}); the
 * transcendental functions are computed in double and rounded to float.
 */
public final class ActivationFloat implements Kernel {
    private static final float CUTOFF_UPPER = 16.619047164916992188f;
    private static final float CUTOFF_LOWER = -9.0f;

    private final ActivationInt8.Function function;
    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final int count;

    public ActivationFloat(ActivationInt8.Function function, float[] in, int inOff, float[] out, int outOff,
                           int count) {
        this.function = function;
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.count = count;
    }

    /** Logistic of one value. */
    public static float logistic(float v) {
        if (v > CUTOFF_UPPER) {
            return 1.0f;
        }
        if (v < CUTOFF_LOWER) {
            return (float) Math.exp(v);
        }
        return 1.0f / (1.0f + (float) Math.exp(-v));
    }

    @Override
    public void invoke() {
        if (function == ActivationInt8.Function.LOGISTIC) {
            for (int i = 0; i < count; i++) {
                out[outOff + i] = logistic(in[inOff + i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[outOff + i] = (float) Math.tanh(in[inOff + i]);
            }
        }
    }
}

package io.github.cai4j.inference.tooling;

import java.util.Arrays;

/**
 * The float32 weights of the 1&rarr;16&rarr;16&rarr;1 sine network: {@code h1 = relu(W1 x + b1)},
 * {@code h2 = relu(W2 h1 + b2)}, {@code y = W3 h2 + b3}. Matrices are row-major {@code [out][in]}, the layout
 * of a TFLite FULLY_CONNECTED filter. Arrays are copied in and out.
 */
public final class SineNetwork {
    /** Hidden layer width. */
    public static final int HIDDEN = 16;

    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float b3;

    /**
     * @param w1 16 weights of layer 1 ({@code [16][1]})
     * @param b1 16 biases of layer 1
     * @param w2 256 weights of layer 2 ({@code [16][16]}, row = output)
     * @param b2 16 biases of layer 2
     * @param w3 16 weights of layer 3 ({@code [1][16]})
     * @param b3 the output bias
     */
    public SineNetwork(float[] w1, float[] b1, float[] w2, float[] b2, float[] w3, float b3) {
        this.w1 = check(w1, HIDDEN, "w1");
        this.b1 = check(b1, HIDDEN, "b1");
        this.w2 = check(w2, HIDDEN * HIDDEN, "w2");
        this.b2 = check(b2, HIDDEN, "b2");
        this.w3 = check(w3, HIDDEN, "w3");
        this.b3 = b3;
    }

    private static float[] check(float[] a, int n, String what) {
        if (a.length != n) {
            throw new IllegalArgumentException(what + " must have " + n + " elements, got " + a.length);
        }
        return a.clone();
    }

    public float[] w1() {
        return w1.clone();
    }

    public float[] b1() {
        return b1.clone();
    }

    public float[] w2() {
        return w2.clone();
    }

    public float[] b2() {
        return b2.clone();
    }

    public float[] w3() {
        return w3.clone();
    }

    public float b3() {
        return b3;
    }

    /**
     * The float forward pass with TFLM's float FULLY_CONNECTED order: each dot product summed from 0.0f in
     * input order (every step rounded to float32, no fused multiply-add), then the bias, then ReLU.
     */
    public float evaluate(float x) {
        float[] h1 = new float[HIDDEN];
        float[] h2 = new float[HIDDEN];
        return evaluate(x, h1, h2);
    }

    /** {@link #evaluate(float)} that also fills the two hidden activations. */
    float evaluate(float x, float[] h1, float[] h2) {
        for (int j = 0; j < HIDDEN; j++) {
            float t = 0.0f + x * w1[j];
            t = t + b1[j];
            h1[j] = t < 0.0f ? 0.0f : t;
        }
        for (int j = 0; j < HIDDEN; j++) {
            float t = 0.0f;
            for (int i = 0; i < HIDDEN; i++) {
                t = t + h1[i] * w2[j * HIDDEN + i];
            }
            t = t + b2[j];
            h2[j] = t < 0.0f ? 0.0f : t;
        }
        float y = 0.0f;
        for (int i = 0; i < HIDDEN; i++) {
            y = y + h2[i] * w3[i];
        }
        return y + b3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SineNetwork n && Arrays.equals(w1, n.w1) && Arrays.equals(b1, n.b1)
                && Arrays.equals(w2, n.w2) && Arrays.equals(b2, n.b2) && Arrays.equals(w3, n.w3)
                && Float.floatToIntBits(b3) == Float.floatToIntBits(n.b3);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(w1);
        h = 31 * h + Arrays.hashCode(b1);
        h = 31 * h + Arrays.hashCode(w2);
        h = 31 * h + Arrays.hashCode(b2);
        h = 31 * h + Arrays.hashCode(w3);
        return 31 * h + Float.floatToIntBits(b3);
    }

    @Override
    public String toString() {
        return "SineNetwork[1->16->16->1, b3=" + b3 + "]";
    }
}

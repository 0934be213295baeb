package io.github.cai4j.inference.tooling;

/**
 * The sine network after post-training int8 quantization: per-tensor symmetric int8 weights (zero point 0),
 * int32 biases with scale {@code s_in * s_w} (zero point 0), asymmetric int8 activations. Real values are
 * {@code scale * (q - zeroPoint)}. Arrays are copied in and out.
 *
 * @param inputScale   scale of the input tensor
 * @param inputZero    zero point of the input tensor
 * @param weightScales the three weight scales
 * @param actScales    scales of h1, h2 and the output
 * @param actZeros     zero points of h1, h2 and the output
 */
public record QuantizedSineNetwork(float inputScale, int inputZero, byte[] w1, int[] b1, byte[] w2, int[] b2,
                                   byte[] w3, int[] b3, float[] weightScales, float[] actScales,
                                   int[] actZeros) {

    public QuantizedSineNetwork {
        int h = SineNetwork.HIDDEN;
        require(w1.length == h && b1.length == h && w2.length == h * h && b2.length == h && w3.length == h
                && b3.length == 1 && weightScales.length == 3 && actScales.length == 3 && actZeros.length == 3);
        w1 = w1.clone();
        b1 = b1.clone();
        w2 = w2.clone();
        b2 = b2.clone();
        w3 = w3.clone();
        b3 = b3.clone();
        weightScales = weightScales.clone();
        actScales = actScales.clone();
        actZeros = actZeros.clone();
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("quantized sine network arrays have the wrong sizes");
        }
    }

    /** The bias scale of layer {@code layer} (0..2): the float32 product of its input and weight scales. */
    public float biasScale(int layer) {
        float in = layer == 0 ? inputScale : actScales[layer - 1];
        return in * weightScales[layer];
    }

    @Override
    public byte[] w1() {
        return w1.clone();
    }

    @Override
    public int[] b1() {
        return b1.clone();
    }

    @Override
    public byte[] w2() {
        return w2.clone();
    }

    @Override
    public int[] b2() {
        return b2.clone();
    }

    @Override
    public byte[] w3() {
        return w3.clone();
    }

    @Override
    public int[] b3() {
        return b3.clone();
    }

    @Override
    public float[] weightScales() {
        return weightScales.clone();
    }

    @Override
    public float[] actScales() {
        return actScales.clone();
    }

    @Override
    public int[] actZeros() {
        return actZeros.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedSineNetwork q && Float.compare(inputScale, q.inputScale) == 0
                && inputZero == q.inputZero
                && java.security.MessageDigest.isEqual(w1, q.w1) && java.security.MessageDigest.isEqual(w2, q.w2)
                && java.security.MessageDigest.isEqual(w3, q.w3)
                && java.util.Arrays.equals(b1, q.b1) && java.util.Arrays.equals(b2, q.b2)
                && java.util.Arrays.equals(b3, q.b3) && java.util.Arrays.equals(weightScales, q.weightScales)
                && java.util.Arrays.equals(actScales, q.actScales) && java.util.Arrays.equals(actZeros, q.actZeros);
    }

    @Override
    public int hashCode() {
        int h = Float.hashCode(inputScale) * 31 + inputZero;
        h = h * 31 + java.util.Arrays.hashCode(w1);
        h = h * 31 + java.util.Arrays.hashCode(w2);
        h = h * 31 + java.util.Arrays.hashCode(w3);
        h = h * 31 + java.util.Arrays.hashCode(b1);
        h = h * 31 + java.util.Arrays.hashCode(b2);
        return h * 31 + java.util.Arrays.hashCode(b3);
    }

    @Override
    public String toString() {
        return "QuantizedSineNetwork[in scale=" + inputScale + " zp=" + inputZero + ", out scale=" + actScales[2]
                + " zp=" + actZeros[2] + "]";
    }
}

package io.github.cai4j.inference.tooling;

/**
 * Post-training int8 quantization of the sine network in the style of the TFLite converter:
 * <ul>
 *   <li>weights: symmetric per-tensor, {@code scale = max|w| / 127}, {@code q = round(w / scale)} clamped to
 *       [-127, 127], zero point 0;</li>
 *   <li>biases: int32, {@code scale = s_in * s_w} (a float32 product, as TFLM recomputes it),
 *       {@code q = round(b / scale)}, zero point 0;</li>
 *   <li>activations (input, h1, h2, output): asymmetric over the range seen on the calibration inputs,
 *       widened to contain 0, {@code scale = (max - min) / 255}, zero point {@code -128 - min / scale} rounded
 *       and clamped to [-128, 127] (the converter's "nudged" zero point).</li>
 * </ul>
 * Rounding is half away from zero throughout, as {@code std::round}.
 */
public final class Int8Quantizer {
    private static final int H = SineNetwork.HIDDEN;
    private static final int QMIN = -128;
    private static final int QMAX = 127;
    private static final int CALIBRATION_POINTS = 1001;

    private Int8Quantizer() {
    }

    /** The default calibration inputs: 1001 evenly spaced points covering [0, 2&pi;] including both ends. */
    public static float[] defaultCalibration() {
        float[] xs = new float[CALIBRATION_POINTS];
        for (int i = 0; i < CALIBRATION_POINTS; i++) {
            xs[i] = (float) ((double) SineTrainer.X_RANGE * i / (CALIBRATION_POINTS - 1));
        }
        return xs;
    }

    /** Quantizes with {@link #defaultCalibration()}. */
    public static QuantizedSineNetwork quantize(SineNetwork net) {
        return quantize(net, defaultCalibration());
    }

    /** Quantizes, calibrating activation ranges on {@code calibration} (at least one input). */
    public static QuantizedSineNetwork quantize(SineNetwork net, float[] calibration) {
        if (calibration.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one input");
        }
        float[] min = new float[4];
        float[] max = new float[4];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] h1 = new float[H];
        float[] h2 = new float[H];
        for (float x : calibration) {
            float y = net.evaluate(x, h1, h2);
            track(min, max, 0, x);
            for (int j = 0; j < H; j++) {
                track(min, max, 1, h1[j]);
                track(min, max, 2, h2[j]);
            }
            track(min, max, 3, y);
        }
        float[] scales = new float[4];
        int[] zeros = new int[4];
        for (int t = 0; t < 4; t++) {
            double lo = Math.min(min[t], 0.0f);
            double hi = Math.max(max[t], 0.0f);
            if (hi == lo) {
                hi = lo + 1.0;
            }
            double scale = (hi - lo) / (QMAX - QMIN);
            double zpFromMin = QMIN - lo / scale;
            zeros[t] = zpFromMin <= QMIN ? QMIN : zpFromMin >= QMAX ? QMAX : (int) roundHalfAway(zpFromMin);
            scales[t] = (float) scale;
        }

        float[] ws = {symmetricScale(net.w1()), symmetricScale(net.w2()), symmetricScale(net.w3())};
        byte[] qw1 = quantizeWeights(net.w1(), ws[0]);
        byte[] qw2 = quantizeWeights(net.w2(), ws[1]);
        byte[] qw3 = quantizeWeights(net.w3(), ws[2]);
        int[] qb1 = quantizeBias(net.b1(), scales[0] * ws[0]);
        int[] qb2 = quantizeBias(net.b2(), scales[1] * ws[1]);
        int[] qb3 = quantizeBias(new float[] {net.b3()}, scales[2] * ws[2]);
        return new QuantizedSineNetwork(scales[0], zeros[0], qw1, qb1, qw2, qb2, qw3, qb3, ws,
                new float[] {scales[1], scales[2], scales[3]}, new int[] {zeros[1], zeros[2], zeros[3]});
    }

    private static void track(float[] min, float[] max, int t, float v) {
        if (v < min[t]) {
            min[t] = v;
        }
        if (v > max[t]) {
            max[t] = v;
        }
    }

    static float symmetricScale(float[] w) {
        float m = 0.0f;
        for (float v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m == 0.0f ? 1.0f : m / 127.0f;
    }

    static byte[] quantizeWeights(float[] w, float scale) {
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            long r = roundHalfAway((double) w[i] / scale);
            q[i] = (byte) Math.max(-127, Math.min(127, r));
        }
        return q;
    }

    static int[] quantizeBias(float[] b, float scale) {
        int[] q = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            long r = roundHalfAway((double) b[i] / scale);
            q[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r));
        }
        return q;
    }

    /** {@code std::round}: half away from zero. */
    static long roundHalfAway(double v) {
        double a = Math.abs(v);
        double r = Math.floor(a);
        if (a - r >= 0.5) {
            r += 1.0;
        }
        return (long) Math.copySign(r, v);
    }
}

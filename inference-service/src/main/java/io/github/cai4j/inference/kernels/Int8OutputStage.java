package io.github.cai4j.inference.kernels;

/**
 * The output stage of the int8 accumulating kernels: requantize an int32 accumulator with its channel's multiplier
 * ({@link QuantizedMath#multiplyDoubleRounding TFLM's double rounding} or single rounding), add the output zero point
 * and clamp to the activation range. Everything that depends only on the multiplier is computed once here, and
 * per-tensor quantization keeps its constants in registers for a whole row of outputs.
 *
 * <p>The double rounding is written without branches and without the saturation test of
 * {@link QuantizedMath#srdhm}: that test only fires for {@code MIN_VALUE × MIN_VALUE}, and quantized multipliers are
 * never negative. The nudge of SRDHM ({@code +2^30} for non-negative products, {@code 1 − 2^30} for negative ones,
 * then a truncating division by {@code 2^31}) is the same as {@code floor((p + 2^30) / 2^31)} for every 64-bit
 * product {@code p}, which is an arithmetic shift.
 */
final class Int8OutputStage {
    private final boolean singleRounding;
    private final boolean perTensor;
    private final int zeroPoint;
    private final int min;
    private final int max;
    private final long[] multiplier;
    /** double rounding: the left-shift factor; single rounding: unused. */
    private final int[] left;
    /** double rounding: the right shift; single rounding: the total shift {@code 31 − shift}. */
    private final int[] right;
    /** double rounding: {@code 2^right − 1}; single rounding: unused. */
    private final int[] mask;

    Int8OutputStage(QuantizedMultiplier[] multipliers, int channels, int zeroPoint, ActivationRange range,
                    boolean singleRounding) {
        this.singleRounding = singleRounding;
        this.zeroPoint = zeroPoint;
        this.min = range.min();
        this.max = range.max();
        int n = multipliers.length == 1 ? 1 : channels;
        this.perTensor = n == 1;
        this.multiplier = new long[n];
        this.left = new int[n];
        this.right = new int[n];
        this.mask = new int[n];
        for (int c = 0; c < n; c++) {
            QuantizedMultiplier m = multipliers[c];
            if (m.multiplier() < 0) {
                throw new IllegalArgumentException("negative quantized multiplier " + m.multiplier());
            }
            multiplier[c] = m.multiplier();
            if (singleRounding) {
                right[c] = 31 - m.shift();
            } else {
                left[c] = 1 << Math.max(m.shift(), 0);
                right[c] = Math.max(-m.shift(), 0);
                mask[c] = (int) ((1L << right[c]) - 1);
            }
        }
    }

    /** Requantizes {@code acc[0..n)} (channel = index) into {@code out[off..off+n)}. */
    void requantize(int[] acc, int n, byte[] out, int off) {
        if (!perTensor) {
            for (int o = 0; o < n; o++) {
                out[off + o] = requantize(acc[o], o);
            }
        } else if (singleRounding) {
            final long m = multiplier[0];
            final int shift = right[0];
            final long round = 1L << (shift - 1);
            for (int o = 0; o < n; o++) {
                int v = (int) ((acc[o] * m + round) >> shift) + zeroPoint;
                out[off + o] = (byte) Math.min(Math.max(v, min), max);
            }
        } else {
            final long m = multiplier[0];
            final int l = left[0];
            final int e = right[0];
            final int msk = mask[0];
            final int half = msk >> 1;
            for (int o = 0; o < n; o++) {
                int s = (int) (((acc[o] * l) * m + (1L << 30)) >> 31);
                int v = (s >> e) + ((half + (s >>> 31) - (s & msk)) >>> 31) + zeroPoint;
                out[off + o] = (byte) Math.min(Math.max(v, min), max);
            }
        }
    }

    /** Requantizes one accumulator of channel {@code c}. */
    byte requantize(int acc, int c) {
        int k = perTensor ? 0 : c;
        int v;
        if (singleRounding) {
            int shift = right[k];
            v = (int) ((acc * multiplier[k] + (1L << (shift - 1))) >> shift);
        } else {
            int s = (int) (((acc * left[k]) * multiplier[k] + (1L << 30)) >> 31);
            int msk = mask[k];
            v = (s >> right[k]) + (((msk >> 1) + (s >>> 31) - (s & msk)) >>> 31);
        }
        v += zeroPoint;
        return (byte) Math.min(Math.max(v, min), max);
    }
}

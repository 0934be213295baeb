package io.github.cai4j.inference.kernels;

/**
 * The fixed-point primitives of TFLite's reference kernels (gemmlowp semantics), bit for bit: saturating rounding
 * doubling high multiply, rounding division by a power of two, and the two requantization variants (TFLM's default
 * double rounding, and the single rounding of TensorFlow Lite's optimized kernels).
 */
public final class QuantizedMath {
    private QuantizedMath() {
    }

    /**
     * gemmlowp {@code SaturatingRoundingDoublingHighMul}. Branch-free apart from the one overflow case: the sign of
     * the product chooses the nudge through a mask, because the signs of accumulators are unpredictable and a
     * mispredicted branch per output costs more than the arithmetic.
     */
    public static int srdhm(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * b;
        // nudge: 2^30 for ab >= 0, 1 - 2^30 for ab < 0, i.e. 2^30 - (2^31 - 1) when the sign mask is set
        long v = ab + ((1L << 30) - ((ab >> 63) & 0x7FFF_FFFFL));
        // C's truncating division by 2^31, as a shift: add 2^31 - 1 to negative values first
        return (int) ((v + ((v >> 63) & 0x7FFF_FFFFL)) >> 31);
    }

    /**
     * gemmlowp {@code RoundingDivideByPOT}: divides by 2^e (0 ≤ e ≤ 31) rounding half away from zero. Branch-free:
     * {@code rem > threshold} is read from the sign of {@code threshold - rem}, both being in [0, 2^31).
     */
    public static int roundingDivideByPot(int x, int e) {
        int mask = (int) ((1L << e) - 1);
        int rem = x & mask;
        int threshold = (mask >> 1) + (x >>> 31);
        return (x >> e) + ((threshold - rem) >>> 31);
    }

    /** gemmlowp {@code RoundingDivideByPOT} on 64-bit values. */
    public static long roundingDivideByPot(long x, int e) {
        long mask = (1L << e) - 1;
        long rem = x & mask;
        long threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> e) + (rem > threshold ? 1 : 0);
    }

    /** TFLM's {@code MultiplyByQuantizedMultiplier} (double rounding, the default build). */
    public static int multiplyDoubleRounding(int x, int multiplier, int shift) {
        int left = shift > 0 ? shift : 0;
        int right = shift > 0 ? 0 : -shift;
        return roundingDivideByPot(srdhm(x * (1 << left), multiplier), right);
    }

    /** {@code MultiplyByQuantizedMultiplier} of a {@code TFLITE_SINGLE_ROUNDING} build (what ruy computes). */
    public static int multiplySingleRounding(int x, int multiplier, int shift) {
        int totalShift = 31 - shift;
        long round = 1L << (totalShift - 1);
        long r = ((long) x * multiplier + round) >> totalShift;
        return (int) r;
    }

    /** Requantizes {@code x} with the chosen rounding. */
    public static int multiply(int x, int multiplier, int shift, boolean singleRounding) {
        return singleRounding ? multiplySingleRounding(x, multiplier, shift)
                : multiplyDoubleRounding(x, multiplier, shift);
    }

    /**
     * The 64-bit {@code MultiplyByQuantizedMultiplier} overload (int16 activations with int64 bias): the multiplier is
     * reduced to 16 bits and a single rounding shift is applied.
     */
    public static int multiply64(long x, int multiplier, int shift) {
        int reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
        int totalShift = 15 - shift;
        long round = 1L << (totalShift - 1);
        return (int) ((x * reduced + round) >> totalShift);
    }

    /** {@code MultiplyByQuantizedMultiplierSmallerThanOneExp} (ADD): shift is ≤ 0. */
    public static int multiplySmallerThanOne(int x, int multiplier, int shift, boolean singleRounding) {
        if (singleRounding) {
            return multiplySingleRounding(x, multiplier, shift);
        }
        return roundingDivideByPot(srdhm(x, multiplier), -shift);
    }

    /** {@code MultiplyByQuantizedMultiplierGreaterThanOne} (softmax input scaling): shift is ≥ 0. */
    public static int multiplyGreaterThanOne(int x, int multiplier, int leftShift, boolean singleRounding) {
        if (singleRounding) {
            return multiplySingleRounding(x, multiplier, leftShift);
        }
        return srdhm(x * (1 << leftShift), multiplier);
    }

    /** C's {@code roundf}: rounds half away from zero, in float. */
    public static float roundf(float x) {
        float a = Math.abs(x);
        if (!(a < 8388608f)) {
            return x; // already integral, infinite or NaN
        }
        return Math.copySign((float) Math.floor(a + 0.5), x);
    }

    /** C's {@code round} on doubles: rounds half away from zero. */
    public static double round(double x) {
        double a = Math.abs(x);
        if (!(a < 4503599627370496.0)) {
            return x;
        }
        double f = Math.floor(a);
        return Math.copySign(a - f >= 0.5 ? f + 1 : f, x);
    }

    /** TFLite's {@code Quantize(scale, zp, f)} helper: {@code zp + (int) roundf(f / scale)}. */
    public static int quantize(float scale, int zeroPoint, float f) {
        return zeroPoint + (int) roundf(f / scale);
    }

    /** Saturates to [lo, hi]. */
    public static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}

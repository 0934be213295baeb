package io.github.cai4j.inference.kernels;

/**
 * A real multiplier as a Q31 fixed-point {@code multiplier} in [2^30, 2^31) (or 0) and a power-of-two {@code shift}
 * (negative means a right shift): {@code real ≈ multiplier · 2^(shift − 31)}.
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /** TFLite's {@code QuantizeMultiplier} (frexp, round half away from zero, 2^31 carried into the exponent). */
    public static QuantizedMultiplier of(double real, boolean singleRounding) {
        if (real == 0.0 || Double.isNaN(real) || Double.isInfinite(real)) {
            return new QuantizedMultiplier(0, 0);
        }
        double abs = Math.abs(real);
        int e = Math.getExponent(abs) + 1;
        double q = Math.scalb(abs, -e);
        long qf = (long) Math.floor(q * 2147483648.0 + 0.5);
        if (real < 0) {
            qf = -qf;
        }
        if (Math.abs(qf) == 1L << 31) {
            qf /= 2;
            e++;
        }
        if (e < -31) {
            e = 0;
            qf = 0;
        }
        if (singleRounding && e > 30) {
            e = 30;
            qf = (1L << 31) - 1;
        }
        return new QuantizedMultiplier((int) qf, e);
    }
}

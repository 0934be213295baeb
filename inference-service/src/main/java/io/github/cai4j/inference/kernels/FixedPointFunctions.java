package io.github.cai4j.inference.kernels;

/**
 * gemmlowp's fixed-point transcendental functions on raw int32 values, bit for bit. A value with {@code k} integer
 * bits has {@code 31 − k} fractional bits. Additions wrap as in int32; products of two fixed-point values are
 * {@link QuantizedMath#srdhm}.
 */
public final class FixedPointFunctions {
    private FixedPointFunctions() {
    }

    /** {@code SaturatingRoundingMultiplyByPOT<exponent>}: a saturating left shift, or a rounding right shift. */
    public static int saturatingRoundingMultiplyByPot(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        if (exponent < 0) {
            return QuantizedMath.roundingDivideByPot(x, -exponent);
        }
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << exponent;
    }

    /** {@code Rescale<dstIntegerBits>} of a value with {@code srcIntegerBits}. */
    public static int rescale(int raw, int srcIntegerBits, int dstIntegerBits) {
        return saturatingRoundingMultiplyByPot(raw, srcIntegerBits - dstIntegerBits);
    }

    /** {@code exp_on_interval_between_negative_one_quarter_and_0_excl} on a Q0.31 value. */
    static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = 1895147668; // exp(-1/8)
        final int constantOneOver3 = 715827883;
        int x = a + (1 << 28); // + 1/8
        int x2 = QuantizedMath.srdhm(x, x);
        int x3 = QuantizedMath.srdhm(x2, x);
        int x4 = QuantizedMath.srdhm(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPot(x4, -2);
        int poly = saturatingRoundingMultiplyByPot(QuantizedMath.srdhm(x4Over4 + x3, constantOneOver3) + x2, -1);
        return constantTerm + QuantizedMath.srdhm(constantTerm, x + poly);
    }

    /** {@code exp_on_negative_values}: e^a for a ≤ 0 with {@code integerBits}, result in Q0.31. */
    public static int expOnNegativeValues(int a, int integerBits) {
        final int fractionalBits = 31 - integerBits;
        final int oneQuarter = 1 << (fractionalBits - 2);
        final int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(rescale(aModQuarterMinusOneQuarter, integerBits,
                0));
        int remainder = aModQuarterMinusOneQuarter - a;
        final int[] multipliers = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
        for (int k = 0; k < multipliers.length; k++) {
            int exponent = k - 2;
            if (integerBits > exponent) {
                int shiftAmount = fractionalBits + exponent;
                if ((remainder & (1 << shiftAmount)) != 0) {
                    result = QuantizedMath.srdhm(result, multipliers[k]);
                }
            }
        }
        if (integerBits > 5) {
            int clamp = -(1 << (36 - integerBits)); // -32.0
            if (a < clamp) {
                result = 0;
            }
        }
        if (a == 0) {
            result = Integer.MAX_VALUE;
        }
        return result;
    }

    /** {@code one_over_one_plus_x_for_x_in_0_1} on Q0.31. */
    public static int oneOverOnePlusXForXIn01(int a) {
        int halfDenominator = roundingHalfSum(a, Integer.MAX_VALUE);
        int x = newtonRaphsonReciprocal(halfDenominator);
        return rescale(x, 1, 0); // ExactMulByPot<-1> keeps the raw value with one integer bit less
    }

    /** {@code one_minus_x_over_one_plus_x_for_x_in_0_1} on Q0.31. */
    public static int oneMinusXOverOnePlusXForXIn01(int a) {
        int halfDenominator = roundingHalfSum(a, Integer.MAX_VALUE);
        int x = newtonRaphsonReciprocal(halfDenominator);
        return rescale(x - (1 << 29), 2, 0);
    }

    /** Newton-Raphson division shared by the two functions above; the result has 2 integer bits. */
    private static int newtonRaphsonReciprocal(int halfDenominator) {
        final int constant48Over17 = 1515870810;
        final int constantNeg32Over17 = -1010580540;
        final int oneF2 = 1 << 29;
        int x = constant48Over17 + QuantizedMath.srdhm(halfDenominator, constantNeg32Over17);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = QuantizedMath.srdhm(halfDenominator, x);
            int oneMinus = oneF2 - halfDenominatorTimesX;
            x = x + rescale(QuantizedMath.srdhm(x, oneMinus), 4, 2);
        }
        return x;
    }

    /** gemmlowp {@code RoundingHalfSum} for int32. */
    public static int roundingHalfSum(int a, int b) {
        long sum = (long) a + b;
        long sign = sum >= 0 ? 1 : -1;
        return (int) ((sum + sign) / 2);
    }

    /** gemmlowp {@code logistic} of a value with {@code integerBits}; result in Q0.31. */
    public static int logistic(int a, int integerBits) {
        if (a == 0) {
            return 1 << 30;
        }
        int abs = a > 0 ? a : -a;
        int positive = oneOverOnePlusXForXIn01(expOnNegativeValues(-abs, integerBits));
        return a > 0 ? positive : Integer.MAX_VALUE - positive;
    }

    /** gemmlowp {@code tanh} of a value with {@code integerBits}; result in Q0.31. */
    public static int tanh(int a, int integerBits) {
        if (a == 0) {
            return 0;
        }
        int n = a < 0 ? a : -a;
        // ExactMulByPot<1>: same raw value, one more integer bit
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, integerBits + 1));
        return a < 0 ? -t : t;
    }

    /** TFLite's {@code GetReciprocal}: returns the Q0.31 reciprocal scale and the number of bits over unit. */
    public static int reciprocal(int x, int xIntegerBits, int[] numBitsOverUnit) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        numBitsOverUnit[0] = xIntegerBits - headroomPlusOne;
        int shiftedSumMinusOne = (x << headroomPlusOne) - (1 << 31);
        return oneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }
}

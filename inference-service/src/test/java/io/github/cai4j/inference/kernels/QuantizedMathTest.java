package io.github.cai4j.inference.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizedMathTest {
    private static final java.math.BigDecimal HALF = new java.math.BigDecimal("0.5");

    @Test
    void saturatingRoundingDoublingHighMul() {
        assertEquals(Integer.MAX_VALUE, QuantizedMath.srdhm(Integer.MIN_VALUE, Integer.MIN_VALUE));
        // 2^30 * 2^30 / 2^31 = 2^29 exactly
        assertEquals(1 << 29, QuantizedMath.srdhm(1 << 30, 1 << 30));
        // 3 * 0.5 = 1.5 -> 2 ; -3 * 0.5 = -1.5 -> -1 (the nudge rounds halves upwards)
        assertEquals(2, QuantizedMath.srdhm(3, 1 << 30));
        assertEquals(-1, QuantizedMath.srdhm(-3, 1 << 30));
        // -5 * 0.5 = -2.5 -> -2
        assertEquals(-2, QuantizedMath.srdhm(-5, 1 << 30));
    }

    @Test
    void roundingDivideByPowerOfTwoRoundsHalvesAwayFromZero() {
        assertEquals(2, QuantizedMath.roundingDivideByPot(3, 1)); // 1.5
        assertEquals(-2, QuantizedMath.roundingDivideByPot(-3, 1)); // -1.5
        assertEquals(-1, QuantizedMath.roundingDivideByPot(-5, 2)); // -1.25
        assertEquals(-2, QuantizedMath.roundingDivideByPot(-7, 2)); // -1.75
        assertEquals(7, QuantizedMath.roundingDivideByPot(7, 0));
        assertEquals(-2L, QuantizedMath.roundingDivideByPot(-3L, 1));
    }

    @Test
    void doubleAndSingleRoundingDifferOnANegativeHalf() {
        // acc = -6, real multiplier 0.25 (M = 2^30, shift -1): exactly -1.5
        // double rounding: SRDHM(-6, 2^30) = -3 (-3.0 exactly), then -3 / 2 rounded away from zero = -2
        assertEquals(-2, QuantizedMath.multiplyDoubleRounding(-6, 1 << 30, -1));
        // single rounding adds 2^31 to -6·2^30 and shifts by 32: floor(-1.0) = -1
        assertEquals(-1, QuantizedMath.multiplySingleRounding(-6, 1 << 30, -1));
        // positive halves agree: 6 * 0.25 = 1.5 -> 2
        assertEquals(2, QuantizedMath.multiplyDoubleRounding(6, 1 << 30, -1));
        assertEquals(2, QuantizedMath.multiplySingleRounding(6, 1 << 30, -1));
        // left shifts: 5 * (2^30 / 2^31) * 2^3 = 20
        assertEquals(20, QuantizedMath.multiplyDoubleRounding(5, 1 << 30, 3));
        assertEquals(20, QuantizedMath.multiplySingleRounding(5, 1 << 30, 3));
    }

    /** Both variants against exact rational arithmetic on random values. */
    @Test
    void requantizationAgainstExactArithmetic() {
        SplittableRandom r = new SplittableRandom(7);
        int checked = 0;
        for (int i = 0; i < 5000; i++) {
            int x = r.nextInt(-(1 << 24), 1 << 24);
            int m = r.nextInt(1 << 30, Integer.MAX_VALUE);
            int shift = r.nextInt(-20, 2);
            BigInteger prod = BigInteger.valueOf(x).multiply(BigInteger.valueOf(m));
            // single: round half up of x·M / 2^(31 - shift)
            java.math.BigDecimal exact = new java.math.BigDecimal(prod).divide(
                    java.math.BigDecimal.valueOf(2).pow(31 - shift));
            long single = exact.add(HALF).setScale(0, RoundingMode.FLOOR).longValueExact();
            assertEquals(single, QuantizedMath.multiplySingleRounding(x, m, shift), "single " + x + " " + m);
            if (shift <= 0) {
                // double: round half up of x·M / 2^31 first (ties cannot occur below 2^31), then half away from zero
                java.math.BigDecimal first = new java.math.BigDecimal(prod).divide(
                        java.math.BigDecimal.valueOf(2).pow(31));
                long high = first.add(HALF).setScale(0, RoundingMode.FLOOR).longValueExact();
                long dbl = java.math.BigDecimal.valueOf(high).divide(java.math.BigDecimal.valueOf(2).pow(-shift))
                        .setScale(0, RoundingMode.HALF_UP).longValueExact();
                assertEquals(dbl, QuantizedMath.multiplyDoubleRounding(x, m, shift), "double " + x + " " + m);
            }
            checked++;
        }
        assertEquals(5000, checked);
    }

    /** gemmlowp's SaturatingRoundingDoublingHighMul written as in its source, with branches. */
    private static int srdhmReference(int a, int b) {
        boolean overflow = a == b && a == Integer.MIN_VALUE;
        long ab = (long) a * b;
        int nudge = ab >= 0 ? 1 << 30 : 1 - (1 << 30);
        long q = (ab + nudge) / (1L << 31); // C's truncating division
        return overflow ? Integer.MAX_VALUE : (int) q;
    }

    /** gemmlowp's RoundingDivideByPOT written as in its source. */
    private static int rdbpReference(int x, int exponent) {
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /** The branch-free primitives against the branching formulation, on edges and two million random inputs. */
    @Test
    void branchFreePrimitivesMatchTheBranchingFormulation() {
        int[] edges = {0, 1, -1, 2, -2, 3, -3, 1 << 30, -(1 << 30), Integer.MAX_VALUE, Integer.MIN_VALUE,
                Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 0x4000_0001, -0x4000_0001, 12345, -12345};
        for (int a : edges) {
            for (int b : edges) {
                assertEquals(srdhmReference(a, b), QuantizedMath.srdhm(a, b), a + " * " + b);
            }
            for (int e = 0; e <= 31; e++) {
                assertEquals(rdbpReference(a, e), QuantizedMath.roundingDivideByPot(a, e), a + " >> " + e);
            }
        }
        SplittableRandom r = new SplittableRandom(0x5eed);
        for (int i = 0; i < 1_000_000; i++) {
            int a = r.nextInt();
            int b = r.nextBoolean() ? r.nextInt() : r.nextInt(-(1 << 16), 1 << 16);
            assertEquals(srdhmReference(a, b), QuantizedMath.srdhm(a, b), a + " * " + b);
            int e = r.nextInt(32);
            assertEquals(rdbpReference(a, e), QuantizedMath.roundingDivideByPot(a, e), a + " >> " + e);
        }
    }

    @Test
    void quantizeMultiplierFollowsFrexpAndRoundsHalfAway() {
        assertEquals(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.of(0.5, false));
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0, false));
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0.0, false));
        // q rounds up to 2^31: carried into the exponent
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0 - 0x1p-40, false));
        // below 2^-31 the multiplier flushes to zero
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0x1p-40, false));
        // single rounding caps the shift at 30
        assertEquals(new QuantizedMultiplier(1 << 30, 41), QuantizedMultiplier.of(0x1p40, false));
        assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 30), QuantizedMultiplier.of(0x1p40, true));
        // 0.75 -> 0.75 * 2^31
        assertEquals(new QuantizedMultiplier(1610612736, 0), QuantizedMultiplier.of(0.75, false));
    }

    private static double convMultiplier(int sIn, int sW, int sOut) {
        float product = Float.intBitsToFloat(sIn) * Float.intBitsToFloat(sW);
        return (double) product / (double) Float.intBitsToFloat(sOut);
    }

    @Test
    void multipliersOfTheSineModelsMatchTheFirmware() {
        // Linaro / legacy model (firmware.md §3.1)
        assertEquals(new QuantizedMultiplier(1169513172, -6),
                QuantizedMultiplier.of(convMultiplier(0x3cc94f5d, 0x3b8a6bd5, 0x3c47df56), false));
        assertEquals(new QuantizedMultiplier(1799998806, -5),
                QuantizedMultiplier.of(convMultiplier(0x3c47df56, 0x3c4f0161, 0x3bc0d1ee), false));
        assertEquals(new QuantizedMultiplier(1623303118, -7),
                QuantizedMultiplier.of(convMultiplier(0x3bc0d1ee, 0x3c0b4dd7, 0x3c0ace2c), false));
        // current hello_world_int8 (tflm.md §1)
        assertEquals(new QuantizedMultiplier(2039655759, -7),
                QuantizedMultiplier.of(convMultiplier(0x3cc88a86, 0x3b8459aa, 0x3c5a519f), false));
        assertEquals(new QuantizedMultiplier(1561796740, -6),
                QuantizedMultiplier.of(convMultiplier(0x3c5a519f, 0x3c327f7f, 0x3c514f5d), false));
        assertEquals(new QuantizedMultiplier(1630361784, -5),
                QuantizedMultiplier.of(convMultiplier(0x3c514f5d, 0x3c7c4417, 0x3c07d6cb), false));
    }

    @Test
    void roundfRoundsHalvesAwayFromZeroWithoutDoubleRounding() {
        assertEquals(1f, QuantizedMath.roundf(0.5f));
        assertEquals(-1f, QuantizedMath.roundf(-0.5f));
        assertEquals(3f, QuantizedMath.roundf(2.5f));
        assertEquals(-3f, QuantizedMath.roundf(-2.5f));
        assertEquals(0f, QuantizedMath.roundf(0.49999997f));
        assertEquals(8388609f, QuantizedMath.roundf(8388609f));
        assertEquals(-0f, QuantizedMath.roundf(-0.2f));
        assertEquals(-128 + 1, QuantizedMath.quantize(0.5f, -128, 0.25f));
        assertEquals(3.0, QuantizedMath.round(2.5));
        assertEquals(-3.0, QuantizedMath.round(-2.5));
    }

    @Test
    void sixtyFourBitRequantizationUsesTheReducedMultiplier() {
        // M = 2^30 (0.5) reduces to 2^14 = 0.5 in Q15; shift -1 -> 0.25; 1001 * 0.25 = 250.25 -> 250
        assertEquals(250, QuantizedMath.multiply64(1001, 1 << 30, -1));
        // -6 * 0.25 = -1.5 -> -1 (one rounding, half up)
        assertEquals(-1, QuantizedMath.multiply64(-6, 1 << 30, -1));
        // values beyond int32 before scaling
        assertEquals(1 << 30, QuantizedMath.multiply64(1L << 32, 1 << 30, -1));
        // multipliers at the top saturate to 0x7FFF
        assertEquals(QuantizedMath.multiply64(1 << 20, 0x7FFF0000, 0),
                QuantizedMath.multiply64(1 << 20, Integer.MAX_VALUE, 0));
    }
}

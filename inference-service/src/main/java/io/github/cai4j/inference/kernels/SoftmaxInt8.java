package io.github.cai4j.inference.kernels;

/**
 * int8-input SOFTMAX with int8 or int16 output (TFLM {@code reference_ops::Softmax} for quantized types, gemmlowp
 * fixed point): differences to the row maximum are scaled by {@code beta·scale} into Q5.26, exponentiated, summed in
 * Q12.19 and normalized by a fixed-point reciprocal. Parameters are computed at load
 * ({@code PreprocessSoftmaxScaling}, {@code CalculateInputRadius}).
 */
public final class SoftmaxInt8 implements Kernel {
    private static final int SCALED_DIFF_INTEGER_BITS = 5;
    private static final int ACCUMULATION_INTEGER_BITS = 12;

    private final byte[] in;
    private final int inOff;
    private final byte[] outBytes;
    private final short[] outShorts;
    private final int outOff;
    private final int outer;
    private final int depth;
    private final int inputMultiplier;
    private final int inputLeftShift;
    private final int diffMin;
    private final boolean singleRounding;
    private final int[] bitsOverUnit = new int[1];

    /** {@code out} is a {@code byte[]} (int8, zp −128) or a {@code short[]} (int16, zp −32768). */
    public SoftmaxInt8(byte[] in, int inOff, Object out, int outOff, int outer, int depth, float beta,
                       float inputScale, boolean singleRounding) {
        this.in = in;
        this.inOff = inOff;
        this.outBytes = out instanceof byte[] ? (byte[]) out : null;
        this.outShorts = out instanceof short[] ? (short[]) out : null;
        this.outOff = outOff;
        this.outer = outer;
        this.depth = depth;
        this.singleRounding = singleRounding;
        double maxReal = singleRounding ? (1L << 30) - 1.0 : (1L << 31) - 1.0;
        double real = Math.min((double) beta * (double) inputScale * (1 << (31 - SCALED_DIFF_INTEGER_BITS)),
                maxReal);
        QuantizedMultiplier m = QuantizedMultiplier.of(real, singleRounding);
        this.inputMultiplier = m.multiplier();
        this.inputLeftShift = m.shift();
        this.diffMin = -inputRadius(SCALED_DIFF_INTEGER_BITS, inputLeftShift, 31);
    }

    /** TFLite's {@code CalculateInputRadius}. */
    public static int inputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
        double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1)
                * (double) (1L << (totalSignedBits - inputIntegerBits)) / (double) (1L << inputLeftShift);
        return (int) Math.floor(maxInputRescaled);
    }

    @Override
    public void invoke() {
        final int outBits = outBytes != null ? 8 : 16;
        final int outMin = outBytes != null ? -128 : -32768;
        final int outMax = outBytes != null ? 127 : 32767;
        for (int i = 0; i < outer; i++) {
            int base = inOff + i * depth;
            int maxInRow = -128;
            for (int c = 0; c < depth; c++) {
                maxInRow = Math.max(maxInRow, in[base + c]);
            }
            int sumOfExps = 0;
            for (int c = 0; c < depth; c++) {
                int diff = in[base + c] - maxInRow;
                if (diff >= diffMin) {
                    int rescaled = QuantizedMath.multiplyGreaterThanOne(diff, inputMultiplier, inputLeftShift,
                            singleRounding);
                    int exp = FixedPointFunctions.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
                    sumOfExps += FixedPointFunctions.rescale(exp, 0, ACCUMULATION_INTEGER_BITS);
                }
            }
            int shiftedScale = FixedPointFunctions.reciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS, bitsOverUnit);
            int numBitsOverUnit = bitsOverUnit[0];
            int o = outOff + i * depth;
            for (int c = 0; c < depth; c++) {
                int diff = in[base + c] - maxInRow;
                int v;
                if (diff >= diffMin) {
                    int rescaled = QuantizedMath.multiplyGreaterThanOne(diff, inputMultiplier, inputLeftShift,
                            singleRounding);
                    int exp = FixedPointFunctions.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
                    int unsat = QuantizedMath.roundingDivideByPot(QuantizedMath.srdhm(shiftedScale, exp),
                            numBitsOverUnit + 31 - outBits);
                    v = QuantizedMath.clamp(unsat + outMin, outMin, outMax);
                } else {
                    v = outMin;
                }
                if (outBytes != null) {
                    outBytes[o + c] = (byte) v;
                } else {
                    outShorts[o + c] = (short) v;
                }
            }
        }
    }
}

package io.github.cai4j.inference.kernels;

/**
 * int8 LOGISTIC and TANH (TFLM {@code reference_integer_ops::Logistic/Tanh}): inputs beyond the input radius saturate;
 * others are scaled into Q4.27 and evaluated with gemmlowp's fixed-point {@code logistic}/{@code tanh}. LOGISTIC's
 * output has scale 1/256 and zero point −128, TANH's 1/128 and 0. Parameters are computed at load.
 */
public final class ActivationInt8 implements Kernel {
    /** The function. */
    public enum Function { LOGISTIC, TANH }

    private static final int INPUT_INTEGER_BITS = 4;

    private final Function function;
    private final byte[] in;
    private final int inOff;
    private final byte[] out;
    private final int outOff;
    private final int count;
    private final int inputZeroPoint;
    private final int inputMultiplier;
    private final int inputLeftShift;
    private final int inputRangeRadius;
    private final boolean singleRounding;

    public ActivationInt8(Function function, byte[] in, int inOff, byte[] out, int outOff, int count, float inputScale,
                          int inputZeroPoint, boolean singleRounding) {
        this.function = function;
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.count = count;
        this.inputZeroPoint = inputZeroPoint;
        this.singleRounding = singleRounding;
        double real = (double) inputScale * (double) (1 << (31 - INPUT_INTEGER_BITS));
        // std::frexp and TfLiteRound without the 2^31 carry, as the kernels' Prepare does
        int e = Math.getExponent(real) + 1;
        double q = Math.scalb(real, -e);
        this.inputMultiplier = (int) (long) QuantizedMath.round(q * 2147483648.0);
        this.inputLeftShift = e;
        this.inputRangeRadius = SoftmaxInt8.inputRadius(INPUT_INTEGER_BITS, inputLeftShift, 31);
    }

    /** One element, as the kernel computes it. */
    int evaluate(int q) {
        int x = q - inputZeroPoint;
        if (x <= -inputRangeRadius) {
            return -128;
        }
        if (x >= inputRangeRadius) {
            return 127;
        }
        int inQ4 = QuantizedMath.multiply(x, inputMultiplier, inputLeftShift, singleRounding);
        if (function == Function.LOGISTIC) {
            int q0 = FixedPointFunctions.logistic(inQ4, INPUT_INTEGER_BITS);
            int v = QuantizedMath.roundingDivideByPot(q0, 31 - 8) - 128;
            return QuantizedMath.clamp(v, -128, 127);
        }
        int q0 = FixedPointFunctions.tanh(inQ4, INPUT_INTEGER_BITS);
        int v = QuantizedMath.roundingDivideByPot(q0, 31 - 7);
        return QuantizedMath.clamp(v, -128, 127);
    }

    @Override
    public void invoke() {
        for (int i = 0; i < count; i++) {
            out[outOff + i] = (byte) evaluate(in[inOff + i]);
        }
    }
}

package io.github.cai4j.inference.kernels;

/**
 * QUANTIZE between integer types (TFLM {@code reference_ops::Requantize}) for int8/int16 in and out:
 * {@code clamp(MultiplyByQuantizedMultiplier(x − zpIn, M, shift) + zpOut)}.
 */
public final class Requantize implements Kernel {
    private final byte[] inB;
    private final short[] inS;
    private final int inOff;
    private final byte[] outB;
    private final short[] outS;
    private final int outOff;
    private final int count;
    private final int inZeroPoint;
    private final int outZeroPoint;
    private final int multiplier;
    private final int shift;
    private final int qmin;
    private final int qmax;
    private final boolean singleRounding;

    /** {@code in} and {@code out} are each a {@code byte[]} (int8) or a {@code short[]} (int16). */
    public Requantize(Object in, int inOff, Object out, int outOff, int count, int inZeroPoint, int outZeroPoint,
                      QuantizedMultiplier m, boolean singleRounding) {
        this.inB = in instanceof byte[] ? (byte[]) in : null;
        this.inS = in instanceof short[] ? (short[]) in : null;
        this.outB = out instanceof byte[] ? (byte[]) out : null;
        this.outS = out instanceof short[] ? (short[]) out : null;
        this.inOff = inOff;
        this.outOff = outOff;
        this.count = count;
        this.inZeroPoint = inZeroPoint;
        this.outZeroPoint = outZeroPoint;
        this.multiplier = m.multiplier();
        this.shift = m.shift();
        this.qmin = outB != null ? -128 : -32768;
        this.qmax = outB != null ? 127 : 32767;
        this.singleRounding = singleRounding;
    }

    @Override
    public void invoke() {
        for (int i = 0; i < count; i++) {
            int x = inB != null ? inB[inOff + i] : inS[inOff + i];
            int v = QuantizedMath.multiply(x - inZeroPoint, multiplier, shift, singleRounding) + outZeroPoint;
            v = QuantizedMath.clamp(v, qmin, qmax);
            if (outB != null) {
                outB[outOff + i] = (byte) v;
            } else {
                outS[outOff + i] = (short) v;
            }
        }
    }
}

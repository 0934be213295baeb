package io.github.cai4j.inference.kernels;

/**
 * QUANTIZE from float32 (TFLM {@code reference_ops::AffineQuantize}):
 * {@code q = clamp((int) roundf(x / scale) + zp)}, the division in float, rounding half away from zero.
 * The output is int8 ({@code outBytes}) or int16 ({@code outShorts}).
 */
public final class QuantizeFloat implements Kernel {
    private final float[] in;
    private final int inOff;
    private final byte[] outBytes;
    private final short[] outShorts;
    private final int outOff;
    private final int count;
    private final float scale;
    private final int zeroPoint;
    private final int qmin;
    private final int qmax;

    private QuantizeFloat(float[] in, int inOff, byte[] outBytes, short[] outShorts, int outOff, int count,
                          float scale, int zeroPoint, int qmin, int qmax) {
        this.in = in;
        this.inOff = inOff;
        this.outBytes = outBytes;
        this.outShorts = outShorts;
        this.outOff = outOff;
        this.count = count;
        this.scale = scale;
        this.zeroPoint = zeroPoint;
        this.qmin = qmin;
        this.qmax = qmax;
    }

    /** float32 to int8. */
    public static QuantizeFloat toInt8(float[] in, int inOff, byte[] out, int outOff, int count, float scale,
                                       int zeroPoint) {
        return new QuantizeFloat(in, inOff, out, null, outOff, count, scale, zeroPoint, -128, 127);
    }

    /** float32 to int16. */
    public static QuantizeFloat toInt16(float[] in, int inOff, short[] out, int outOff, int count, float scale,
                                        int zeroPoint) {
        return new QuantizeFloat(in, inOff, null, out, outOff, count, scale, zeroPoint, -32768, 32767);
    }

    /** One element, as the kernel computes it. */
    public static int quantize(float x, float scale, int zeroPoint, int qmin, int qmax) {
        int v = (int) QuantizedMath.roundf(x / scale) + zeroPoint;
        return QuantizedMath.clamp(v, qmin, qmax);
    }

    @Override
    public void invoke() {
        if (outBytes != null) {
            for (int i = 0; i < count; i++) {
                outBytes[outOff + i] = (byte) quantize(in[inOff + i], scale, zeroPoint, qmin, qmax);
            }
        } else {
            for (int i = 0; i < count; i++) {
                outShorts[outOff + i] = (short) quantize(in[inOff + i], scale, zeroPoint, qmin, qmax);
            }
        }
    }
}

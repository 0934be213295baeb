package io.github.cai4j.inference.kernels;

/**
 * DEQUANTIZE to float32 (TFLM {@code reference_ops::Dequantize}): {@code (float)((double) scale · (q − zp))}, one
 * rounding from the double product. The input is int8 ({@code byte[]}) or int16 ({@code short[]}).
 */
public final class Dequantize implements Kernel {
    private final byte[] inB;
    private final short[] inS;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final int count;
    private final double scale;
    private final int zeroPoint;

    public Dequantize(Object in, int inOff, float[] out, int outOff, int count, float scale, int zeroPoint) {
        this.inB = in instanceof byte[] ? (byte[]) in : null;
        this.inS = in instanceof short[] ? (short[]) in : null;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.count = count;
        this.scale = scale;
        this.zeroPoint = zeroPoint;
    }

    /** One element, as the kernel computes it. */
    public static float dequantize(int q, float scale, int zeroPoint) {
        return (float) ((double) scale * (q - zeroPoint));
    }

    @Override
    public void invoke() {
        for (int i = 0; i < count; i++) {
            int q = inB != null ? inB[inOff + i] : inS[inOff + i];
            out[outOff + i] = (float) (scale * (q - zeroPoint));
        }
    }
}

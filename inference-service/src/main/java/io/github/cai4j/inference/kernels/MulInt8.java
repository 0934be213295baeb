package io.github.cai4j.inference.kernels;

/**
 * int8 MUL (TFLM {@code reference_integer_ops::Mul}): {@code clamp(zpOut + MBQM((a−zp1)(b−zp2), M, shift))} with
 * {@code M, shift = QuantizeMultiplier(s1·s2/sOut)} in double.
 */
public final class MulInt8 implements Kernel {
    private final byte[] in1;
    private final int off1;
    private final byte[] in2;
    private final int off2;
    private final byte[] out;
    private final int outOff;
    private final Broadcast bc;
    private final int zp1;
    private final int zp2;
    private final int outZp;
    private final QuantizedMultiplier m;
    private final int actMin;
    private final int actMax;
    private final boolean singleRounding;

    public MulInt8(byte[] in1, int off1, byte[] in2, int off2, byte[] out, int outOff, Broadcast bc, float scale1,
                   int zp1, float scale2, int zp2, float outScale, int outZp, ActivationRange range,
                   boolean singleRounding) {
        this.in1 = in1;
        this.off1 = off1;
        this.in2 = in2;
        this.off2 = off2;
        this.out = out;
        this.outOff = outOff;
        this.bc = bc;
        this.zp1 = zp1;
        this.zp2 = zp2;
        this.outZp = outZp;
        this.m = QuantizedMultiplier.of((double) scale1 * (double) scale2 / (double) outScale, singleRounding);
        this.actMin = range.min();
        this.actMax = range.max();
        this.singleRounding = singleRounding;
    }

    @Override
    public void invoke() {
        for (int i = 0, n = bc.size(); i < n; i++) {
            int a = in1[off1 + bc.first(i)] - zp1;
            int b = in2[off2 + bc.second(i)] - zp2;
            int v = outZp + QuantizedMath.multiply(a * b, m.multiplier(), m.shift(), singleRounding);
            out[outOff + i] = (byte) QuantizedMath.clamp(v, actMin, actMax);
        }
    }
}

package io.github.cai4j.inference.kernels;

/**
 * int8 ADD (TFLM {@code reference_integer_ops::Add}): both inputs are offset, shifted left by 20, scaled to a common
 * scale with multipliers below one, summed, requantized to the output scale, offset and clamped. Multipliers are
 * computed at load as in TFLM's {@code CalculateOpData}.
 */
public final class AddInt8 implements Kernel {
    private static final int LEFT_SHIFT = 20;

    private final byte[] in1;
    private final int off1;
    private final byte[] in2;
    private final int off2;
    private final byte[] out;
    private final int outOff;
    private final Broadcast bc;
    private final int input1Offset;
    private final int input2Offset;
    private final int outputOffset;
    private final QuantizedMultiplier m1;
    private final QuantizedMultiplier m2;
    private final QuantizedMultiplier mOut;
    private final int actMin;
    private final int actMax;
    private final boolean singleRounding;

    public AddInt8(byte[] in1, int off1, byte[] in2, int off2, byte[] out, int outOff, Broadcast bc, float scale1,
                   int zp1, float scale2, int zp2, float outScale, int outZp, ActivationRange range,
                   boolean singleRounding) {
        this.in1 = in1;
        this.off1 = off1;
        this.in2 = in2;
        this.off2 = off2;
        this.out = out;
        this.outOff = outOff;
        this.bc = bc;
        this.input1Offset = -zp1;
        this.input2Offset = -zp2;
        this.outputOffset = outZp;
        double twiceMaxInputScale = 2 * (double) Math.max(scale1, scale2);
        this.m1 = QuantizedMultiplier.of((double) scale1 / twiceMaxInputScale, singleRounding);
        this.m2 = QuantizedMultiplier.of((double) scale2 / twiceMaxInputScale, singleRounding);
        this.mOut = QuantizedMultiplier.of(twiceMaxInputScale / ((1 << LEFT_SHIFT) * (double) outScale),
                singleRounding);
        this.actMin = range.min();
        this.actMax = range.max();
        this.singleRounding = singleRounding;
    }

    /** One element, as the kernel computes it. */
    int addOne(int a, int b) {
        int x1 = (input1Offset + a) * (1 << LEFT_SHIFT);
        int x2 = (input2Offset + b) * (1 << LEFT_SHIFT);
        int s1 = QuantizedMath.multiplySmallerThanOne(x1, m1.multiplier(), m1.shift(), singleRounding);
        int s2 = QuantizedMath.multiplySmallerThanOne(x2, m2.multiplier(), m2.shift(), singleRounding);
        int raw = QuantizedMath.multiplySmallerThanOne(s1 + s2, mOut.multiplier(), mOut.shift(), singleRounding)
                + outputOffset;
        return QuantizedMath.clamp(raw, actMin, actMax);
    }

    @Override
    public void invoke() {
        for (int i = 0, n = bc.size(); i < n; i++) {
            out[outOff + i] = (byte) addOne(in1[off1 + bc.first(i)], in2[off2 + bc.second(i)]);
        }
    }
}

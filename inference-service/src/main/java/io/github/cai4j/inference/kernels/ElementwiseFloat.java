package io.github.cai4j.inference.kernels;

/** float32 ADD and MUL with broadcasting (TFLM {@code reference_ops::Add/Mul}): one float operation, then the clamp. */
public final class ElementwiseFloat implements Kernel {
    /** The binary operation. */
    public enum Op { ADD, MUL }

    private final float[] in1;
    private final int off1;
    private final float[] in2;
    private final int off2;
    private final float[] out;
    private final int outOff;
    private final Broadcast bc;
    private final Op op;
    private final float lo;
    private final float hi;

    public ElementwiseFloat(Op op, float[] in1, int off1, float[] in2, int off2, float[] out, int outOff, Broadcast bc,
                            float lo, float hi) {
        this.op = op;
        this.in1 = in1;
        this.off1 = off1;
        this.in2 = in2;
        this.off2 = off2;
        this.out = out;
        this.outOff = outOff;
        this.bc = bc;
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public void invoke() {
        boolean add = op == Op.ADD;
        for (int i = 0, n = bc.size(); i < n; i++) {
            float a = in1[off1 + bc.first(i)];
            float b = in2[off2 + bc.second(i)];
            out[outOff + i] = ActivationRange.clamp(add ? a + b : a * b, lo, hi);
        }
    }
}

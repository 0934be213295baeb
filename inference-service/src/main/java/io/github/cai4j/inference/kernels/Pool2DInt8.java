package io.github.cai4j.inference.kernels;

/**
 * int8 AVERAGE_POOL_2D and MAX_POOL_2D (TFLM {@code reference_integer_ops::AveragePool/MaxPool}). The window is
 * clipped to the image; the average divides the int32 sum by the number of points inside, rounding half away from
 * zero; both clamp to the activation range.
 */
public final class Pool2DInt8 implements Kernel {
    private final byte[] in;
    private final int inOff;
    private final byte[] out;
    private final int outOff;
    private final ConvGeometry g;
    private final boolean average;
    private final int actMin;
    private final int actMax;

    public Pool2DInt8(byte[] in, int inOff, byte[] out, int outOff, ConvGeometry g, boolean average,
                      ActivationRange range) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.g = g;
        this.average = average;
        this.actMin = range.min();
        this.actMax = range.max();
    }

    @Override
    public void invoke() {
        final int inH = g.inH();
        final int inW = g.inW();
        final int depth = g.inC();
        int o = outOff;
        for (int b = 0; b < g.batches(); b++) {
            int inBatch = inOff + b * inH * inW * depth;
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                int fyStart = Math.max(0, -iy0);
                int fyEnd = Math.min(g.filterH(), inH - iy0);
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    int fxStart = Math.max(0, -ix0);
                    int fxEnd = Math.min(g.filterW(), inW - ix0);
                    for (int c = 0; c < depth; c++) {
                        int acc = average ? 0 : -128;
                        int count = 0;
                        for (int fy = fyStart; fy < fyEnd; fy++) {
                            for (int fx = fxStart; fx < fxEnd; fx++) {
                                int x = in[inBatch + ((iy0 + fy) * inW + ix0 + fx) * depth + c];
                                if (average) {
                                    acc += x;
                                } else if (x > acc) {
                                    acc = x;
                                }
                                count++;
                            }
                        }
                        if (average) {
                            if (count == 0) {
                                acc = 0;
                            } else {
                                acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                            }
                        }
                        out[o++] = (byte) (acc < actMin ? actMin : (acc > actMax ? actMax : acc));
                    }
                }
            }
        }
    }
}

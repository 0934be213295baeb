package io.github.cai4j.inference.kernels;

/**
 * float32 AVERAGE_POOL_2D and MAX_POOL_2D (TFLM {@code reference_ops::AveragePool/MaxPool}): the window is clipped to
 * the image; the average is the float sum divided by the point count; then the activation clamp.
 */
public final class Pool2DFloat implements Kernel {
    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final ConvGeometry g;
    private final boolean average;
    private final float lo;
    private final float hi;

    public Pool2DFloat(float[] in, int inOff, float[] out, int outOff, ConvGeometry g, boolean average, float lo,
                       float hi) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.g = g;
        this.average = average;
        this.lo = lo;
        this.hi = hi;
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
                        float acc = average ? 0.0f : -Float.MAX_VALUE;
                        int count = 0;
                        for (int fy = fyStart; fy < fyEnd; fy++) {
                            for (int fx = fxStart; fx < fxEnd; fx++) {
                                float x = in[inBatch + ((iy0 + fy) * inW + ix0 + fx) * depth + c];
                                if (average) {
                                    acc += x;
                                } else if (acc < x) {
                                    acc = x;
                                }
                                count++;
                            }
                        }
                        if (average) {
                            acc = acc / count;
                        }
                        out[o++] = ActivationRange.clamp(acc, lo, hi);
                    }
                }
            }
        }
    }
}

package io.github.cai4j.inference.kernels;

/** float32 DEPTHWISE_CONV_2D (TFLM {@code reference_ops::DepthwiseConv}), summed from 0.0f without fused multiply-add. */
public final class DepthwiseConv2DFloat implements Kernel {
    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final float[] filter;
    private final float[] bias;
    private final ConvGeometry g;
    private final int depthMultiplier;
    private final float lo;
    private final float hi;

    public DepthwiseConv2DFloat(float[] in, int inOff, float[] out, int outOff, float[] filter, float[] bias,
                                ConvGeometry g, int depthMultiplier, float lo, float hi) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.filter = filter.clone();
        this.bias = bias == null ? null : bias.clone();
        this.g = g;
        this.depthMultiplier = depthMultiplier;
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public void invoke() {
        final int inH = g.inH();
        final int inW = g.inW();
        final int inC = g.inC();
        final int fh = g.filterH();
        final int fw = g.filterW();
        final int outC = g.outC();
        final int dm = depthMultiplier;
        int o = outOff;
        for (int b = 0; b < g.batches(); b++) {
            int inBatch = inOff + b * inH * inW * inC;
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    for (int ic = 0; ic < inC; ic++) {
                        for (int m = 0; m < dm; m++) {
                            int oc = m + ic * dm;
                            float total = 0.0f;
                            for (int ky = 0; ky < fh; ky++) {
                                int iy = iy0 + ky * g.dilationH();
                                if (iy < 0 || iy >= inH) {
                                    continue;
                                }
                                for (int kx = 0; kx < fw; kx++) {
                                    int ix = ix0 + kx * g.dilationW();
                                    if (ix < 0 || ix >= inW) {
                                        continue;
                                    }
                                    total += in[inBatch + (iy * inW + ix) * inC + ic]
                                            * filter[(ky * fw + kx) * outC + oc];
                                }
                            }
                            float biasValue = bias == null ? 0.0f : bias[oc];
                            out[o++] = ActivationRange.clamp(total + biasValue, lo, hi);
                        }
                    }
                }
            }
        }
    }
}

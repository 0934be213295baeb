package io.github.cai4j.inference.kernels;

/**
 * float32 CONV_2D (TFLM {@code reference_ops::Conv}): for each output, products summed from 0.0f in
 * (filter y, filter x, input channel) order skipping points outside the image, then the bias, then the clamp.
 */
public final class Conv2DFloat implements Kernel {
    private final float[] in;
    private final int inOff;
    private final float[] out;
    private final int outOff;
    private final float[] filter;
    private final float[] bias;
    private final ConvGeometry g;
    private final int filterInC;
    private final float lo;
    private final float hi;

    public Conv2DFloat(float[] in, int inOff, float[] out, int outOff, float[] filter, int filterInC, float[] bias,
                       ConvGeometry g, float lo, float hi) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.filter = filter.clone();
        this.bias = bias == null ? null : bias.clone();
        this.g = g;
        this.filterInC = filterInC;
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
        final int fic = filterInC;
        final int outC = g.outC();
        final int filtersPerGroup = outC / (inC / fic);
        final int perFilter = fh * fw * fic;
        int o = outOff;
        for (int b = 0; b < g.batches(); b++) {
            int inBatch = inOff + b * inH * inW * inC;
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    for (int oc = 0; oc < outC; oc++) {
                        int cBase = (oc / filtersPerGroup) * fic;
                        int fBase = oc * perFilter;
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
                                int p = inBatch + (iy * inW + ix) * inC + cBase;
                                int f = fBase + (ky * fw + kx) * fic;
                                for (int c = 0; c < fic; c++) {
                                    total += in[p + c] * filter[f + c];
                                }
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

package io.github.cai4j.inference.kernels;

/**
 * int8 CONV_2D with per-channel requantization (TFLM {@code reference_integer_ops::ConvPerChannel}), including grouped
 * convolution. Points outside the image are skipped (zero padding in real terms), so the input offset applies only to
 * points inside; the filter sum over a fully inside window is folded into the bias at load.
 */
public final class Conv2DInt8 implements Kernel {
    private final byte[] in;
    private final int inOff;
    private final byte[] out;
    private final int outOff;
    private final byte[] filter; // [outC][fh][fw][filterInC]
    private final int[] bias;
    private final int[] foldedBias; // bias + inOffset * Σ filter (valid for windows entirely inside)
    private final ConvGeometry g;
    private final Int8OutputStage stage;
    private final int filterInC;
    private final int inputOffset;

    public Conv2DInt8(byte[] in, int inOff, byte[] out, int outOff, byte[] filter, int filterInC, int[] bias,
                      QuantizedMultiplier[] perChannel, ConvGeometry g, int inZeroPoint, int outZeroPoint,
                      ActivationRange range, boolean singleRounding) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.filter = filter.clone();
        this.bias = bias == null ? new int[g.outC()] : bias.clone();
        this.g = g;
        this.stage = new Int8OutputStage(perChannel, g.outC(), outZeroPoint, range, singleRounding);
        this.filterInC = filterInC;
        this.inputOffset = -inZeroPoint;
        this.foldedBias = new int[g.outC()];
        int perFilter = g.filterH() * g.filterW() * filterInC;
        for (int oc = 0; oc < g.outC(); oc++) {
            int sum = 0;
            for (int i = 0; i < perFilter; i++) {
                sum += filter[oc * perFilter + i];
            }
            foldedBias[oc] = this.bias[oc] + inputOffset * sum;
        }
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
        final int groups = inC / fic;
        final int filtersPerGroup = outC / groups;
        final int perFilter = fh * fw * fic;
        int o = outOff;
        for (int b = 0; b < g.batches(); b++) {
            int inBatch = inOff + b * inH * inW * inC;
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padH();
                for (int ox = 0; ox < g.outW(); ox++) {
                    int ix0 = ox * g.strideW() - g.padW();
                    boolean inside = iy0 >= 0 && ix0 >= 0 && iy0 + (fh - 1) * g.dilationH() < inH
                            && ix0 + (fw - 1) * g.dilationW() < inW;
                    for (int oc = 0; oc < outC; oc++) {
                        int group = oc / filtersPerGroup;
                        int cBase = group * fic;
                        int fBase = oc * perFilter;
                        int acc;
                        if (inside) {
                            acc = foldedBias[oc];
                            for (int ky = 0; ky < fh; ky++) {
                                int rowBase = inBatch + ((iy0 + ky * g.dilationH()) * inW) * inC;
                                for (int kx = 0; kx < fw; kx++) {
                                    int p = rowBase + (ix0 + kx * g.dilationW()) * inC + cBase;
                                    int f = fBase + (ky * fw + kx) * fic;
                                    for (int c = 0; c < fic; c++) {
                                        acc += filter[f + c] * in[p + c];
                                    }
                                }
                            }
                        } else {
                            acc = 0;
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
                                        acc += filter[f + c] * (in[p + c] + inputOffset);
                                    }
                                }
                            }
                            acc += bias[oc];
                        }
                        out[o++] = stage.requantize(acc, oc);
                    }
                }
            }
        }
    }
}

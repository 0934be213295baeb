package io.github.cai4j.inference.kernels;

/**
 * int8 DEPTHWISE_CONV_2D with per-channel requantization (TFLM
 * {@code reference_integer_ops::DepthwiseConvPerChannel}). Output channel {@code ic·depthMultiplier + m} reads input
 * channel {@code ic}; the filter is [1][fh][fw][outC]. Points outside the image are skipped.
 */
public final class DepthwiseConv2DInt8 implements Kernel {
    private final byte[] in;
    private final int inOff;
    private final byte[] out;
    private final int outOff;
    private final byte[] filter;
    private final int[] bias;
    private final ConvGeometry g;
    private final Int8OutputStage stage;
    private final int depthMultiplier;
    private final int inputOffset;

    public DepthwiseConv2DInt8(byte[] in, int inOff, byte[] out, int outOff, byte[] filter, int[] bias,
                               QuantizedMultiplier[] perChannel, ConvGeometry g, int depthMultiplier,
                               int inZeroPoint, int outZeroPoint, ActivationRange range, boolean singleRounding) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.filter = filter.clone();
        this.bias = bias == null ? new int[g.outC()] : bias.clone();
        this.g = g;
        this.stage = new Int8OutputStage(perChannel, g.outC(), outZeroPoint, range, singleRounding);
        this.depthMultiplier = depthMultiplier;
        this.inputOffset = -inZeroPoint;
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
                            int acc = 0;
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
                                    int x = in[inBatch + (iy * inW + ix) * inC + ic];
                                    int f = filter[(ky * fw + kx) * outC + oc];
                                    acc += f * (x + inputOffset);
                                }
                            }
                            acc += bias[oc];
                            out[o++] = stage.requantize(acc, oc);
                        }
                    }
                }
            }
        }
    }
}

package io.github.cai4j.inference.kernels;

/**
 * CONV_2D with int16 activations and int8 per-channel weights (the 16x8 path, TFLM
 * {@code reference_integer_ops::ConvPerChannel} for int16). Zero points are 0. With an int64 bias the accumulator is
 * 64-bit and requantized with the reduced 16-bit multiplier; with an int32 bias (or none) it is 32-bit and requantized
 * like the int8 path.
 */
public final class Conv2DInt16 implements Kernel {
    private final short[] in;
    private final int inOff;
    private final short[] out;
    private final int outOff;
    private final byte[] filter;
    private final long[] bias;
    private final boolean wideAccumulator;
    private final int[] multiplier;
    private final int[] shift;
    private final ConvGeometry g;
    private final int filterInC;
    private final int actMin;
    private final int actMax;
    private final boolean singleRounding;

    /**
     * @param bias per output channel (int32 or int64 values), or {@code null}
     * @param wideAccumulator {@code true} for an int64 bias tensor
     */
    public Conv2DInt16(short[] in, int inOff, short[] out, int outOff, byte[] filter, int filterInC, long[] bias,
                       boolean wideAccumulator, QuantizedMultiplier[] perChannel, ConvGeometry g,
                       ActivationRange range, boolean singleRounding) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.filter = filter.clone();
        this.bias = bias == null ? new long[g.outC()] : bias.clone();
        this.wideAccumulator = wideAccumulator;
        this.g = g;
        this.filterInC = filterInC;
        this.actMin = range.min();
        this.actMax = range.max();
        this.singleRounding = singleRounding;
        this.multiplier = new int[g.outC()];
        this.shift = new int[g.outC()];
        for (int oc = 0; oc < g.outC(); oc++) {
            QuantizedMultiplier m = perChannel[perChannel.length == 1 ? 0 : oc];
            multiplier[oc] = m.multiplier();
            shift[oc] = m.shift();
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
                    for (int oc = 0; oc < outC; oc++) {
                        int cBase = (oc / filtersPerGroup) * fic;
                        int fBase = oc * perFilter;
                        long acc64 = 0;
                        int acc32 = 0;
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
                                if (wideAccumulator) {
                                    for (int c = 0; c < fic; c++) {
                                        acc64 += filter[f + c] * in[p + c];
                                    }
                                } else {
                                    for (int c = 0; c < fic; c++) {
                                        acc32 += filter[f + c] * in[p + c];
                                    }
                                }
                            }
                        }
                        int v;
                        if (wideAccumulator) {
                            v = QuantizedMath.multiply64(acc64 + bias[oc], multiplier[oc], shift[oc]);
                        } else {
                            v = QuantizedMath.multiply(acc32 + (int) bias[oc], multiplier[oc], shift[oc],
                                    singleRounding);
                        }
                        out[o++] = (short) (v < actMin ? actMin : (v > actMax ? actMax : v));
                    }
                }
            }
        }
    }
}

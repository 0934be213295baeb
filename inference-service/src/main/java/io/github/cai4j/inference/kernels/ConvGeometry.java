package io.github.cai4j.inference.kernels;

import io.github.cai4j.inference.model.Padding;

/**
 * Shapes of a 2-D convolution or pooling window over NHWC tensors, with TFLite's padding rules
 * ({@code ComputeOutSize}, {@code ComputePadding}).
 */
public record ConvGeometry(int batches, int inH, int inW, int inC, int outH, int outW, int outC, int filterH,
                           int filterW, int strideH, int strideW, int dilationH, int dilationW, int padH, int padW) {

    /** Output size along one axis. */
    public static int outSize(Padding padding, int in, int filter, int stride, int dilation) {
        int effective = (filter - 1) * dilation + 1;
        if (stride == 0) {
            return 0;
        }
        return padding == Padding.SAME ? (in + stride - 1) / stride : (in + stride - effective) / stride;
    }

    /** Leading padding along one axis (the reference kernels ignore the odd trailing pixel). */
    public static int padding(int stride, int dilation, int in, int filter, int out) {
        int effective = (filter - 1) * dilation + 1;
        int p = ((out - 1) * stride + effective - in) / 2;
        return Math.max(p, 0);
    }
}

package io.github.cai4j.inference.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed cases for the float32 convolution, depthwise convolution and softmax kernels. */
class FloatKernelsTest {

    @Test
    void conv2dFloatWithSamePaddingAndStrideTwo() {
        // 3x3 image 1..9, one 3x3 filter of ones, SAME with stride 2: outputs at (0,0), (0,2), (2,0), (2,2);
        // padding = ((2-1)*2 + 3 - 3) / 2 = 1, so each window is centered on its pixel and clipped at the border
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] filter = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        ConvGeometry g = new ConvGeometry(1, 3, 3, 1, 2, 2, 1, 3, 3, 2, 2, 1, 1,
                ConvGeometry.padding(2, 1, 3, 3, 2), ConvGeometry.padding(2, 1, 3, 3, 2));
        assertEquals(1, g.padH());
        float[] out = new float[4];
        new Conv2DFloat(in, 0, out, 0, filter, 1, new float[] {0.5f}, g, -Float.MAX_VALUE, Float.MAX_VALUE).invoke();
        // (1+2+4+5), (2+3+5+6), (4+5+7+8), (5+6+8+9), each + 0.5
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, out);
        // dilation 2 with VALID: one output reading the four corners and the center of a 3x3 window of a 3x3 image
        ConvGeometry dil = new ConvGeometry(1, 3, 3, 1, 1, 1, 1, 2, 2, 1, 1, 2, 2, 0, 0);
        float[] one = new float[1];
        new Conv2DFloat(in, 0, one, 0, new float[] {1, 10, 100, 1000}, 1, null, dil, -Float.MAX_VALUE,
                Float.MAX_VALUE).invoke();
        assertEquals(1 + 30 + 700 + 9000, one[0]);
    }

    @Test
    void depthwiseFloatWithDepthMultiplier() {
        // 1x1 image with 2 channels [2, 3], depth multiplier 2: outputs 2·a, 2·b, 3·c, 3·d ; RELU6 clamp
        float[] out = new float[4];
        ConvGeometry g = new ConvGeometry(1, 1, 1, 2, 1, 1, 4, 1, 1, 1, 1, 1, 1, 0, 0);
        new DepthwiseConv2DFloat(new float[] {2, 3}, 0, out, 0, new float[] {1, -1, 1, 5}, new float[] {0, 0, 0.5f, 0},
                g, 2, 0f, 6f).invoke();
        assertArrayEquals(new float[] {2, 0, 3.5f, 6}, out);
    }

    @Test
    void softmaxFloat() {
        float[] out = new float[3];
        new SoftmaxFloat(new float[] {1f, 1f, 1f}, 0, out, 0, 1, 3, 1f).invoke();
        assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3}, out);
        new SoftmaxFloat(new float[] {0f, (float) Math.log(3), 100f}, 0, out, 0, 1, 3, 0f).invoke();
        // beta 0: uniform whatever the inputs
        assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3}, out);
        float[] two = new float[4];
        new SoftmaxFloat(new float[] {0f, (float) Math.log(3), 5f, 5f}, 0, two, 0, 2, 2, 1f).invoke();
        assertEquals(0.25f, two[0], 1e-7f);
        assertEquals(0.75f, two[1], 1e-7f);
        assertEquals(0.5f, two[2]);
        assertEquals(0.5f, two[3]);
    }
}

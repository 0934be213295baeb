package io.github.cai4j.inference.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Int8QuantizerTest {
    private static SineNetwork net;
    private static QuantizedSineNetwork q;

    @BeforeAll
    static void train() {
        net = new SineTrainer(SineTrainer.DEFAULT_SEED).train();
        q = Int8Quantizer.quantize(net);
    }

    @Test
    void roundingIsHalfAwayFromZero() {
        double[][] cases = {{0.5, 1}, {-0.5, -1}, {1.5, 2}, {-1.5, -2}, {2.4999999, 2}, {-2.5000001, -3},
            {0.49999999999999994, 0}, {-0.49999999999999994, 0}, {0.0, 0}, {126.5, 127}};
        for (double[] c : cases) {
            assertEquals((long) c[1], Int8Quantizer.roundHalfAway(c[0]), "round(" + c[0] + ")");
        }
        assertEquals(10, cases.length);
    }

    @Test
    void weightsAreSymmetricPerTensorAndWithinHalfAStep() {
        float[][] floats = {net.w1(), net.w2(), net.w3()};
        byte[][] ints = {q.w1(), q.w2(), q.w3()};
        float[] scales = q.weightScales();
        int checked = 0;
        for (int l = 0; l < 3; l++) {
            float max = 0;
            for (float w : floats[l]) {
                max = Math.max(max, Math.abs(w));
            }
            assertEquals(max / 127.0f, scales[l], 0.0f, "scale = max|w| / 127");
            int maxQ = 0;
            for (int i = 0; i < floats[l].length; i++) {
                int v = ints[l][i];
                assertTrue(v >= -127 && v <= 127);
                maxQ = Math.max(maxQ, Math.abs(v));
                assertTrue(Math.abs(v * (double) scales[l] - floats[l][i]) <= scales[l] / 2.0 * 1.000001,
                        "layer " + l + " weight " + i);
                checked++;
            }
            assertEquals(127, maxQ, "the largest weight maps to +-127");
        }
        assertEquals(16 + 256 + 16, checked);
    }

    @Test
    void biasesUseTheFloatProductOfInputAndWeightScales() {
        float[] as = q.actScales();
        assertEquals(q.inputScale() * q.weightScales()[0], q.biasScale(0), 0.0f);
        assertEquals(as[0] * q.weightScales()[1], q.biasScale(1), 0.0f);
        assertEquals(as[1] * q.weightScales()[2], q.biasScale(2), 0.0f);
        float[][] floats = {net.b1(), net.b2(), {net.b3()}};
        int[][] ints = {q.b1(), q.b2(), q.b3()};
        int checked = 0;
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < floats[l].length; i++) {
                long expected = Int8Quantizer.roundHalfAway((double) floats[l][i] / q.biasScale(l));
                assertEquals(expected, ints[l][i]);
                checked++;
            }
        }
        assertEquals(33, checked);
    }

    @Test
    void activationRangesComeFromCalibrationAndContainZero() {
        // input range [0, 2pi]: zero point -128, scale 2pi / 255
        assertEquals(-128, q.inputZero());
        assertEquals((float) (SineTrainer.X_RANGE / 255.0), q.inputScale(), 0.0f);
        int[] az = q.actZeros();
        // ReLU outputs start at 0
        assertEquals(-128, az[0]);
        assertEquals(-128, az[1]);
        // the output spans about [-1, 1]: zero point near 0, scale near 2/255
        assertTrue(Math.abs(az[2]) <= 3, "output zero point " + az[2]);
        assertTrue(Math.abs(q.actScales()[2] - 2.0 / 255) < 0.0003, "output scale " + q.actScales()[2]);
    }

    @Test
    void handComputedRangesOnATinyNetwork() {
        // h1[0] = relu(x), h2[0] = relu(h1[0]), y = 2 * h2[0] - 1 on calibration inputs {0, 1, 2}
        float[] w1 = new float[16];
        float[] w2 = new float[256];
        float[] w3 = new float[16];
        w1[0] = 1.0f;
        w2[0] = 1.0f;
        w3[0] = 2.0f;
        SineNetwork n = new SineNetwork(w1, new float[16], w2, new float[16], w3, -1.0f);
        QuantizedSineNetwork t = Int8Quantizer.quantize(n, new float[] {0.0f, 1.0f, 2.0f});
        assertEquals((float) (2.0 / 255), t.inputScale(), 0.0f);
        assertEquals(-128, t.inputZero());
        // output range [-1, 3]: scale 4/255, zero point round(-128 + 1 / (4/255)) = round(-64.25) = -64
        assertEquals((float) (4.0 / 255), t.actScales()[2], 0.0f);
        assertEquals(-64, t.actZeros()[2]);
        assertEquals(127, t.w1()[0]);
        assertEquals(0, t.w1()[1]);
        assertEquals(127, t.w3()[0]);
        // bias -1 at scale s_h2 * s_w3 = (2/255) * (2/127)
        float biasScale = (float) (2.0 / 255) * (2.0f / 127.0f);
        assertEquals(Int8Quantizer.roundHalfAway(-1.0 / biasScale), t.b3()[0]);
    }
}

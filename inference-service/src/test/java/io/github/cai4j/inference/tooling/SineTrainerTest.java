package io.github.cai4j.inference.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SineTrainerTest {

    private static double maxError(SineNetwork n, int points) {
        double max = 0;
        for (int i = 0; i <= points; i++) {
            float x = (float) (SineTrainer.X_RANGE * (double) i / points);
            max = Math.max(max, Math.abs(n.evaluate(x) - StrictMath.sin(x)));
        }
        return max;
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndOtherSeedsDiffer() {
        SineNetwork a = new SineTrainer(7).train();
        SineNetwork b = new SineTrainer(7).train();
        SineNetwork c = new SineTrainer(8).train();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
    }

    @Test
    void theTrainedFloatNetworkFitsTheSineWell() {
        SineNetwork n = new SineTrainer(SineTrainer.DEFAULT_SEED).train();
        double err = maxError(n, 4000);
        assertTrue(err <= 0.02, "max |y - sin x| over [0, 2pi] = " + err);
        // every hidden unit of layer 1 is alive somewhere on [0, 2pi]
        float[] w1 = n.w1();
        float[] b1 = n.b1();
        int alive = 0;
        for (int j = 0; j < SineNetwork.HIDDEN; j++) {
            if (b1[j] > 0 || w1[j] * SineTrainer.X_RANGE + b1[j] > 0) {
                alive++;
            }
        }
        assertTrue(alive >= 12, "alive hidden units: " + alive);
    }

    @Test
    void evaluationSumsSequentiallyFromZeroWithoutFusedMultiplyAdd() {
        float[] w1 = new float[16];
        float[] b1 = new float[16];
        float[] w2 = new float[256];
        float[] b2 = new float[16];
        float[] w3 = new float[16];
        w1[0] = 1.0f;
        w2[0] = 1.0f;
        w3[0] = 0.1f;
        SineNetwork n = new SineNetwork(w1, b1, w2, b2, w3, 0.3f);
        float x = 0.7f;
        float expected = (0.0f + x * 0.1f) + 0.3f;
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(n.evaluate(x)));
        // ReLU: a negative input kills every unit, leaving the output bias
        assertEquals(Float.floatToIntBits(0.3f), Float.floatToIntBits(n.evaluate(-1.0f)));
    }
}

package io.github.cai4j.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.model.TfliteModel;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.inference.tooling.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The uTVM evaluator against the engine's TFLM float FULLY_CONNECTED: bit-identical on finite inputs (both sum from
 * 0.0f in order without fused multiply-add, bias last); they differ only where the uTVM ReLU maps NaN to 0.
 */
class SequentialFloatNetworkTest {

    private static void compare(byte[] model) throws Exception {
        SequentialFloatNetwork net = SequentialFloatNetwork.of(TfliteModel.read(model));
        Interpreter it = Interpreter.create(model);
        SplitMix64 rng = new SplitMix64(99);
        int n = 0;
        for (int deg = 0; deg < 360; deg++) {
            float x = InferenceClient.radians(deg);
            assertEquals(Float.floatToIntBits(it.runScalar(x)), Float.floatToIntBits(net.evaluate(x)), "deg " + deg);
            n++;
        }
        for (int i = 0; i < 1000; i++) {
            float x = (float) rng.nextDouble(-20.0, 20.0);
            assertEquals(Float.floatToIntBits(it.runScalar(x)), Float.floatToIntBits(net.evaluate(x)), "x " + x);
            n++;
        }
        assertEquals(1360, n);
        // NaN: TFLM's clamp keeps it, the generated code's `v > 0 ? v : 0` turns it into 0
        assertTrue(Float.isNaN(it.runScalar(Float.NaN)));
        assertTrue(Float.isFinite(net.evaluate(Float.NaN)));
    }

    @Test
    void matchesTheEngineOnTheShippedFloatModel() throws Exception {
        compare(SineModels.shippedFloat());
    }

    @Test
    void matchesTheEngineOnTheUtvmNetwork() throws Exception {
        compare(TestData.read("tflm/utvm_sine_float.tflite"));
    }
}

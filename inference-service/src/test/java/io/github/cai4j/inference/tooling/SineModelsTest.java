package io.github.cai4j.inference.tooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.model.BuiltinOperator;
import io.github.cai4j.inference.model.Operator;
import io.github.cai4j.inference.model.Quantization;
import io.github.cai4j.inference.model.SubGraph;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped models are exactly what the tooling generates, read back, and compute the sine. */
class SineModelsTest {
    private static final int GRID = 2000;
    private static SineModels.Generated generated;

    @BeforeAll
    static void generate() {
        generated = SineModels.generate(SineTrainer.DEFAULT_SEED);
    }

    @Test
    void regeneratingGivesTheShippedBytes() {
        assertArrayEquals(SineModels.shippedInt8(), generated.int8Model(), "sine_int8.tflite");
        assertArrayEquals(SineModels.shippedFloat(), generated.floatModel(), "sine_float.tflite");
    }

    @Test
    void int8ModelHasTheHelloWorldShape() throws Exception {
        TfliteModel m = TfliteModel.read(SineModels.shippedInt8());
        SubGraph g = m.mainGraph();
        assertEquals(3, g.operators().size());
        for (Operator op : g.operators()) {
            assertEquals(BuiltinOperator.FULLY_CONNECTED, m.operatorCode(op).code());
        }
        assertEquals(TensorType.INT8, g.tensor(g.input(0)).type());
        assertEquals(TensorType.INT8, g.tensor(g.output(0)).type());
        QuantizedSineNetwork q = generated.quantized();
        Quantization in = g.tensor(g.input(0)).quantization().orElseThrow();
        assertEquals(q.inputScale(), in.scale0());
        assertEquals(q.inputZero(), in.zeroPoint0());
        Quantization out = g.tensor(g.output(0)).quantization().orElseThrow();
        assertEquals(q.actScales()[2], out.scale0());
        assertEquals(q.actZeros()[2], out.zeroPoint0());
        int weights = 0;
        for (Operator op : g.operators()) {
            var w = g.tensor(op.input(1));
            var b = g.tensor(op.input(2));
            assertEquals(TensorType.INT8, w.type());
            assertEquals(TensorType.INT32, b.type());
            assertEquals(0L, w.quantization().orElseThrow().zeroPoint0());
            weights += m.bufferSize(w.buffer());
        }
        assertEquals(288, weights);
    }

    @Test
    void bothModelsReadBackAndComputeTheSine() throws Exception {
        Interpreter int8 = Interpreter.create(SineModels.shippedInt8());
        Interpreter f32 = Interpreter.create(SineModels.shippedFloat());
        SineNetwork net = generated.network();
        double maxInt8 = 0;
        double maxFloat = 0;
        int points = 0;
        for (int i = 0; i <= GRID; i++) {
            float x = (float) (SineTrainer.X_RANGE * (double) i / GRID);
            double s = StrictMath.sin(x);
            maxInt8 = Math.max(maxInt8, Math.abs(int8.runScalar(x) - s));
            float y = f32.runScalar(x);
            maxFloat = Math.max(maxFloat, Math.abs(y - s));
            // the float model computes exactly the trained network (same TFLM float order)
            assertEquals(Float.floatToIntBits(net.evaluate(x)), Float.floatToIntBits(y), "x = " + x);
            points++;
        }
        assertEquals(GRID + 1, points);
        assertTrue(maxInt8 <= 0.05, "int8 max |y - sin x| = " + maxInt8);
        assertTrue(maxFloat <= 0.02, "float max |y - sin x| = " + maxFloat);
    }
}

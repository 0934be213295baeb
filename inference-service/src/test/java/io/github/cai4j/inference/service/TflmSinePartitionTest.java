package io.github.cai4j.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.tooling.SineModels;
import org.junit.jupiter.api.Test;

/** The shipped int8 model behind the firmware's truncating quantization still computes the sine. */
class TflmSinePartitionTest {

    @Test
    void firmwareQuantizationPathStaysWithinTheToleranceOverEveryDegree() throws Exception {
        TflmSinePartition p = new TflmSinePartition();
        Interpreter reference = Interpreter.create(SineModels.shippedInt8());
        double max = 0;
        int n = 0;
        for (int deg = 0; deg <= 360; deg++) {
            float x = InferenceClient.radians(deg);
            byte q = p.quantize(x);
            byte out = p.invoke(q);
            reference.input(0).setInt8(0, q);
            reference.invoke();
            assertEquals(reference.output(0).getInt8(0), out, "deg " + deg);
            float y = p.dequantize(out);
            assertEquals((float) (out - reference.output(0).zeroPoint()) * reference.output(0).scale(), y);
            max = Math.max(max, Math.abs(y - StrictMath.sin(x)));
            n++;
        }
        assertEquals(361, n);
        assertTrue(max <= 0.05, "max |y - sin x| with truncating quantization = " + max);
    }
}

package io.github.cai4j.inference.engine;

import static io.github.cai4j.inference.testmodels.TestModelBuilder.float32;
import static io.github.cai4j.inference.testmodels.TestModelBuilder.int32;
import static io.github.cai4j.inference.testmodels.TestModelBuilder.int8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.model.BuiltinOperator;
import io.github.cai4j.inference.model.BuiltinOptions;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import io.github.cai4j.inference.testmodels.TestModelBuilder;
import io.github.cai4j.inference.testmodels.TflmTestData;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    @Test
    void unsupportedOperatorIsRefusedAtLoadWithItsName() throws Exception {
        TestModelBuilder t = new TestModelBuilder();
        int a = t.tensor(TensorType.FLOAT32, new int[] {1, 2}, 0f, 0, null);
        int b = t.tensor(TensorType.FLOAT32, new int[] {1, 4}, 0f, 0, null);
        t.op(2 /* CONCATENATION */, new int[] {a, a}, new int[] {b}, 0, null).io(new int[] {a}, new int[] {b});
        TfliteModel m = TfliteModel.read(t.build());
        ModelException e = assertThrows(ModelException.class, () -> Interpreter.create(m));
        assertEquals("operator 0: CONCATENATION is not supported", e.getMessage());
    }

    @Test
    void unusedOperatorCodesAreTolerated() throws Exception {
        TestModelBuilder t = new TestModelBuilder();
        int a = t.tensor(TensorType.FLOAT32, new int[] {2}, 0f, 0, null);
        int b = t.tensor(TensorType.FLOAT32, new int[] {2}, 0f, 0, null);
        t.unusedOpcode(2).unusedOpcode(200);
        t.op(BuiltinOperator.TANH, new int[] {a}, new int[] {b}, 0, null).io(new int[] {a}, new int[] {b});
        Interpreter it = Interpreter.create(TfliteModel.read(t.build()));
        assertArrayEquals(new float[] {0f, (float) Math.tanh(1.0)}, it.run(0f, 1f));
    }

    /** int8 ADD with a constant, then LOGISTIC, MUL by a constant and SOFTMAX: wiring of the element-wise ops. */
    @Test
    void elementwiseOperatorsRunThroughTheGraph() throws Exception {
        TestModelBuilder t = new TestModelBuilder();
        int x = t.tensor(TensorType.INT8, new int[] {1, 4}, 0.5f, 0, null);
        int c = t.tensor(TensorType.INT8, new int[] {4}, 0.5f, 0, int8(2, 2, -2, 0));
        int sum = t.tensor(TensorType.INT8, new int[] {1, 4}, 0.5f, 0, null);
        int sig = t.tensor(TensorType.INT8, new int[] {1, 4}, 1f / 256, -128, null);
        int half = t.tensor(TensorType.INT8, new int[] {1}, 1f / 64, 0, int8(32));
        int prod = t.tensor(TensorType.INT8, new int[] {1, 4}, 1f / 128, -128, null);
        int soft = t.tensor(TensorType.INT8, new int[] {1, 4}, 1f / 256, -128, null);
        t.op(BuiltinOperator.ADD, new int[] {x, c}, new int[] {sum}, BuiltinOptions.TYPE_ADD,
                TestModelBuilder.activationOptions(0));
        t.op(BuiltinOperator.LOGISTIC, new int[] {sum}, new int[] {sig}, 0, null);
        t.op(BuiltinOperator.MUL, new int[] {sig, half}, new int[] {prod}, BuiltinOptions.TYPE_MUL,
                TestModelBuilder.activationOptions(0));
        t.op(BuiltinOperator.SOFTMAX, new int[] {prod}, new int[] {soft}, BuiltinOptions.TYPE_SOFTMAX,
                TestModelBuilder.softmaxOptions(1f));
        t.io(new int[] {x}, new int[] {soft});
        Interpreter it = Interpreter.create(TfliteModel.read(t.build()),
                Interpreter.Options.defaults().withPreserveAllTensors(true));
        it.input(0).setInt8s(int8(0, 4, 2, -6));
        it.invoke();
        // ADD: [0+2, 4+2, 2-2, -6+0] at the same scale
        assertArrayEquals(int8(2, 6, 0, -6), it.tensor(sum).int8s());
        // LOGISTIC of [1, 3, 0, -3]: 0.731, 0.953, 0.5, 0.047 in steps of 1/256 from -128
        assertArrayEquals(int8(59, 116, 0, -116), it.tensor(sig).int8s());
        // MUL by the constant 0.5 (32 at scale 1/64), output scale 1/128 with zero point -128
        byte[] p = it.tensor(prod).int8s();
        for (int i = 0; i < 4; i++) {
            double real = 0.5 * (it.tensor(sig).getInt8(i) + 128) / 256.0;
            assertEquals(Math.max(-128, Math.rint(real * 128) - 128), p[i], 1.0, "element " + i);
        }
        // SOFTMAX sums to one within the quantization steps
        float total = 0;
        for (float v : it.output(0).floats()) {
            total += v;
        }
        assertEquals(1f, total, 4f / 256);
    }

    @Test
    void floatConvolutionPoolingAndActivationsRunThroughTheGraph() throws Exception {
        TestModelBuilder t = new TestModelBuilder();
        int in = t.tensor(TensorType.FLOAT32, new int[] {1, 2, 2, 1}, 0f, 0, null);
        int w = t.tensor(TensorType.FLOAT32, new int[] {2, 1, 1, 1}, 0f, 0, float32(1f, -1f));
        int bias = t.tensor(TensorType.FLOAT32, new int[] {2}, 0f, 0, float32(0.5f, 0f));
        int conv = t.tensor(TensorType.FLOAT32, new int[] {1, 2, 2, 2}, 0f, 0, null);
        int dw = t.tensor(TensorType.FLOAT32, new int[] {1, 1, 1, 2}, 0f, 0, float32(2f, 3f));
        int dwo = t.tensor(TensorType.FLOAT32, new int[] {1, 2, 2, 2}, 0f, 0, null);
        int pooled = t.tensor(TensorType.FLOAT32, new int[] {1, 1, 1, 2}, 0f, 0, null);
        int flat = t.tensor(TensorType.FLOAT32, new int[] {1, 2}, 0f, 0, null);
        t.op(BuiltinOperator.CONV_2D, new int[] {in, w, bias}, new int[] {conv}, BuiltinOptions.TYPE_CONV_2D,
                TestModelBuilder.convOptions(1, 1, 1, 1 /* RELU */));
        t.op(BuiltinOperator.DEPTHWISE_CONV_2D, new int[] {conv, dw, -1}, new int[] {dwo},
                BuiltinOptions.TYPE_DEPTHWISE_CONV_2D, TestModelBuilder.depthwiseOptions(1, 1, 1, 1, 0));
        t.op(BuiltinOperator.AVERAGE_POOL_2D, new int[] {dwo}, new int[] {pooled}, BuiltinOptions.TYPE_POOL_2D,
                TestModelBuilder.poolOptions(1, 2, 2, 0));
        t.op(BuiltinOperator.RESHAPE, new int[] {pooled}, new int[] {flat}, 0, null);
        t.io(new int[] {in}, new int[] {flat});
        Interpreter it = Interpreter.create(TfliteModel.read(t.build()));
        // conv + RELU: channel 0 = relu(x + 0.5) = [1.5, 0, 3.5, 0], channel 1 = relu(-x) = [0, 2, 0, 4];
        // depthwise x2 and x3: [3, 0, 7, 0] and [0, 6, 0, 12]; average over the 4 pixels: 2.5 and 4.5
        float[] y = it.run(1f, -2f, 3f, -4f);
        assertArrayEquals(new float[] {2.5f, 4.5f}, y);
        assertEquals(4, it.operatorCount());
        assertThrows(IllegalArgumentException.class, () -> it.run(1f, 2f));
    }

    @Test
    void hostileGraphsAreRefusedAtLoad() throws Exception {
        // a tensor of 2^30 floats in a file of a few hundred bytes
        TestModelBuilder big = new TestModelBuilder();
        int a = big.tensor(TensorType.FLOAT32, new int[] {1 << 15, 1 << 15}, 0f, 0, null);
        int b = big.tensor(TensorType.FLOAT32, new int[] {1 << 15, 1 << 15}, 0f, 0, null);
        big.op(BuiltinOperator.TANH, new int[] {a}, new int[] {b}, 0, null).io(new int[] {a}, new int[] {b});
        TfliteModel bigModel = TfliteModel.read(big.build());
        ModelException e = assertThrows(ModelException.class, () -> Interpreter.create(bigModel));
        assertTrue(e.getMessage().contains("arena"), e.getMessage());

        // a constant whose buffer is shorter than its shape
        TestModelBuilder shortConst = new TestModelBuilder();
        int x = shortConst.tensor(TensorType.FLOAT32, new int[] {1, 2}, 0f, 0, null);
        int w = shortConst.tensor(TensorType.FLOAT32, new int[] {1, 2}, 0f, 0, float32(1f));
        int y = shortConst.tensor(TensorType.FLOAT32, new int[] {1, 1}, 0f, 0, null);
        shortConst.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, -1}, new int[] {y},
                BuiltinOptions.TYPE_FULLY_CONNECTED, TestModelBuilder.fcOptions(0)).io(new int[] {x}, new int[] {y});
        TfliteModel sc = TfliteModel.read(shortConst.build());
        e = assertThrows(ModelException.class, () -> Interpreter.create(sc));
        assertTrue(e.getMessage().contains("holds 4 bytes") && e.getMessage().contains("needs 8"), e.getMessage());

        // an operator reading a tensor nobody writes
        TestModelBuilder dangling = new TestModelBuilder();
        int p = dangling.tensor(TensorType.FLOAT32, new int[] {2}, 0f, 0, null);
        int q = dangling.tensor(TensorType.FLOAT32, new int[] {2}, 0f, 0, null);
        int r = dangling.tensor(TensorType.FLOAT32, new int[] {2}, 0f, 0, null);
        dangling.op(BuiltinOperator.TANH, new int[] {q}, new int[] {r}, 0, null).io(new int[] {p}, new int[] {r});
        TfliteModel dm = TfliteModel.read(dangling.build());
        e = assertThrows(ModelException.class, () -> Interpreter.create(dm));
        assertEquals("operator 0 (TANH): reads tensor 1 before any operator writes it", e.getMessage());

        // a FULLY_CONNECTED whose int8 output lacks quantization
        TestModelBuilder noQuant = new TestModelBuilder();
        int i8 = noQuant.tensor(TensorType.INT8, new int[] {1, 1}, 0.1f, 0, null);
        int w8 = noQuant.tensor(TensorType.INT8, new int[] {1, 1}, 0.1f, 0, int8(1));
        int o8 = noQuant.tensor(TensorType.INT8, new int[] {1, 1}, 0f, 0, null);
        noQuant.op(BuiltinOperator.FULLY_CONNECTED, new int[] {i8, w8, -1}, new int[] {o8},
                BuiltinOptions.TYPE_FULLY_CONNECTED, TestModelBuilder.fcOptions(0)).io(new int[] {i8}, new int[] {o8});
        TfliteModel nq = TfliteModel.read(noQuant.build());
        e = assertThrows(ModelException.class, () -> Interpreter.create(nq));
        assertTrue(e.getMessage().contains("has no quantization parameters"), e.getMessage());
    }

    @Test
    void arenaReusesSpaceAndPreservationKeepsIntermediates() throws Exception {
        TfliteModel m = TflmTestData.model("tflm-conv/test_conv_model.tflite");
        Interpreter reusing = Interpreter.create(m);
        Interpreter preserving = Interpreter.create(m, Interpreter.Options.defaults().withPreserveAllTensors(true));
        assertTrue(reusing.arenaBytes() < preserving.arenaBytes(),
                reusing.arenaBytes() + " vs " + preserving.arenaBytes());
        // person_detect fits in about the arena TFLM reports (85024 bytes, including its own overhead)
        Interpreter pd = Interpreter.create(TflmTestData.model("tflm-conv/person_detect.tflite"));
        assertTrue(pd.arenaBytes() <= 85024, "arena " + pd.arenaBytes());
        // constants are visible but read-only; unused tensors have no view
        TensorView weights = reusing.tensor(m.mainGraph().operators().get(1).input(1));
        assertTrue(weights.isConstant());
        assertThrows(IllegalStateException.class, () -> weights.setInt8(0, 1));
        ModelException e = assertThrows(ModelException.class,
                () -> Interpreter.create(m, Interpreter.Options.defaults().withMaxArenaBytes(1024)));
        assertTrue(e.getMessage().contains("arena limit of 1024 bytes"), e.getMessage());
    }

    @Test
    void inputsSurviveAnInvocation() throws Exception {
        Interpreter it = Interpreter.create(TflmTestData.model("tflm-conv/micro_speech_quantized.tflite"));
        ConvModelsTflmTest.fillInputs(it, 1);
        byte[] in = it.input(0).rawBytes();
        it.invoke();
        byte[] first = it.output(0).rawBytes();
        assertArrayEquals(in, it.input(0).rawBytes());
        it.invoke();
        assertArrayEquals(first, it.output(0).rawBytes());
    }

    @Test
    void invokeDoesNotAllocate() throws Exception {
        Interpreter it = Interpreter.create(TflmTestData.model("tflm/hello_world_int8.tflite"));
        TensorView in = it.input(0);
        TensorView out = it.output(0);
        // the module under test does not read java.management; the tests run on the class path, so reflection works
        Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up the JIT
            in.setInt8(0, i);
            it.invoke();
            sink += out.getInt8(0);
        }
        long before = (Long) allocatedBytes.invoke(mx);
        for (int i = 0; i < 100_000; i++) {
            in.setInt8(0, i);
            it.invoke();
            sink += out.getInt8(0);
        }
        long allocated = (Long) allocatedBytes.invoke(mx) - before;
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 100000 invocations (" + sink + ")");
    }

    /** tflm.md §4: TensorFlow Lite (single rounding) differs from TFLM on exactly these 23 inputs. */
    @Test
    void singleRoundingModeReproducesTheDocumentedTfliteDifferences() throws Exception {
        String documented = "-124:14/15 -116:39/38 -105:68/67 -103:75/76 -78:117/116 -72:121/120 -69:122/123 "
                + "-23:70/69 -3:13/14 18:-46/-45 19:-48/-46 26:-64/-63 34:-80/-79 40:-91/-90 73:-112/-115 "
                + "74:-113/-114 77:-109/-110 78:-107/-110 87:-97/-96 93:-90/-89 104:-63/-66 111:-48/-49 121:-24/-25";
        TfliteModel m = TflmTestData.model("tflm/hello_world_int8.tflite");
        Interpreter tflm = Interpreter.create(m);
        Interpreter tflite = Interpreter.create(m, RoundingMode.TFLITE_SINGLE);
        assertEquals(RoundingMode.TFLITE_SINGLE, tflite.roundingMode());
        List<String> diffs = new ArrayList<>();
        for (int q = -128; q < 128; q++) {
            tflm.input(0).setInt8(0, q);
            tflite.input(0).setInt8(0, q);
            tflm.invoke();
            tflite.invoke();
            int a = tflm.output(0).getInt8(0);
            int b = tflite.output(0).getInt8(0);
            if (a != b) {
                diffs.add(q + ":" + a + "/" + b);
            }
        }
        assertEquals(documented, String.join(" ", diffs));
    }
}

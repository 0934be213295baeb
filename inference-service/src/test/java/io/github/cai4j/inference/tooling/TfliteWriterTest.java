package io.github.cai4j.inference.tooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.model.Activation;
import io.github.cai4j.inference.model.BuiltinOperator;
import io.github.cai4j.inference.model.BuiltinOptions;
import io.github.cai4j.inference.model.Operator;
import io.github.cai4j.inference.model.OperatorCode;
import io.github.cai4j.inference.model.Quantization;
import io.github.cai4j.inference.model.SubGraph;
import io.github.cai4j.inference.model.Tensor;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TfliteWriterTest {

    private static byte[] le32(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : v) {
            b.putInt(i);
        }
        return b.array();
    }

    private static byte[] tinyModel() {
        TfliteWriter w = new TfliteWriter("tiny");
        int in = w.addTensor("in", TfliteWriter.TensorType.INT8, new int[] {1, 2}, new int[] {-1, 2}, null,
                TfliteWriter.Quantization.perTensor(0.5f, -3));
        int wt = w.addTensor("w", TfliteWriter.TensorType.INT8, new int[] {3, 2}, null,
                new byte[] {1, -2, 3, -4, 5, -127}, TfliteWriter.Quantization.perTensor(0.25f, 0));
        int b = w.addTensor("b", TfliteWriter.TensorType.INT32, new int[] {3}, null, le32(7, -8, 1 << 30),
                TfliteWriter.Quantization.perTensor(0.125f, 0));
        int out = w.addTensor("out", TfliteWriter.TensorType.INT8, new int[] {1, 3}, null, null,
                TfliteWriter.Quantization.perTensor(2.0f, 5));
        w.addFullyConnected(in, wt, b, out, TfliteWriter.Activation.RELU6, 4);
        w.setInputs(in);
        w.setOutputs(out);
        return w.toBytes();
    }

    @Test
    void headerAndSchemaVersion() throws Exception {
        byte[] file = tinyModel();
        assertEquals("TFL3", new String(file, 4, 4, StandardCharsets.US_ASCII));
        TfliteModel m = TfliteModel.read(file);
        assertEquals(3, m.version());
        assertEquals("tiny", m.description());
        assertEquals(5, m.bufferCount(), "sentinel plus one buffer per tensor");
        assertFalse(m.hasData(0), "buffer 0 is the empty sentinel");
    }

    @Test
    void roundTripThroughTheModelReader() throws Exception {
        TfliteModel m = TfliteModel.read(tinyModel());
        OperatorCode code = m.operatorCodes().get(0);
        assertEquals(1, m.operatorCodes().size());
        assertEquals(BuiltinOperator.FULLY_CONNECTED, code.builtinCode());
        assertEquals(BuiltinOperator.FULLY_CONNECTED, code.deprecatedBuiltinCode());
        assertEquals(4, code.version());
        SubGraph g = m.mainGraph();
        assertEquals("main", g.name());
        assertArrayEquals(new int[] {0}, g.inputs());
        assertArrayEquals(new int[] {3}, g.outputs());
        Tensor in = g.tensor(0);
        assertEquals("in", in.name());
        assertEquals(TensorType.INT8, in.type());
        assertArrayEquals(new int[] {1, 2}, in.shape());
        assertArrayEquals(new int[] {-1, 2}, in.shapeSignature());
        assertFalse(m.hasData(in.buffer()));
        Quantization qi = in.quantization().orElseThrow();
        assertEquals(0.5f, qi.scale0());
        assertEquals(-3L, qi.zeroPoint0());
        Tensor w = g.tensor(1);
        assertArrayEquals(new byte[] {1, -2, 3, -4, 5, -127}, m.bufferData(w.buffer()));
        Tensor b = g.tensor(2);
        assertEquals(TensorType.INT32, b.type());
        assertArrayEquals(le32(7, -8, 1 << 30), m.bufferData(b.buffer()));
        assertEquals(0.125f, b.quantization().orElseThrow().scale0());
        Tensor out = g.tensor(3);
        assertEquals(5L, out.quantization().orElseThrow().zeroPoint0());
        assertEquals(1, g.operators().size());
        Operator op = g.operators().get(0);
        assertArrayEquals(new int[] {0, 1, 2}, op.inputs());
        assertArrayEquals(new int[] {3}, op.outputs());
        BuiltinOptions.FullyConnected fc = assertInstanceOf(BuiltinOptions.FullyConnected.class, op.options());
        assertEquals(Activation.RELU6, fc.activation());
        assertFalse(fc.keepNumDims());
    }

    @Test
    void constantDataIsSixteenByteAligned() throws Exception {
        byte[] file = tinyModel();
        TfliteModel m = TfliteModel.read(file);
        int found = 0;
        for (int i = 1; i < m.bufferCount(); i++) {
            if (m.hasData(i)) {
                byte[] data = m.bufferData(i);
                int at = indexOf(file, data);
                assertTrue(at >= 0);
                assertEquals(0, at % 16, "buffer " + i + " at offset " + at);
                found++;
            }
        }
        assertEquals(2, found);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void writingTwiceGivesTheSameBytes() {
        assertArrayEquals(tinyModel(), tinyModel());
    }

    @Test
    void rejectsInconsistentTensors() {
        TfliteWriter w = new TfliteWriter("bad");
        assertThrows(IllegalArgumentException.class, () -> w.addTensor("x", TfliteWriter.TensorType.FLOAT32,
                new int[] {2}, null, new byte[7], null));
        assertThrows(IllegalArgumentException.class, () -> w.addTensor("x", TfliteWriter.TensorType.FLOAT32,
                new int[] {0}, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> w.addFullyConnected(0, 1, 2, 3,
                TfliteWriter.Activation.NONE, 1));
    }
}

package io.github.cai4j.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.testmodels.TestModelBuilder;
import io.github.cai4j.inference.testmodels.TflmTestData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfliteModelTest {

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    @Test
    void readsTheLinaroModelAsTheFirmwareDescribesIt() throws Exception {
        TfliteModel m = TflmTestData.model("tflm/linaro_zsi_hello_world_int8.tflite");
        assertEquals(3, m.version());
        assertEquals("MLIR Converted.", m.description());
        assertEquals(2312, m.fileSize());
        SubGraph g = m.mainGraph();
        assertEquals(10, g.tensors().size());
        assertEquals(3, g.operators().size());
        for (Operator op : g.operators()) {
            assertEquals(BuiltinOperator.FULLY_CONNECTED, m.operatorCode(op).code());
            assertEquals(4, m.operatorCode(op).version());
        }
        assertArrayEquals(new int[] {0, 1, 2}, g.operators().get(0).inputs());
        assertArrayEquals(new int[] {7}, g.operators().get(0).outputs());
        assertEquals(Activation.RELU, ((BuiltinOptions.FullyConnected) g.operators().get(0).options()).activation());
        assertEquals(Activation.NONE, ((BuiltinOptions.FullyConnected) g.operators().get(2).options()).activation());
        Tensor in = g.tensor(g.input(0));
        assertEquals("serving_default_dense_2_input:0", in.name());
        assertEquals(TensorType.INT8, in.type());
        assertArrayEquals(new int[] {1, 1}, in.shape());
        assertEquals(0x3cc94f5d, bits(in.quantization().orElseThrow().scale0()));
        assertEquals(-128, in.quantization().orElseThrow().zeroPoint0());
        assertFalse(m.hasData(in.buffer()), "the input points at an empty buffer");
        Tensor out = g.tensor(g.output(0));
        assertEquals("StatefulPartitionedCall:0", out.name());
        assertEquals(0x3c0ace2c, bits(out.quantization().orElseThrow().scale0()));
        assertEquals(4, out.quantization().orElseThrow().zeroPoint0());
        Tensor w1 = g.tensor(1);
        assertEquals(TensorType.INT8, w1.type());
        assertArrayEquals(new int[] {16, 1}, w1.shape());
        assertEquals(16, m.bufferSize(w1.buffer()));
        Tensor b1 = g.tensor(2);
        assertEquals(TensorType.INT32, b1.type());
        assertEquals(64, m.bufferSize(b1.buffer()));
        assertTrue(m.metadata().containsKey("min_runtime_version"));
    }

    @Test
    void effectiveOpcodeIsTheMaximumOfBothFieldsAndUnusedOpcodesAreKept() throws Exception {
        TfliteModel m = TflmTestData.model("tflm/tflm_model_cc_2020.tflite");
        List<Integer> codes = m.operatorCodes().stream().map(OperatorCode::code).toList();
        assertTrue(codes.contains(BuiltinOperator.QUANTIZE), codes.toString());
        assertTrue(codes.contains(BuiltinOperator.DEQUANTIZE), codes.toString());
        assertEquals(3, m.mainGraph().operators().size());
        // codes from 127 on sit in the int field with the byte set to 127; older files only carry the byte
        assertEquals("CUMSUM", new OperatorCode(127, "", 1, 128).name());
        assertEquals(128, new OperatorCode(127, "", 1, 128).code());
        assertEquals(114, new OperatorCode(114, "", 1, 0).code());
        assertEquals(9, new OperatorCode(9, "", 1, 0).code());
        assertEquals("CUSTOM(foo)", new OperatorCode(32, "foo", 1, 32).name());
        assertEquals("BUILTIN_999", BuiltinOperator.name(999));
    }

    @Test
    void readsPerChannelQuantizationOfTheConvModels() throws Exception {
        TfliteModel m = TflmTestData.model("tflm-conv/test_conv_model.tflite");
        int perChannel = 0;
        for (Operator op : m.mainGraph().operators()) {
            if (m.operatorCode(op).code() == BuiltinOperator.CONV_2D) {
                Tensor f = m.mainGraph().tensor(op.input(1));
                Quantization q = f.quantization().orElseThrow();
                assertTrue(q.isPerChannel());
                assertEquals(f.dim(0), q.channelCount());
                assertEquals(0, q.quantizedDimension());
                BuiltinOptions.Conv2D o = (BuiltinOptions.Conv2D) op.options();
                assertEquals(Padding.VALID, o.padding());
                assertEquals(1, o.strideW());
                assertEquals(Activation.RELU, o.activation());
                perChannel++;
            }
        }
        assertEquals(2, perChannel);
        TfliteModel ms = TflmTestData.model("tflm-conv/micro_speech_quantized.tflite");
        Operator dw = ms.mainGraph().operators().get(1);
        BuiltinOptions.DepthwiseConv2D o = (BuiltinOptions.DepthwiseConv2D) dw.options();
        assertEquals(Padding.SAME, o.padding());
        assertEquals(2, o.strideH());
        assertEquals(8, o.depthMultiplier());
        assertEquals(3, ms.mainGraph().tensor(dw.input(1)).quantization().orElseThrow().quantizedDimension());
    }

    @Test
    void readsEveryShippedModel() throws Exception {
        String[] files = {"tflm/hello_world_float.tflite", "tflm/hello_world_int8.tflite",
            "tflm/linaro_zsi_hello_world_int8.tflite", "tflm/tflm_2023feb_hello_world.tflite",
            "tflm/tflm_model_cc_2020.tflite", "tflm/utvm_sine_float.tflite",
            "tflm-conv/micro_speech_quantized.tflite", "tflm-conv/person_detect.tflite",
            "tflm-conv/seanet_conv0.tflite", "tflm-conv/test_conv_model.tflite"};
        int read = 0;
        for (String f : files) {
            TfliteModel m = TflmTestData.model(f);
            assertFalse(m.mainGraph().operators().isEmpty(), f);
            read++;
        }
        assertEquals(files.length, read);
    }

    @Test
    void everyTruncationIsAModelException() throws Exception {
        byte[] file = TflmTestData.bytes("tflm/hello_world_int8.tflite");
        int refused = 0;
        for (int len = 0; len < file.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(file, len);
            try {
                TfliteModel.read(cut);
            } catch (ModelException e) {
                refused++;
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            }
        }
        // the model's buffers lie at the end, so every cut removes data some table refers to
        assertEquals(file.length, refused);
    }

    @Test
    void bitFlipsNeverEscapeAsRuntimeExceptions() throws Exception {
        byte[] file = TflmTestData.bytes("tflm/hello_world_int8.tflite");
        int trials = 0;
        for (int pos = 0; pos < 600; pos++) {
            for (int bit : new int[] {0, 3, 7}) {
                byte[] mutated = file.clone();
                mutated[pos] ^= (byte) (1 << bit);
                try {
                    TfliteModel.read(mutated);
                } catch (ModelException expected) {
                    // fine
                }
                trials++;
            }
        }
        assertEquals(1800, trials);
    }

    @Test
    void hostileHeaderAndVectorLengthsAreNamed() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> TfliteModel.read(new byte[4]));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        byte[] rootOutside = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fff_fff0).array();
        e = assertThrows(ModelException.class, () -> TfliteModel.read(rootOutside));
        assertTrue(e.getMessage().startsWith("Model at offset"), e.getMessage());

        // a tensor shape vector claiming 2^30 elements
        byte[] file = new TestModelBuilder().build();
        TfliteModel.read(file);
        byte[] good = TflmTestData.bytes("tflm/hello_world_int8.tflite");
        TfliteModel m = TfliteModel.read(good);
        assertEquals(3, m.version());
        byte[] hostile = good.clone();
        // find the buffers vector of the model and inflate its length
        ByteBuffer bb = ByteBuffer.wrap(hostile).order(ByteOrder.LITTLE_ENDIAN);
        int root = bb.getInt(0);
        int vtable = root - bb.getInt(root);
        int buffersField = root + Short.toUnsignedInt(bb.getShort(vtable + 4 + 2 * 4));
        int buffersVec = buffersField + bb.getInt(buffersField);
        bb.putInt(buffersVec, 0x4000_0000);
        e = assertThrows(ModelException.class, () -> TfliteModel.read(hostile));
        assertTrue(e.getMessage().contains("runs past the end of the file"), e.getMessage());
    }

    @Test
    void wrongSchemaVersionIsRefused() {
        byte[] file = new TestModelBuilder().version(2).build();
        ModelException e = assertThrows(ModelException.class, () -> TfliteModel.read(file));
        assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
    }

    @Test
    void sharedVectorsCannotInflateTheDecodedSize() throws Exception {
        // many tensors whose shape vectors all point at one long vector: built by hand below
        com.google.flatbuffers.FlatBufferBuilder b = new com.google.flatbuffers.FlatBufferBuilder();
        int n = 20000;
        b.startVector(4, n, 4);
        for (int i = 0; i < n; i++) {
            b.addInt(1);
        }
        int shape = b.endVector();
        int tensorCount = 400;
        int[] tensors = new int[tensorCount];
        for (int i = 0; i < tensorCount; i++) {
            b.startTable(9);
            b.addOffset(0, shape, 0);
            tensors[i] = b.endTable();
        }
        int tv = b.createVectorOfTables(tensors);
        b.startTable(5);
        b.addOffset(0, tv, 0);
        int sg = b.endTable();
        int sgv = b.createVectorOfTables(new int[] {sg});
        b.startTable(3);
        int buf0 = b.endTable();
        int bufv = b.createVectorOfTables(new int[] {buf0});
        b.startTable(8);
        b.addInt(0, 3, 0);
        b.addOffset(2, sgv, 0);
        b.addOffset(4, bufv, 0);
        b.finish(b.endTable(), "TFL3");
        byte[] file = b.sizedByteArray();
        ModelException e = assertThrows(ModelException.class, () -> TfliteModel.read(file));
        assertTrue(e.getMessage().contains("refers to more data than it holds"), e.getMessage());
    }

    @Test
    void indicesOutOfRangeAreNamed() {
        TestModelBuilder t = new TestModelBuilder();
        int x = t.tensor(TensorType.FLOAT32, new int[] {1}, 0f, 0, null);
        t.op(BuiltinOperator.RESHAPE, new int[] {x}, new int[] {7}, 0, null).io(new int[] {x}, new int[] {x});
        ModelException e = assertThrows(ModelException.class, () -> TfliteModel.read(t.build()));
        assertTrue(e.getMessage().contains("Operator 0 outputs") && e.getMessage().contains("tensor index 7"),
                e.getMessage());
    }
}

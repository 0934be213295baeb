package io.github.cai4j.inference.testmodels;

import com.google.flatbuffers.FlatBufferBuilder;
import io.github.cai4j.inference.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/** Builds small {@code .tflite} files for tests with flatbuffers-java's builder. */
public final class TestModelBuilder {
    private record TensorSpec(TensorType type, int[] shape, float[] scales, long[] zeroPoints, int qdim, byte[] data,
                              String name) {
    }

    private record OpSpec(int code, int[] in, int[] out, int optionsType, ToIntFunction<FlatBufferBuilder> options) {
    }

    private final List<TensorSpec> tensors = new ArrayList<>();
    private final List<OpSpec> ops = new ArrayList<>();
    private final List<Integer> opcodes = new ArrayList<>();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];
    private int version = 3;

    /** Adds a tensor and returns its index; {@code data == null} means no constant. */
    public int tensor(TensorType type, int[] shape, float[] scales, long[] zeroPoints, int qdim, byte[] data) {
        tensors.add(new TensorSpec(type, shape.clone(), scales, zeroPoints, qdim, data, "t" + tensors.size()));
        return tensors.size() - 1;
    }

    /** A per-tensor quantized or float tensor ({@code scale == 0} for none). */
    public int tensor(TensorType type, int[] shape, float scale, long zeroPoint, byte[] data) {
        if (scale == 0f) {
            return tensor(type, shape, null, null, 0, data);
        }
        return tensor(type, shape, new float[] {scale}, new long[] {zeroPoint}, 0, data);
    }

    /** Adds an operator with builtin options built by {@code options} (may be null). */
    public TestModelBuilder op(int code, int[] in, int[] out, int optionsType,
                               ToIntFunction<FlatBufferBuilder> options) {
        if (!opcodes.contains(code)) {
            opcodes.add(code);
        }
        ops.add(new OpSpec(code, in.clone(), out.clone(), optionsType, options));
        return this;
    }

    /** Registers an operator code no operator uses. */
    public TestModelBuilder unusedOpcode(int code) {
        opcodes.add(code);
        return this;
    }

    public TestModelBuilder io(int[] in, int[] out) {
        this.inputs = in.clone();
        this.outputs = out.clone();
        return this;
    }

    public TestModelBuilder version(int v) {
        this.version = v;
        return this;
    }

    /** {@code FullyConnectedOptions} with a fused activation. */
    public static ToIntFunction<FlatBufferBuilder> fcOptions(int activation) {
        return b -> {
            b.startTable(4);
            b.addByte(0, (byte) activation, 0);
            return b.endTable();
        };
    }

    /** {@code Conv2DOptions}. */
    public static ToIntFunction<FlatBufferBuilder> convOptions(int padding, int strideW, int strideH, int activation) {
        return b -> {
            b.startTable(6);
            b.addByte(0, (byte) padding, 0);
            b.addInt(1, strideW, 0);
            b.addInt(2, strideH, 0);
            b.addByte(3, (byte) activation, 0);
            return b.endTable();
        };
    }

    /** {@code DepthwiseConv2DOptions}. */
    public static ToIntFunction<FlatBufferBuilder> depthwiseOptions(int padding, int strideW, int strideH,
                                                                    int depthMultiplier, int activation) {
        return b -> {
            b.startTable(7);
            b.addByte(0, (byte) padding, 0);
            b.addInt(1, strideW, 0);
            b.addInt(2, strideH, 0);
            b.addInt(3, depthMultiplier, 0);
            b.addByte(4, (byte) activation, 0);
            return b.endTable();
        };
    }

    /** {@code Pool2DOptions}. */
    public static ToIntFunction<FlatBufferBuilder> poolOptions(int padding, int stride, int filter, int activation) {
        return b -> {
            b.startTable(6);
            b.addByte(0, (byte) padding, 0);
            b.addInt(1, stride, 0);
            b.addInt(2, stride, 0);
            b.addInt(3, filter, 0);
            b.addInt(4, filter, 0);
            b.addByte(5, (byte) activation, 0);
            return b.endTable();
        };
    }

    /** {@code SoftmaxOptions}. */
    public static ToIntFunction<FlatBufferBuilder> softmaxOptions(float beta) {
        return b -> {
            b.startTable(1);
            b.addFloat(0, beta, 0f);
            return b.endTable();
        };
    }

    /** {@code AddOptions} / {@code MulOptions}: one activation field. */
    public static ToIntFunction<FlatBufferBuilder> activationOptions(int activation) {
        return b -> {
            b.startTable(1);
            b.addByte(0, (byte) activation, 0);
            return b.endTable();
        };
    }

    public static byte[] int8(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    public static byte[] int16(int... v) {
        ByteBuffer bb = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            bb.putShort((short) x);
        }
        return bb.array();
    }

    public static byte[] int32(int... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            bb.putInt(x);
        }
        return bb.array();
    }

    public static byte[] int64(long... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            bb.putLong(x);
        }
        return bb.array();
    }

    public static byte[] float32(float... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bb.putFloat(x);
        }
        return bb.array();
    }

    private static int intVector(FlatBufferBuilder b, int[] v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) {
            b.addInt(v[i]);
        }
        return b.endVector();
    }

    public byte[] build() {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        // buffers: 0 = empty sentinel, then one per constant tensor
        List<Integer> bufferOffsets = new ArrayList<>();
        b.startTable(3);
        bufferOffsets.add(b.endTable());
        int[] tensorBuffer = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            byte[] data = tensors.get(i).data();
            if (data == null) {
                continue;
            }
            b.startVector(1, data.length, 16);
            for (int k = data.length - 1; k >= 0; k--) {
                b.addByte(data[k]);
            }
            int vec = b.endVector();
            b.startTable(3);
            b.addOffset(0, vec, 0);
            tensorBuffer[i] = bufferOffsets.size();
            bufferOffsets.add(b.endTable());
        }
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            TensorSpec t = tensors.get(i);
            int name = b.createString(t.name());
            int shape = intVector(b, t.shape());
            int quant = 0;
            if (t.scales() != null) {
                b.startVector(4, t.scales().length, 4);
                for (int k = t.scales().length - 1; k >= 0; k--) {
                    b.addFloat(t.scales()[k]);
                }
                int scales = b.endVector();
                b.startVector(8, t.zeroPoints().length, 8);
                for (int k = t.zeroPoints().length - 1; k >= 0; k--) {
                    b.addLong(t.zeroPoints()[k]);
                }
                int zps = b.endVector();
                b.startTable(7);
                b.addOffset(2, scales, 0);
                b.addOffset(3, zps, 0);
                b.addInt(6, t.qdim(), 0);
                quant = b.endTable();
            }
            b.startTable(9);
            b.addOffset(0, shape, 0);
            b.addByte(1, (byte) t.type().code(), 0);
            b.addInt(2, tensorBuffer[i], 0);
            b.addOffset(3, name, 0);
            if (quant != 0) {
                b.addOffset(4, quant, 0);
            }
            tensorOffsets[i] = b.endTable();
        }
        int[] opOffsets = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            OpSpec op = ops.get(i);
            int in = intVector(b, op.in());
            int out = intVector(b, op.out());
            int options = op.options() == null ? 0 : op.options().applyAsInt(b);
            b.startTable(13);
            b.addInt(0, opcodes.indexOf(op.code()), 0);
            b.addOffset(1, in, 0);
            b.addOffset(2, out, 0);
            if (options != 0) {
                b.addByte(3, (byte) op.optionsType(), 0);
                b.addOffset(4, options, 0);
            }
            opOffsets[i] = b.endTable();
        }
        int tensorVec = b.createVectorOfTables(tensorOffsets);
        int inVec = intVector(b, inputs);
        int outVec = intVector(b, outputs);
        int opVec = b.createVectorOfTables(opOffsets);
        int sgName = b.createString("main");
        b.startTable(5);
        b.addOffset(0, tensorVec, 0);
        b.addOffset(1, inVec, 0);
        b.addOffset(2, outVec, 0);
        b.addOffset(3, opVec, 0);
        b.addOffset(4, sgName, 0);
        int subgraph = b.endTable();
        int[] opcodeOffsets = new int[opcodes.size()];
        for (int i = 0; i < opcodes.size(); i++) {
            int code = opcodes.get(i);
            b.startTable(4);
            b.addByte(0, (byte) Math.min(code, 127), 0);
            b.addInt(2, 1, 1);
            b.addInt(3, code, 0);
            opcodeOffsets[i] = b.endTable();
        }
        int opcodeVec = b.createVectorOfTables(opcodeOffsets);
        int sgVec = b.createVectorOfTables(new int[] {subgraph});
        int desc = b.createString("test model");
        int bufVec = b.createVectorOfTables(bufferOffsets.stream().mapToInt(Integer::intValue).toArray());
        b.startTable(8);
        b.addInt(0, version, 0);
        b.addOffset(1, opcodeVec, 0);
        b.addOffset(2, sgVec, 0);
        b.addOffset(3, desc, 0);
        b.addOffset(4, bufVec, 0);
        int model = b.endTable();
        b.finish(model, "TFL3");
        return b.sizedByteArray();
    }

    @Override
    public String toString() {
        return "TestModelBuilder" + Arrays.toString(inputs) + Arrays.toString(outputs);
    }
}

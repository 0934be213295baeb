package io.github.cai4j.inference.tooling;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a TFLite flatbuffer (schema version 3, file identifier {@code TFL3}) with one subgraph of
 * FULLY_CONNECTED operators, the subset the sine models need ({@code spec/tflm.md} §3).
 *
 * <p>Layout conventions follow the TFLite converter: buffer 0 is the empty sentinel, every tensor has a buffer
 * of its own (empty for activations), constant data is 16-byte aligned, operator codes carry both
 * {@code deprecated_builtin_code} and {@code builtin_code}. The output is a pure function of the calls made,
 * so writing the same model twice gives the same bytes.
 */
public final class TfliteWriter {
    /** {@code Model.version} written to every file. */
    public static final int SCHEMA_VERSION = 3;

    private static final int BUILTIN_FULLY_CONNECTED = 9;
    private static final byte OPTIONS_FULLY_CONNECTED = 8;
    private static final int DATA_ALIGNMENT = 16;

    /** TFLite {@code TensorType} values (schema numbering, not TfLiteType). */
    public enum TensorType {
        FLOAT32(0, 4), INT32(2, 4), INT8(9, 1);

        private final int code;
        private final int size;

        TensorType(int code, int size) {
            this.code = code;
            this.size = size;
        }

        /** The schema's enum value. */
        public int code() {
            return code;
        }

        /** Bytes per element. */
        public int size() {
            return size;
        }
    }

    /** {@code ActivationFunctionType} of a fused activation. */
    public enum Activation {
        NONE(0), RELU(1), RELU_N1_TO_1(2), RELU6(3);

        private final int code;

        Activation(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** Per-tensor or per-axis quantization: {@code real = scale * (q - zeroPoint)}. */
    public record Quantization(float[] scale, long[] zeroPoint) {
        public Quantization {
            scale = scale.clone();
            zeroPoint = zeroPoint.clone();
            if (scale.length == 0 || scale.length != zeroPoint.length) {
                throw new IllegalArgumentException("scale and zero point need the same, non-zero length");
            }
        }

        /** One scale and zero point for the whole tensor. */
        public static Quantization perTensor(float scale, long zeroPoint) {
            return new Quantization(new float[] {scale}, new long[] {zeroPoint});
        }

        @Override
        public float[] scale() {
            return scale.clone();
        }

        @Override
        public long[] zeroPoint() {
            return zeroPoint.clone();
        }
    }

    private record TensorSpec(String name, TensorType type, int[] shape, int[] shapeSignature, byte[] data,
                              Quantization quantization) {
    }

    private record OperatorSpec(int[] inputs, int[] outputs, Activation activation, int version) {
    }

    private final String description;
    private final List<TensorSpec> tensors = new ArrayList<>();
    private final List<OperatorSpec> operators = new ArrayList<>();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];
    private int fullyConnectedVersion = 1;

    /** @param description the model's {@code description} string */
    public TfliteWriter(String description) {
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Adds a tensor and returns its index.
     *
     * @param shapeSignature the shape with -1 for a dynamic batch, or {@code null} to omit it
     * @param data           little-endian constant contents, or {@code null} for an activation tensor
     * @param quantization   the quantization, or {@code null} for none
     */
    public int addTensor(String name, TensorType type, int[] shape, int[] shapeSignature, byte[] data,
                         Quantization quantization) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        long elements = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": dimension " + d + " must be positive");
            }
            elements *= d;
        }
        if (data != null && data.length != elements * type.size()) {
            throw new IllegalArgumentException("tensor " + name + ": " + data.length + " data bytes for "
                    + elements + " elements of " + type);
        }
        tensors.add(new TensorSpec(name, type, shape.clone(),
                shapeSignature == null ? null : shapeSignature.clone(), data == null ? null : data.clone(),
                quantization));
        return tensors.size() - 1;
    }

    /** Adds {@code output = FULLY_CONNECTED(input, weights, bias)} with a fused activation. */
    public void addFullyConnected(int input, int weights, int bias, int output, Activation activation,
                                  int opVersion) {
        for (int t : new int[] {input, weights, bias, output}) {
            if (t < 0 || t >= tensors.size()) {
                throw new IllegalArgumentException("no tensor " + t);
            }
        }
        operators.add(new OperatorSpec(new int[] {input, weights, bias}, new int[] {output},
                Objects.requireNonNull(activation, "activation"), opVersion));
        fullyConnectedVersion = Math.max(fullyConnectedVersion, opVersion);
    }

    /** The subgraph's input tensors. */
    public void setInputs(int... tensorIndexes) {
        inputs = tensorIndexes.clone();
    }

    /** The subgraph's output tensors. */
    public void setOutputs(int... tensorIndexes) {
        outputs = tensorIndexes.clone();
    }

    /** Serialises the model. */
    public byte[] toBytes() {
        FlatBufferBuilder b = new FlatBufferBuilder(4096);

        // buffers: 0 = sentinel, then one per tensor
        int[] buffers = new int[tensors.size() + 1];
        buffers[0] = emptyTable(b);
        for (int i = 0; i < tensors.size(); i++) {
            byte[] data = tensors.get(i).data();
            if (data == null) {
                buffers[i + 1] = emptyTable(b);
            } else {
                b.startVector(1, data.length, DATA_ALIGNMENT);
                for (int k = data.length - 1; k >= 0; k--) {
                    b.addByte(data[k]);
                }
                int vec = b.endVector();
                b.startTable(3);
                b.addOffset(0, vec, 0);
                buffers[i + 1] = b.endTable();
            }
        }

        int[] tensorTables = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            tensorTables[i] = tensor(b, tensors.get(i), i + 1);
        }

        int[] operatorTables = new int[operators.size()];
        for (int i = 0; i < operators.size(); i++) {
            OperatorSpec op = operators.get(i);
            int in = intVector(b, op.inputs());
            int out = intVector(b, op.outputs());
            b.startTable(1);
            b.addByte(0, (byte) op.activation().code(), 0);
            int options = b.endTable();
            b.startTable(5);
            b.addInt(0, 0, 0); // opcode_index: the only operator code
            b.addOffset(1, in, 0);
            b.addOffset(2, out, 0);
            b.addOffset(4, options, 0);
            b.addByte(3, OPTIONS_FULLY_CONNECTED, 0);
            operatorTables[i] = b.endTable();
        }

        int tensorsVec = b.createVectorOfTables(tensorTables);
        int inputsVec = intVector(b, inputs);
        int outputsVec = intVector(b, outputs);
        int operatorsVec = b.createVectorOfTables(operatorTables);
        int subgraphName = b.createString("main");
        b.startTable(5);
        b.addOffset(0, tensorsVec, 0);
        b.addOffset(1, inputsVec, 0);
        b.addOffset(2, outputsVec, 0);
        b.addOffset(3, operatorsVec, 0);
        b.addOffset(4, subgraphName, 0);
        int subgraph = b.endTable();

        b.startTable(4);
        b.addByte(0, (byte) BUILTIN_FULLY_CONNECTED, 0);
        b.addInt(2, fullyConnectedVersion, 0);
        b.addInt(3, BUILTIN_FULLY_CONNECTED, 0);
        int opcode = b.endTable();

        int opcodesVec = b.createVectorOfTables(new int[] {opcode});
        int subgraphsVec = b.createVectorOfTables(new int[] {subgraph});
        int descriptionStr = b.createString(description);
        int buffersVec = b.createVectorOfTables(buffers);
        b.startTable(8);
        b.addInt(0, SCHEMA_VERSION, 0);
        b.addOffset(1, opcodesVec, 0);
        b.addOffset(2, subgraphsVec, 0);
        b.addOffset(3, descriptionStr, 0);
        b.addOffset(4, buffersVec, 0);
        int model = b.endTable();
        b.finish(model, "TFL3");
        return b.sizedByteArray();
    }

    private static int emptyTable(FlatBufferBuilder b) {
        b.startTable(0);
        return b.endTable();
    }

    private static int tensor(FlatBufferBuilder b, TensorSpec t, int buffer) {
        int shape = intVector(b, t.shape());
        int name = b.createString(t.name());
        int quantization = 0;
        if (t.quantization() != null) {
            float[] scale = t.quantization().scale();
            long[] zp = t.quantization().zeroPoint();
            b.startVector(4, scale.length, 4);
            for (int k = scale.length - 1; k >= 0; k--) {
                b.addFloat(scale[k]);
            }
            int scaleVec = b.endVector();
            b.startVector(8, zp.length, 8);
            for (int k = zp.length - 1; k >= 0; k--) {
                b.addLong(zp[k]);
            }
            int zpVec = b.endVector();
            b.startTable(7);
            b.addOffset(2, scaleVec, 0);
            b.addOffset(3, zpVec, 0);
            quantization = b.endTable();
        }
        int signature = t.shapeSignature() == null ? 0 : intVector(b, t.shapeSignature());
        b.startTable(9);
        b.addOffset(0, shape, 0);
        b.addInt(2, buffer, 0);
        b.addOffset(3, name, 0);
        if (quantization != 0) {
            b.addOffset(4, quantization, 0);
        }
        if (signature != 0) {
            b.addOffset(7, signature, 0);
        }
        b.addByte(1, (byte) t.type().code(), 0);
        return b.endTable();
    }

    private static int intVector(FlatBufferBuilder b, int[] values) {
        b.startVector(4, values.length, 4);
        for (int k = values.length - 1; k >= 0; k--) {
            b.addInt(values[k]);
        }
        return b.endVector();
    }
}

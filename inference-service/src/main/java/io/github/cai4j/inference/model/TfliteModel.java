package io.github.cai4j.inference.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code .tflite} model (TFLite flatbuffer schema version 3), read and validated. The reader checks every offset
 * and length against the file, so a truncated or hostile file yields a {@link ModelException} naming what is wrong and
 * where; it never decodes more data than a small multiple of the file's own size. Tensor and operator indices are
 * checked to be in range; operators are not checked for support here (that is the interpreter's job), and operator
 * codes no operator uses are tolerated.
 *
 * <p>Instances are immutable; the file bytes are copied on {@link #read(byte[])}.
 */
public final class TfliteModel {
    /** The only schema version this reader accepts. */
    public static final int SCHEMA_VERSION = 3;
    /** The file identifier at bytes 4..8. */
    public static final String FILE_IDENTIFIER = "TFL3";

    private final byte[] file;
    private final int version;
    private final String description;
    private final List<OperatorCode> operatorCodes;
    private final List<SubGraph> subgraphs;
    private final int[] bufferOffset;
    private final int[] bufferLength;
    private final Map<String, Integer> metadata;

    private TfliteModel(byte[] file, int version, String description, List<OperatorCode> operatorCodes,
                        List<SubGraph> subgraphs, int[] bufferOffset, int[] bufferLength, Map<String, Integer> metadata) {
        this.file = file;
        this.version = version;
        this.description = description;
        this.operatorCodes = List.copyOf(operatorCodes);
        this.subgraphs = List.copyOf(subgraphs);
        this.bufferOffset = bufferOffset;
        this.bufferLength = bufferLength;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Reads and validates a model; the bytes are copied. */
    public static TfliteModel read(byte[] bytes) throws ModelException {
        if (bytes == null) {
            throw new ModelException("model: no bytes");
        }
        byte[] file = bytes.clone();
        if (file.length < 8) {
            throw new ModelException(String.format(Locale.ROOT,
                    "model: file of %d bytes is too short for a flatbuffer header", file.length));
        }
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
        FlatTable.Budget budget = new FlatTable.Budget(8L * file.length + 4096);
        long root = Integer.toUnsignedLong(bb.getInt(0));
        FlatTable model = FlatTable.at(bb, root, "Model", budget);

        long version = model.uint32(0, 0);
        if (version != SCHEMA_VERSION) {
            throw new ModelException(String.format(Locale.ROOT,
                    "Model at offset %d: schema version %d, expected %d", model.position(), version, SCHEMA_VERSION));
        }
        String description = model.string(3, "");

        // buffers first: tensors refer to them
        FlatTable.Vec bufVec = model.vector(4, 4);
        int[] bufOff = new int[bufVec.length()];
        int[] bufLen = new int[bufVec.length()];
        for (int i = 0; i < bufVec.length(); i++) {
            String label = "Buffer " + i;
            FlatTable b = model.tableAt(bufVec, i, label);
            FlatTable.Vec data = b.vector(0, 1);
            long offset = b.int64(1, 0);
            long size = b.int64(2, 0);
            if (offset > 1) {
                // data stored after the flatbuffer (models over 2 GB); offsets are from the start of the file
                if (size < 0 || offset + size > file.length || offset + size < offset) {
                    throw FlatTable.error(label, b.position(), String.format(Locale.ROOT,
                            "external data [%d, +%d) outside the file", offset, size));
                }
                bufOff[i] = (int) offset;
                bufLen[i] = (int) size;
            } else {
                bufOff[i] = data.start();
                bufLen[i] = data.length();
            }
        }

        FlatTable.Vec opcVec = model.vector(1, 4);
        List<OperatorCode> opcodes = new ArrayList<>(opcVec.length());
        for (int i = 0; i < opcVec.length(); i++) {
            FlatTable oc = model.tableAt(opcVec, i, "OperatorCode " + i);
            int deprecated = oc.int8(0, 0);
            String custom = oc.string(1, "");
            int opVersion = oc.int32(2, 1);
            int builtin = oc.int32(3, 0);
            opcodes.add(new OperatorCode(deprecated, custom, opVersion, builtin));
        }

        FlatTable.Vec sgVec = model.vector(2, 4);
        if (sgVec.length() == 0) {
            throw new ModelException("Model: no subgraphs");
        }
        List<SubGraph> subgraphs = new ArrayList<>(sgVec.length());
        for (int s = 0; s < sgVec.length(); s++) {
            subgraphs.add(readSubGraph(model.tableAt(sgVec, s, "SubGraph " + s), s, bufOff.length, opcodes.size()));
        }

        Map<String, Integer> metadata = new LinkedHashMap<>();
        FlatTable.Vec mdVec = model.vector(6, 4);
        for (int i = 0; i < mdVec.length(); i++) {
            FlatTable md = model.tableAt(mdVec, i, "Metadata " + i);
            String name = md.string(0, "");
            long buffer = md.uint32(1, 0);
            if (buffer >= bufOff.length) {
                throw FlatTable.error("Metadata " + i, md.position(),
                        String.format(Locale.ROOT, "buffer index %d out of range (%d buffers)", buffer, bufOff.length));
            }
            metadata.putIfAbsent(name, (int) buffer);
        }
        return new TfliteModel(file, (int) version, description, opcodes, subgraphs, bufOff, bufLen, metadata);
    }

    private static SubGraph readSubGraph(FlatTable sg, int s, int bufferCount, int opcodeCount) throws ModelException {
        String where = "SubGraph " + s;
        FlatTable.Vec tVec = sg.vector(0, 4);
        int tensorCount = tVec.length();
        List<Tensor> tensors = new ArrayList<>(tensorCount);
        for (int i = 0; i < tensorCount; i++) {
            tensors.add(readTensor(sg.tableAt(tVec, i, where + " Tensor " + i), i, bufferCount));
        }
        int[] inputs = sg.intVector(1);
        int[] outputs = sg.intVector(2);
        checkIndices(inputs, tensorCount, where + " inputs", false, sg.position());
        checkIndices(outputs, tensorCount, where + " outputs", false, sg.position());
        FlatTable.Vec opVec = sg.vector(3, 4);
        List<Operator> ops = new ArrayList<>(opVec.length());
        for (int i = 0; i < opVec.length(); i++) {
            String label = where + " Operator " + i;
            FlatTable op = sg.tableAt(opVec, i, label);
            long opcodeIndex = op.uint32(0, 0);
            if (opcodeIndex >= opcodeCount) {
                throw FlatTable.error(label, op.position(), String.format(Locale.ROOT,
                        "opcode index %d out of range (%d operator codes)", opcodeIndex, opcodeCount));
            }
            int[] in = op.intVector(1);
            int[] out = op.intVector(2);
            checkIndices(in, tensorCount, label + " inputs", true, op.position());
            checkIndices(out, tensorCount, label + " outputs", false, op.position());
            BuiltinOptions options = readOptions(op, label);
            ops.add(new Operator(i, (int) opcodeIndex, in, out, options));
        }
        String name = sg.string(4, "");
        return new SubGraph(name, tensors, inputs, outputs, ops);
    }

    private static void checkIndices(int[] idx, int count, String label, boolean optionalAllowed, int offset)
            throws ModelException {
        for (int i = 0; i < idx.length; i++) {
            int v = idx[i];
            if (v >= count || v < (optionalAllowed ? -1 : 0)) {
                throw FlatTable.error(label, offset, String.format(Locale.ROOT,
                        "tensor index %d at position %d out of range (%d tensors)", v, i, count));
            }
        }
    }

    private static Tensor readTensor(FlatTable t, int index, int bufferCount) throws ModelException {
        String label = t.label();
        int[] shape = t.intVector(0);
        for (int d : shape) {
            if (d < 0) {
                throw FlatTable.error(label, t.position(), "negative dimension " + d + " in shape");
            }
        }
        int typeCode = t.int8(1, 0);
        TensorType type;
        try {
            type = TensorType.fromCode(typeCode);
        } catch (ModelException e) {
            throw FlatTable.error(label, t.position(), e.getMessage());
        }
        long buffer = t.uint32(2, 0);
        if (buffer >= bufferCount) {
            throw FlatTable.error(label, t.position(), String.format(Locale.ROOT,
                    "buffer index %d out of range (%d buffers)", buffer, bufferCount));
        }
        String name = t.string(3, "");
        Optional<Quantization> q = Optional.empty();
        FlatTable qt = t.table(4, label + " quantization");
        if (qt != null) {
            float[] min = qt.floatVector(0);
            float[] max = qt.floatVector(1);
            float[] scale = qt.floatVector(2);
            long[] zp = qt.longVector(3);
            int qdim = qt.int32(6, 0);
            if (zp.length != 0 && scale.length != zp.length) {
                throw FlatTable.error(label, qt.position(), String.format(Locale.ROOT,
                        "%d scales but %d zero points", scale.length, zp.length));
            }
            if (scale.length > 0 || min.length > 0 || max.length > 0) {
                q = Optional.of(new Quantization(min, max, scale, zp, qdim));
            }
        }
        boolean isVariable = t.bool(5, false);
        if (t.has(6)) {
            throw FlatTable.error(label, t.position(), "sparse tensors are not supported");
        }
        int[] signature = t.intVector(7);
        return new Tensor(index, name, type, shape, signature, (int) buffer, q, isVariable);
    }

    private static BuiltinOptions readOptions(FlatTable op, String label) throws ModelException {
        int type = op.uint8(3, 0);
        FlatTable o = op.table(4, label + " options");
        if (type == BuiltinOptions.TYPE_NONE) {
            return new BuiltinOptions.None();
        }
        // a union type without its table (o == null): every field takes its default
        try {
            switch (type) {
                case BuiltinOptions.TYPE_FULLY_CONNECTED:
                    return new BuiltinOptions.FullyConnected(
                            Activation.fromCode(o == null ? 0 : o.int8(0, 0)),
                            o == null ? 0 : o.int8(1, 0),
                            o != null && o.bool(2, false),
                            o != null && o.bool(3, false));
                case BuiltinOptions.TYPE_CONV_2D:
                    return new BuiltinOptions.Conv2D(
                            Padding.fromCode(o == null ? 0 : o.int8(0, 0)),
                            o == null ? 0 : o.int32(1, 0),
                            o == null ? 0 : o.int32(2, 0),
                            Activation.fromCode(o == null ? 0 : o.int8(3, 0)),
                            o == null ? 1 : o.int32(4, 1),
                            o == null ? 1 : o.int32(5, 1));
                case BuiltinOptions.TYPE_DEPTHWISE_CONV_2D:
                    return new BuiltinOptions.DepthwiseConv2D(
                            Padding.fromCode(o == null ? 0 : o.int8(0, 0)),
                            o == null ? 0 : o.int32(1, 0),
                            o == null ? 0 : o.int32(2, 0),
                            o == null ? 0 : o.int32(3, 0),
                            Activation.fromCode(o == null ? 0 : o.int8(4, 0)),
                            o == null ? 1 : o.int32(5, 1),
                            o == null ? 1 : o.int32(6, 1));
                case BuiltinOptions.TYPE_POOL_2D:
                    return new BuiltinOptions.Pool2D(
                            Padding.fromCode(o == null ? 0 : o.int8(0, 0)),
                            o == null ? 0 : o.int32(1, 0),
                            o == null ? 0 : o.int32(2, 0),
                            o == null ? 0 : o.int32(3, 0),
                            o == null ? 0 : o.int32(4, 0),
                            Activation.fromCode(o == null ? 0 : o.int8(5, 0)));
                case BuiltinOptions.TYPE_SOFTMAX:
                    return new BuiltinOptions.Softmax(o == null ? 0f : o.float32(0, 0f));
                case BuiltinOptions.TYPE_ADD:
                    return new BuiltinOptions.Add(Activation.fromCode(o == null ? 0 : o.int8(0, 0)),
                            o == null || o.bool(1, true));
                case BuiltinOptions.TYPE_MUL:
                    return new BuiltinOptions.Mul(Activation.fromCode(o == null ? 0 : o.int8(0, 0)));
                case BuiltinOptions.TYPE_RESHAPE:
                    return new BuiltinOptions.Reshape(o == null ? new int[0] : o.intVector(0));
                default:
                    return new BuiltinOptions.Other(type);
            }
        } catch (ModelException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(label)) {
                throw e;
            }
            throw FlatTable.error(label, op.position(), e.getMessage());
        }
    }

    /** The schema version (always {@value #SCHEMA_VERSION}). */
    public int version() {
        return version;
    }

    /** The model's description string (empty if none). */
    public String description() {
        return description;
    }

    /** The operator-code table, including codes no operator uses. */
    public List<OperatorCode> operatorCodes() {
        return operatorCodes;
    }

    /** The operator code of {@code op}. */
    public OperatorCode operatorCode(Operator op) {
        return operatorCodes.get(op.opcodeIndex());
    }

    /** All subgraphs; subgraph 0 is the main graph. */
    public List<SubGraph> subgraphs() {
        return subgraphs;
    }

    /** Subgraph 0. */
    public SubGraph mainGraph() {
        return subgraphs.get(0);
    }

    /** Number of buffers (buffer 0 is the empty sentinel). */
    public int bufferCount() {
        return bufferOffset.length;
    }

    /** {@code true} if buffer {@code index} holds data (an empty buffer means "no constant"). */
    public boolean hasData(int index) {
        return bufferLength[index] > 0;
    }

    /** Size in bytes of buffer {@code index}. */
    public int bufferSize(int index) {
        return bufferLength[index];
    }

    /** A copy of the data of buffer {@code index} (empty if none). */
    public byte[] bufferData(int index) {
        byte[] r = new byte[bufferLength[index]];
        System.arraycopy(file, bufferOffset[index], r, 0, r.length);
        return r;
    }

    /** A read-only little-endian view of buffer {@code index}, without copying. */
    public ByteBuffer bufferView(int index) {
        return ByteBuffer.wrap(file, bufferOffset[index], bufferLength[index]).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Metadata entries: name to buffer index (first entry wins on duplicate names). */
    public Map<String, Integer> metadata() {
        return metadata;
    }

    /** The size of the file in bytes. */
    public int fileSize() {
        return file.length;
    }

    /** A copy of the file's bytes. */
    public byte[] toByteArray() {
        return file.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TfliteModel[%d bytes, %d subgraphs, %d operator codes, %d buffers]",
                file.length, subgraphs.size(), operatorCodes.size(), bufferOffset.length);
    }
}

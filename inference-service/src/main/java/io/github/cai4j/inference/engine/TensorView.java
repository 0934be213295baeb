package io.github.cai4j.inference.engine;

import io.github.cai4j.inference.kernels.Dequantize;
import io.github.cai4j.inference.kernels.QuantizeFloat;
import io.github.cai4j.inference.model.Quantization;
import io.github.cai4j.inference.model.Tensor;
import io.github.cai4j.inference.model.TensorType;
import java.util.Locale;
import java.util.Optional;

/**
 * Access to one tensor's storage in an {@link Interpreter}'s arena: raw element access for its own type, float access
 * through the tensor's quantization, and little-endian raw bytes. Views of constant tensors are read-only. A view
 * reads and writes the live arena. Graph inputs keep their values through an invocation and graph outputs hold theirs
 * until the next one; intermediate tensors are only meaningful after an invocation if the arena did not reuse their
 * space (see {@link Interpreter.Options#preserveAllTensors()}).
 *
 * <p>Float writes to a quantized tensor use TFLite's {@code QUANTIZE} rule (round half away from zero, then clamp);
 * firmware that truncates ({@code (int8_t)(x / s + zp)}) must quantize itself and use {@link #setInt8(int, int)}.
 */
public final class TensorView {
    private final Tensor tensor;
    private final Object data;
    private final int offset;
    private final int count;
    private final boolean constant;
    private final float scale;
    private final int zeroPoint;

    TensorView(Tensor tensor, Object data, int offset, int count, boolean constant) {
        this.tensor = tensor;
        this.data = data;
        this.offset = offset;
        this.count = count;
        this.constant = constant;
        Optional<Quantization> q = tensor.quantization();
        this.scale = q.map(Quantization::scale0).orElse(0f);
        this.zeroPoint = (int) (long) q.map(Quantization::zeroPoint0).orElse(0L);
    }

    /** The tensor's index in the main subgraph. */
    public int index() {
        return tensor.index();
    }

    /** The tensor's name. */
    public String name() {
        return tensor.name();
    }

    /** Element type. */
    public TensorType type() {
        return tensor.type();
    }

    /** The model's description of this tensor. */
    public Tensor tensor() {
        return tensor;
    }

    /** Shape (a copy). */
    public int[] shape() {
        return tensor.shape();
    }

    /** Number of elements. */
    public int elementCount() {
        return count;
    }

    /** Size of the raw data in bytes. */
    public int byteSize() {
        return count * tensor.type().elementSize();
    }

    /** {@code true} for a constant (weights, biases): read-only. */
    public boolean isConstant() {
        return constant;
    }

    /** The per-tensor scale (0 if unquantized). */
    public float scale() {
        return scale;
    }

    /** The per-tensor zero point (0 if unquantized). */
    public int zeroPoint() {
        return zeroPoint;
    }

    /** The quantization, if any. */
    public Optional<Quantization> quantization() {
        return tensor.quantization();
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
                    "element %d of tensor %d (%d elements)", i, tensor.index(), count));
        }
    }

    private void checkWritable() {
        if (constant) {
            throw new IllegalStateException("tensor " + tensor.index() + " is a constant");
        }
    }

    private IllegalStateException wrongType(String wanted) {
        return new IllegalStateException(String.format(Locale.ROOT, "tensor %d is %s, not %s", tensor.index(),
                tensor.type(), wanted));
    }

    private byte[] bytes() {
        if (data instanceof byte[]) {
            return (byte[]) data;
        }
        throw wrongType("INT8/UINT8");
    }

    private short[] shorts() {
        if (data instanceof short[]) {
            return (short[]) data;
        }
        throw wrongType("INT16");
    }

    private float[] floatArray() {
        if (data instanceof float[]) {
            return (float[]) data;
        }
        throw wrongType("FLOAT32");
    }

    /** Raw int8 element {@code i}. */
    public int getInt8(int i) {
        checkIndex(i);
        return bytes()[offset + i];
    }

    /** Sets raw int8 element {@code i} (the value is taken modulo 256, as a C cast). */
    public void setInt8(int i, int value) {
        checkIndex(i);
        checkWritable();
        bytes()[offset + i] = (byte) value;
    }

    /** Copies all raw int8 elements out. */
    public byte[] int8s() {
        byte[] r = new byte[count];
        System.arraycopy(bytes(), offset, r, 0, count);
        return r;
    }

    /** Copies all raw int8 elements in. */
    public void setInt8s(byte[] values) {
        checkWritable();
        checkLength(values.length);
        System.arraycopy(values, 0, bytes(), offset, count);
    }

    /** Raw int16 element {@code i}. */
    public int getInt16(int i) {
        checkIndex(i);
        return shorts()[offset + i];
    }

    /** Sets raw int16 element {@code i}. */
    public void setInt16(int i, int value) {
        checkIndex(i);
        checkWritable();
        shorts()[offset + i] = (short) value;
    }

    /** Raw int32 element {@code i}. */
    public int getInt32(int i) {
        checkIndex(i);
        if (data instanceof int[]) {
            return ((int[]) data)[offset + i];
        }
        throw wrongType("INT32");
    }

    /**
     * Element {@code i} as a float: the value of a float tensor, or the dequantized value of an int8/int16 tensor
     * ({@code (float)((double) scale · (q − zp))}, as DEQUANTIZE).
     */
    public float getFloat(int i) {
        checkIndex(i);
        if (data instanceof float[]) {
            return ((float[]) data)[offset + i];
        }
        if (data instanceof byte[]) {
            return Dequantize.dequantize(((byte[]) data)[offset + i], scale, zeroPoint);
        }
        if (data instanceof short[]) {
            return Dequantize.dequantize(((short[]) data)[offset + i], scale, zeroPoint);
        }
        throw wrongType("FLOAT32, INT8 or INT16");
    }

    /** Sets element {@code i} from a float: stored as is in a float tensor, quantized (round, clamp) otherwise. */
    public void setFloat(int i, float value) {
        checkIndex(i);
        checkWritable();
        if (data instanceof float[]) {
            ((float[]) data)[offset + i] = value;
        } else if (data instanceof byte[]) {
            ((byte[]) data)[offset + i] = (byte) QuantizeFloat.quantize(value, scale, zeroPoint, -128, 127);
        } else if (data instanceof short[]) {
            ((short[]) data)[offset + i] = (short) QuantizeFloat.quantize(value, scale, zeroPoint, -32768, 32767);
        } else {
            throw wrongType("FLOAT32, INT8 or INT16");
        }
    }

    /** All elements as floats (see {@link #getFloat(int)}). */
    public float[] floats() {
        float[] r = new float[count];
        if (data instanceof float[]) {
            System.arraycopy(floatArray(), offset, r, 0, count);
        } else {
            for (int i = 0; i < count; i++) {
                r[i] = getFloat(i);
            }
        }
        return r;
    }

    /** Sets all elements from floats (see {@link #setFloat(int, float)}). */
    public void setFloats(float[] values) {
        checkWritable();
        checkLength(values.length);
        for (int i = 0; i < count; i++) {
            setFloat(i, values[i]);
        }
    }

    private void checkLength(int n) {
        if (n != count) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "tensor %d has %d elements, got %d values", tensor.index(), count, n));
        }
    }

    /** The raw data in memory order, little-endian. */
    public byte[] rawBytes() {
        int size = tensor.type().elementSize();
        byte[] r = new byte[count * size];
        for (int i = 0; i < count; i++) {
            long bits = rawElement(i);
            for (int k = 0; k < size; k++) {
                r[i * size + k] = (byte) (bits >>> (8 * k));
            }
        }
        return r;
    }

    /** Sets the raw data from little-endian bytes in memory order; the length must be exactly {@link #byteSize()}. */
    public void setRawBytes(byte[] raw) {
        checkWritable();
        int size = tensor.type().elementSize();
        if (raw.length != count * size) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "tensor %d holds %d bytes, got %d", tensor.index(), count * size, raw.length));
        }
        for (int i = 0; i < count; i++) {
            long bits = 0;
            for (int k = 0; k < size; k++) {
                bits |= (raw[i * size + k] & 0xFFL) << (8 * k);
            }
            setRawElement(i, bits);
        }
    }

    private long rawElement(int i) {
        int p = offset + i;
        if (data instanceof byte[]) {
            return ((byte[]) data)[p];
        } else if (data instanceof short[]) {
            return ((short[]) data)[p];
        } else if (data instanceof int[]) {
            return ((int[]) data)[p];
        } else if (data instanceof float[]) {
            return Float.floatToRawIntBits(((float[]) data)[p]);
        } else if (data instanceof long[]) {
            return ((long[]) data)[p];
        }
        throw wrongType("a numeric type");
    }

    private void setRawElement(int i, long bits) {
        int p = offset + i;
        if (data instanceof byte[]) {
            ((byte[]) data)[p] = (byte) bits;
        } else if (data instanceof short[]) {
            ((short[]) data)[p] = (short) bits;
        } else if (data instanceof int[]) {
            ((int[]) data)[p] = (int) bits;
        } else if (data instanceof float[]) {
            ((float[]) data)[p] = Float.intBitsToFloat((int) bits);
        } else if (data instanceof long[]) {
            ((long[]) data)[p] = bits;
        } else {
            throw wrongType("a numeric type");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TensorView[%d %s %s %s]", tensor.index(), tensor.name(), tensor.type(),
                java.util.Arrays.toString(tensor.shape()));
    }
}

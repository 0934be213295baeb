package io.github.cai4j.inference.model;

import java.util.Locale;

/** Element types of the TFLite schema ({@code TensorType}), with their schema code and element size in bytes. */
public enum TensorType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    STRING(5, 0),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    RESOURCE(13, 0),
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    INT4(17, 0);

    private final int code;
    private final int elementSize;

    TensorType(int code, int elementSize) {
        this.code = code;
        this.elementSize = elementSize;
    }

    /** The schema's numeric value of this type. */
    public int code() {
        return code;
    }

    /** Bytes per element, 0 for types without a fixed element size (string, resource, variant, packed int4). */
    public int elementSize() {
        return elementSize;
    }

    /** The type with schema code {@code code}. */
    public static TensorType fromCode(int code) throws ModelException {
        for (TensorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ModelException(String.format(Locale.ROOT, "unknown tensor type code %d", code));
    }
}

package io.github.cai4j.inference.model;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A flatbuffer table whose every access is bounds-checked against the buffer: the vtable is validated once when the
 * table is opened, and each field, vector and string is checked before it is read (the library's unchecked accessors
 * would throw {@code IndexOutOfBoundsException} on a hostile file). Failures are {@link ModelException}s that name the table and the byte offset.
 */
final class FlatTable extends Table {
    private final String label;
    private final int limit;
    private final Budget budget;
    private final int vtable;
    private final int vtableSize;

    private FlatTable(ByteBuffer bb, int pos, String label, Budget budget, int vtable, int vtableSize) {
        this.label = label;
        this.limit = bb.limit();
        this.budget = budget;
        this.vtable = vtable;
        this.vtableSize = vtableSize;
        __reset(pos, bb);
    }

    /**
     * How much decoded data a file may produce. Flatbuffers can share one vector between many tables, so a small
     * hostile file could otherwise make the reader decode far more than it holds.
     */
    static final class Budget {
        private long remaining;

        Budget(long bytes) {
            this.remaining = bytes;
        }

        void charge(long bytes, String label, long offset) throws ModelException {
            remaining -= bytes;
            if (remaining < 0) {
                throw error(label, offset, "the file refers to more data than it holds (shared or overlapping vectors)");
            }
        }
    }

    /** Opens the root-level table at absolute position {@code pos}. */
    static FlatTable at(ByteBuffer bb, long pos, String label, Budget budget) throws ModelException {
        budget.charge(16, label, pos);
        int limit = bb.limit();
        if (pos < 0 || pos + 4 > limit) {
            throw error(label, pos, "table offset outside the file");
        }
        int p = (int) pos;
        long vtable = (long) p - bb.getInt(p);
        if (vtable < 0 || vtable + 4 > limit) {
            throw error(label, pos, "vtable offset outside the file");
        }
        int vtSize = Short.toUnsignedInt(bb.getShort((int) vtable));
        if (vtSize < 4 || (vtSize & 1) != 0 || vtable + vtSize > limit) {
            throw error(label, vtable, "malformed vtable (size " + vtSize + ")");
        }
        return new FlatTable(bb, p, label, budget, (int) vtable, vtSize);
    }

    String label() {
        return label;
    }

    int position() {
        return bb_pos;
    }

    static ModelException error(String label, long offset, String what) {
        return new ModelException(String.format(Locale.ROOT, "%s at offset %d: %s", label, offset, what));
    }

    /** Absolute position of field {@code id} of {@code size} bytes, or 0 if the field is absent. */
    private int field(int id, int size) throws ModelException {
        // the vtable entry is an unsigned 16-bit offset from the table start
        int slot = 4 + 2 * id;
        int o = slot < vtableSize ? Short.toUnsignedInt(bb.getShort(vtable + slot)) : 0;
        if (o == 0) {
            return 0;
        }
        long p = (long) bb_pos + o;
        if (p + size > limit) {
            throw error(label, bb_pos, "field " + id + " outside the file");
        }
        return (int) p;
    }

    boolean has(int id) throws ModelException {
        return field(id, 0) != 0;
    }

    int int8(int id, int dflt) throws ModelException {
        int p = field(id, 1);
        return p == 0 ? dflt : bb.get(p);
    }

    int uint8(int id, int dflt) throws ModelException {
        int p = field(id, 1);
        return p == 0 ? dflt : Byte.toUnsignedInt(bb.get(p));
    }

    boolean bool(int id, boolean dflt) throws ModelException {
        int p = field(id, 1);
        return p == 0 ? dflt : bb.get(p) != 0;
    }

    int int32(int id, int dflt) throws ModelException {
        int p = field(id, 4);
        return p == 0 ? dflt : bb.getInt(p);
    }

    long uint32(int id, long dflt) throws ModelException {
        int p = field(id, 4);
        return p == 0 ? dflt : Integer.toUnsignedLong(bb.getInt(p));
    }

    long int64(int id, long dflt) throws ModelException {
        int p = field(id, 8);
        return p == 0 ? dflt : bb.getLong(p);
    }

    float float32(int id, float dflt) throws ModelException {
        int p = field(id, 4);
        return p == 0 ? dflt : bb.getFloat(p);
    }

    /** Absolute target of the uoffset stored in field {@code id}, or -1 if the field is absent. */
    private long target(int id) throws ModelException {
        int p = field(id, 4);
        if (p == 0) {
            return -1;
        }
        long t = p + Integer.toUnsignedLong(bb.getInt(p));
        if (t + 4 > limit) {
            throw error(label, p, "offset of field " + id + " points outside the file");
        }
        return t;
    }

    /** The sub-table in field {@code id}, or {@code null} if absent. */
    FlatTable table(int id, String subLabel) throws ModelException {
        long t = target(id);
        return t < 0 ? null : at(bb, t, subLabel, budget);
    }

    /** The vector in field {@code id} with elements of {@code elemSize} bytes; absent vectors are empty. */
    Vec vector(int id, int elemSize) throws ModelException {
        long t = target(id);
        if (t < 0) {
            return new Vec(0, 0);
        }
        long n = Integer.toUnsignedLong(bb.getInt((int) t));
        if (t + 4 + n * elemSize > limit) {
            throw error(label, t, "vector field " + id + " of " + n + " elements runs past the end of the file");
        }
        budget.charge(n * Math.max(elemSize, 1), label, t);
        return new Vec((int) t + 4, (int) n);
    }

    /** The string in field {@code id}, or {@code dflt} if absent. Invalid UTF-8 is replaced, not rejected. */
    String string(int id, String dflt) throws ModelException {
        if (!has(id)) {
            return dflt;
        }
        Vec v = vector(id, 1);
        byte[] b = new byte[v.length()];
        bb.get(v.start(), b);
        return new String(b, StandardCharsets.UTF_8);
    }

    int[] intVector(int id) throws ModelException {
        Vec v = vector(id, 4);
        int[] r = new int[v.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getInt(v.start() + 4 * i);
        }
        return r;
    }

    long[] longVector(int id) throws ModelException {
        Vec v = vector(id, 8);
        long[] r = new long[v.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getLong(v.start() + 8 * i);
        }
        return r;
    }

    float[] floatVector(int id) throws ModelException {
        Vec v = vector(id, 4);
        float[] r = new float[v.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getFloat(v.start() + 4 * i);
        }
        return r;
    }

    /** Element {@code i} of a vector of tables. */
    FlatTable tableAt(Vec v, int i, String elemLabel) throws ModelException {
        int p = v.start() + 4 * i;
        long t = p + Integer.toUnsignedLong(bb.getInt(p));
        if (t + 4 > limit) {
            throw error(elemLabel, p, "offset points outside the file");
        }
        return at(bb, t, elemLabel, budget);
    }

    /** A checked vector: absolute start of its first element and its element count. */
    record Vec(int start, int length) {
    }
}

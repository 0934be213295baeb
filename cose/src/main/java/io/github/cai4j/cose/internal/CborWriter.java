package io.github.cai4j.cose.internal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deterministic CBOR writer (RFC 8949 §4.2.1: definite lengths, shortest heads). Maps are written in the order the
 * caller writes their entries; {@link #writeObject} sorts map keys bytewise. The CBOR library's own encoder is not
 * used for structures because its map order is not specified (cose.md §6).
 */
public final class CborWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public CborWriter head(int major, long value) {
        int mt = major << 5;
        if (value < 0) {
            // an unsigned 64-bit value above Long.MAX_VALUE
            out.write(mt | 27);
            writeBe(value, 8);
        } else if (value < 24) {
            out.write(mt | (int) value);
        } else if (value < 0x100) {
            out.write(mt | 24);
            out.write((int) value);
        } else if (value < 0x10000) {
            out.write(mt | 25);
            writeBe(value, 2);
        } else if (value < 0x100000000L) {
            out.write(mt | 26);
            writeBe(value, 4);
        } else {
            out.write(mt | 27);
            writeBe(value, 8);
        }
        return this;
    }

    private void writeBe(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    public CborWriter integer(long v) {
        return v >= 0 ? head(0, v) : head(1, -1 - v);
    }

    public CborWriter bytes(byte[] b) {
        head(2, b.length);
        out.write(b, 0, b.length);
        return this;
    }

    public CborWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        head(3, b.length);
        out.write(b, 0, b.length);
        return this;
    }

    public CborWriter array(int n) {
        return head(4, n);
    }

    public CborWriter map(int n) {
        return head(5, n);
    }

    public CborWriter tag(long t) {
        return head(6, t);
    }

    public CborWriter nil() {
        out.write(0xf6);
        return this;
    }

    public CborWriter bool(boolean b) {
        out.write(b ? 0xf5 : 0xf4);
        return this;
    }

    /** Writes already-encoded CBOR data item bytes as they are. */
    public CborWriter raw(byte[] encoded) {
        out.write(encoded, 0, encoded.length);
        return this;
    }

    /** Writes a label: an integer or a text string. */
    public CborWriter label(Object label) {
        if (label instanceof Long l) {
            return integer(l);
        }
        return text((String) label);
    }

    /** Writes a decoded value deterministically (map keys sorted by their encoded bytes). */
    public CborWriter writeObject(CBORObject o) {
        if (o.isTagged()) {
            // the tag heads are whatever precedes the untagged item's encoding
            CBORObject inner = o.UntagOne();
            byte[] full = o.EncodeToBytes();
            byte[] rest = inner.EncodeToBytes();
            out.write(full, 0, full.length - rest.length);
            return writeObject(inner);
        }
        CBORType t = o.getType();
        switch (t) {
            case Integer -> {
                if (o.CanValueFitInInt64()) {
                    integer(o.AsInt64Value());
                } else {
                    raw(o.EncodeToBytes());
                }
            }
            case ByteString -> bytes(o.GetByteString());
            case TextString -> text(o.AsString());
            case Array -> {
                array(o.size());
                for (int i = 0; i < o.size(); i++) {
                    writeObject(o.get(i));
                }
            }
            case Map -> {
                List<byte[][]> entries = new ArrayList<>();
                for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
                    byte[] k = new CborWriter().writeObject(e.getKey()).toByteArray();
                    byte[] v = new CborWriter().writeObject(e.getValue()).toByteArray();
                    entries.add(new byte[][] {k, v});
                }
                entries.sort((a, b) -> java.util.Arrays.compareUnsigned(a[0], b[0]));
                map(entries.size());
                for (byte[][] e : entries) {
                    raw(e[0]);
                    raw(e[1]);
                }
            }
            default -> raw(o.EncodeToBytes());
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public static byte[] encode(CBORObject o) {
        return new CborWriter().writeObject(o).toByteArray();
    }
}

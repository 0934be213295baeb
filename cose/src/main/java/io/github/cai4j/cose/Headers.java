package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An immutable COSE header map. Labels are integers ({@link Long}) or text strings. Encoding is deterministic: by
 * default entries are written in RFC 8949 §4.2.1 order (bytewise order of the encoded labels: 1, 2, 3, 4, 5, …, then
 * −1, −2, …, then text labels); a map built with {@link Builder#keepInsertionOrder()} is written in the order the
 * entries were added (useful to reproduce another implementation's bytes). Values nested inside are written with
 * sorted map keys.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(new LinkedHashMap<>(), false);

    private final LinkedHashMap<Object, CBORObject> entries;
    private final boolean insertionOrder;

    private Headers(LinkedHashMap<Object, CBORObject> entries, boolean insertionOrder) {
        this.entries = entries;
        this.insertionOrder = insertionOrder;
    }

    public static Headers empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this map's entries and order mode. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.putAll(entries);
        b.insertionOrder = insertionOrder;
        return b;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The labels present, as {@link Long} or {@link String}. */
    public Set<Object> labels() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public boolean contains(long label) {
        return entries.containsKey(label);
    }

    public boolean contains(String label) {
        return entries.containsKey(label);
    }

    CBORObject get(Object label) {
        return entries.get(label);
    }

    /** The {@code alg} value as an integer identifier, if present. */
    public OptionalLong algorithmId() throws CoseException {
        return integer(HeaderLabel.ALG);
    }

    /** The {@code alg} value, if present; an identifier this library does not implement throws. */
    public Optional<Algorithm> algorithm() throws CoseException {
        CBORObject v = entries.get(HeaderLabel.ALG);
        if (v == null) {
            return Optional.empty();
        }
        if (CborReader.isUntagged(v, CBORType.TextString)) {
            throw new CoseException("header alg (1): unsupported algorithm \"" + v.AsString() + "\"");
        }
        long id = CborReader.integer(v, "header alg (1)");
        return Optional.of(Algorithm.fromId(id)
                .orElseThrow(() -> new CoseException("header alg (1): unsupported algorithm " + id)));
    }

    public Optional<byte[]> kid() throws CoseException {
        return bytes(HeaderLabel.KID);
    }

    public Optional<byte[]> iv() throws CoseException {
        return bytes(HeaderLabel.IV);
    }

    public Optional<byte[]> partialIv() throws CoseException {
        return bytes(HeaderLabel.PARTIAL_IV);
    }

    /** A byte-string value; a value of another type throws. */
    public Optional<byte[]> bytes(long label) throws CoseException {
        return bytes((Object) label);
    }

    public Optional<byte[]> bytes(String label) throws CoseException {
        return bytes((Object) label);
    }

    private Optional<byte[]> bytes(Object label) throws CoseException {
        CBORObject v = entries.get(label);
        return v == null ? Optional.empty() : Optional.of(CborReader.bstr(v, "header " + label));
    }

    /** An integer value; a value of another type throws. */
    public OptionalLong integer(long label) throws CoseException {
        CBORObject v = entries.get(label);
        return v == null ? OptionalLong.empty() : OptionalLong.of(CborReader.integer(v, "header " + label));
    }

    /** A text value; a value of another type throws. */
    public Optional<String> text(long label) throws CoseException {
        CBORObject v = entries.get(label);
        return v == null ? Optional.empty() : Optional.of(CborReader.tstr(v, "header " + label));
    }

    /** The deterministic encoding of one value, if present. */
    public Optional<byte[]> encodedValue(Object label) {
        CBORObject v = entries.get(label instanceof Integer i ? Long.valueOf(i) : label);
        return v == null ? Optional.empty() : Optional.of(CborWriter.encode(v));
    }

    /** The deterministic encoding of this map. */
    public byte[] encode() {
        CborWriter w = new CborWriter();
        writeTo(w);
        return w.toByteArray();
    }

    void writeTo(CborWriter w) {
        List<byte[][]> list = new ArrayList<>();
        for (Map.Entry<Object, CBORObject> e : entries.entrySet()) {
            byte[] k = new CborWriter().label(e.getKey()).toByteArray();
            byte[] v = CborWriter.encode(e.getValue());
            list.add(new byte[][] {k, v});
        }
        if (!insertionOrder) {
            list.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        }
        w.map(list.size());
        for (byte[][] e : list) {
            w.raw(e[0]).raw(e[1]);
        }
    }

    /**
     * The bytes of a protected header: a zero-length string for an empty map (RFC 9052 §3), the map's
     * encoding otherwise.
     */
    byte[] encodeProtected() {
        return entries.isEmpty() ? new byte[0] : encode();
    }

    /**
     * This map with one more entry that the library generated (an ephemeral key): written first when the map keeps
     * insertion order, in its sorted place otherwise.
     */
    Headers withGenerated(long label, byte[] encodedValue) throws CoseException {
        LinkedHashMap<Object, CBORObject> m = new LinkedHashMap<>();
        m.put(label, CborReader.decode(encodedValue, DecodeLimits.DEFAULT, "header " + label));
        for (Map.Entry<Object, CBORObject> e : entries.entrySet()) {
            if (!e.getKey().equals(label)) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new Headers(m, insertionOrder);
    }

    /** Reads a decoded header map, checking label types and the entry limit. */
    static Headers fromCbor(CBORObject map, DecodeLimits limits, String what) throws CoseException {
        CborReader.map(map, what);
        if (map.size() > limits.maxHeaderEntries()) {
            throw new CoseException(what + ": " + map.size() + " entries exceeds the limit of "
                    + limits.maxHeaderEntries());
        }
        LinkedHashMap<Object, CBORObject> m = new LinkedHashMap<>();
        for (Map.Entry<CBORObject, CBORObject> e : map.getEntries()) {
            Object label = label(e.getKey(), what);
            if (m.put(label, e.getValue()) != null) {
                throw new CoseException(what + ": duplicate label " + label);
            }
        }
        Headers h = new Headers(m, true);
        h.checkCommonTypes(what);
        return h;
    }

    /** Decodes protected header bytes (a zero-length string is an empty map). */
    static Headers decodeProtected(byte[] bytes, DecodeLimits limits, String what) throws CoseException {
        if (bytes.length == 0) {
            return EMPTY;
        }
        CBORObject map = CborReader.decode(bytes, limits, what);
        return fromCbor(map, limits, what);
    }

    static Object label(CBORObject k, String what) throws CoseException {
        if (CborReader.isUntagged(k, CBORType.Integer)) {
            if (!k.CanValueFitInInt64()) {
                throw new CoseException(what + ": label out of range");
            }
            return k.AsInt64Value();
        }
        if (CborReader.isUntagged(k, CBORType.TextString)) {
            return k.AsString();
        }
        throw new CoseException(what + ": a label must be an integer or a text string");
    }

    /** RFC 9052 §3.1: types of the common parameters. */
    private void checkCommonTypes(String what) throws CoseException {
        CBORObject alg = entries.get(HeaderLabel.ALG);
        if (alg != null && !CborReader.isUntagged(alg, CBORType.TextString)) {
            CborReader.integer(alg, what + " alg (1)");
        }
        CBORObject crit = entries.get(HeaderLabel.CRIT);
        if (crit != null) {
            CborReader.array(crit, what + " crit (2)");
            if (crit.size() == 0) {
                throw new CoseException(what + " crit (2): must not be empty");
            }
            for (int i = 0; i < crit.size(); i++) {
                label(crit.get(i), what + " crit (2)");
            }
        }
        CBORObject ct = entries.get(HeaderLabel.CONTENT_TYPE);
        if (ct != null && !CborReader.isUntagged(ct, CBORType.TextString)) {
            long v = CborReader.integer(ct, what + " content type (3)");
            if (v < 0) {
                throw new CoseException(what + " content type (3): must be a uint or text");
            }
        }
        for (long l : new long[] {HeaderLabel.KID, HeaderLabel.IV, HeaderLabel.PARTIAL_IV}) {
            CBORObject v = entries.get(l);
            if (v != null) {
                CborReader.bstr(v, what + " label " + l);
            }
        }
        if (entries.containsKey(HeaderLabel.IV) && entries.containsKey(HeaderLabel.PARTIAL_IV)) {
            throw new CoseException(what + ": both iv (5) and partial iv (6)");
        }
    }

    /** The labels listed in {@code crit}, if present. */
    public List<Object> criticalLabels() throws CoseException {
        CBORObject crit = entries.get(HeaderLabel.CRIT);
        if (crit == null) {
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < crit.size(); i++) {
            out.add(label(crit.get(i), "crit (2)"));
        }
        return out;
    }

    /** Neither map may hold a label the other holds (RFC 9052 §3). */
    static void checkDisjoint(Headers prot, Headers unprot, String what) throws CoseException {
        for (Object l : prot.entries.keySet()) {
            if (unprot.entries.containsKey(l)) {
                throw new CoseException(what + ": label " + l + " in both protected and unprotected headers");
            }
        }
        for (Object l : prot.criticalLabels()) {
            if (!prot.entries.containsKey(l)) {
                throw new CoseException(what + ": critical label " + l + " is not in the protected header");
            }
        }
    }

    /** Finds a parameter in the protected map first, then the unprotected map. */
    static CBORObject find(Headers prot, Headers unprot, long label) {
        CBORObject v = prot.entries.get(label);
        return v != null ? v : unprot.entries.get(label);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Object, CBORObject> e : entries.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey() instanceof String s ? '"' + s + '"' : e.getKey()).append(": ")
                    .append(e.getValue().toString());
        }
        return sb.append('}').toString();
    }

    /** Builds a header map. */
    public static final class Builder {
        private final LinkedHashMap<Object, CBORObject> entries = new LinkedHashMap<>();
        private boolean insertionOrder;

        private Builder() {
        }

        /** Writes entries in the order added instead of the deterministic order. */
        public Builder keepInsertionOrder() {
            insertionOrder = true;
            return this;
        }

        public Builder algorithm(Algorithm alg) {
            return put(HeaderLabel.ALG, alg.id());
        }

        public Builder kid(byte[] kid) {
            return put(HeaderLabel.KID, kid);
        }

        public Builder iv(byte[] iv) {
            return put(HeaderLabel.IV, iv);
        }

        public Builder partialIv(byte[] partialIv) {
            return put(HeaderLabel.PARTIAL_IV, partialIv);
        }

        public Builder contentType(long coapFormat) {
            return put(HeaderLabel.CONTENT_TYPE, coapFormat);
        }

        public Builder contentType(String mediaType) {
            return put(HeaderLabel.CONTENT_TYPE, mediaType);
        }

        public Builder put(long label, long value) {
            entries.put(label, CBORObject.FromObject(value));
            return this;
        }

        public Builder put(long label, byte[] value) {
            entries.put(label, CBORObject.FromObject(value.clone()));
            return this;
        }

        public Builder put(long label, String value) {
            entries.put(label, CBORObject.FromObject(value));
            return this;
        }

        public Builder put(String label, byte[] value) {
            entries.put(label, CBORObject.FromObject(value.clone()));
            return this;
        }

        /** Puts any value given as one encoded CBOR data item. */
        public Builder putEncoded(Object label, byte[] encodedValue) throws CoseException {
            Object l = label instanceof Integer i ? Long.valueOf(i) : label;
            if (!(l instanceof Long) && !(l instanceof String)) {
                throw new CoseException("header label must be an integer or a string");
            }
            entries.put(l, CborReader.decode(encodedValue, DecodeLimits.DEFAULT, "header " + l));
            return this;
        }

        /** Puts a COSE_Key (e.g. an ephemeral key, label −1). */
        public Builder putKey(long label, io.github.cai4j.cose.key.CoseKey key) throws CoseException {
            return putEncoded(label, key.encode());
        }

        public Builder remove(Object label) {
            entries.remove(label instanceof Integer i ? Long.valueOf(i) : label);
            return this;
        }

        /** Package-internal: puts a decoded value. */
        Builder putObject(Object label, CBORObject value) {
            entries.put(label, value);
            return this;
        }

        public Headers build() {
            return new Headers(new LinkedHashMap<>(entries), insertionOrder);
        }
    }
}

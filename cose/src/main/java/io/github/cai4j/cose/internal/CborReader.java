package io.github.cai4j.cose.internal;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.DecodeLimits;
import java.util.Map;

/** Decoding of untrusted CBOR with limits, and typed accessors that name the element on error. */
public final class CborReader {
    private static final CBOREncodeOptions STRICT =
            new CBOREncodeOptions("allowduplicatekeys=false;resolvereferences=false;keepkeyorder=true");

    private CborReader() {
    }

    /** Decodes exactly one data item, rejecting duplicate map keys, trailing bytes and excessive size or depth. */
    public static CBORObject decode(byte[] data, DecodeLimits limits, String what) throws CoseException {
        if (data == null) {
            throw new CoseException(what + ": no input");
        }
        if (data.length == 0) {
            throw new CoseException(what + ": empty input");
        }
        if (data.length > limits.maxInputBytes()) {
            throw new CoseException(what + ": " + data.length + " bytes exceeds the limit of "
                    + limits.maxInputBytes());
        }
        preScanDepth(data, limits.maxDepth(), what);
        CBORObject o;
        try {
            o = CBORObject.DecodeFromBytes(data, STRICT);
        } catch (RuntimeException e) {
            // the CBOR library reports malformed input with CBORException and, for some inputs, other runtime
            // exceptions; all of them mean "not well-formed CBOR" here
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CoseException(what + ": malformed CBOR (" + detail + ")", e);
        }
        if (o == null) {
            throw new CoseException(what + ": malformed CBOR");
        }
        checkDepth(o, 1, limits.maxDepth(), what);
        return o;
    }

    /**
     * A cheap scan of nesting depth before the library builds objects, so deeply nested hostile input is refused
     * early. It follows only definite-length heads; anything it cannot follow is left to the full decoder.
     */
    private static void preScanDepth(byte[] d, int maxDepth, String what) throws CoseException {
        int depth = 0;
        int pos = 0;
        // count leading nested array/map/tag heads
        while (pos < d.length) {
            int ib = d[pos] & 0xff;
            int major = ib >>> 5;
            if (major == 4 || major == 5 || major == 6) {
                if (major != 6) {
                    depth++;
                }
                if (depth > maxDepth) {
                    throw new CoseException(what + ": nesting deeper than " + maxDepth);
                }
                int ai = ib & 0x1f;
                pos += ai < 24 ? 1 : ai == 24 ? 2 : ai == 25 ? 3 : ai == 26 ? 5 : ai == 27 ? 9 : 1;
            } else {
                return;
            }
        }
    }

    private static void checkDepth(CBORObject o, int depth, int max, String what) throws CoseException {
        if (depth > max) {
            throw new CoseException(what + ": nesting deeper than " + max);
        }
        CBORType t = o.getType();
        if (t == CBORType.Array) {
            for (int i = 0; i < o.size(); i++) {
                checkDepth(o.get(i), depth + 1, max, what);
            }
        } else if (t == CBORType.Map) {
            for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
                checkDepth(e.getKey(), depth + 1, max, what);
                checkDepth(e.getValue(), depth + 1, max, what);
            }
        }
    }

    public static boolean isUntagged(CBORObject o, CBORType type) {
        return o != null && !o.isTagged() && o.getType() == type;
    }

    public static byte[] bstr(CBORObject o, String what) throws CoseException {
        if (!isUntagged(o, CBORType.ByteString)) {
            throw new CoseException(what + ": expected a byte string");
        }
        return o.GetByteString();
    }

    public static byte[] bstrOrNil(CBORObject o, String what) throws CoseException {
        if (o != null && !o.isTagged() && o.isNull()) {
            return null;
        }
        return bstr(o, what);
    }

    public static String tstr(CBORObject o, String what) throws CoseException {
        if (!isUntagged(o, CBORType.TextString)) {
            throw new CoseException(what + ": expected a text string");
        }
        return o.AsString();
    }

    public static long integer(CBORObject o, String what) throws CoseException {
        if (!isUntagged(o, CBORType.Integer) || !o.CanValueFitInInt64()) {
            throw new CoseException(what + ": expected an integer");
        }
        return o.AsInt64Value();
    }

    public static CBORObject array(CBORObject o, String what) throws CoseException {
        if (!isUntagged(o, CBORType.Array)) {
            throw new CoseException(what + ": expected an array");
        }
        return o;
    }

    public static CBORObject array(CBORObject o, int size, String what) throws CoseException {
        array(o, what);
        if (o.size() != size) {
            throw new CoseException(what + ": expected an array of " + size + " elements, found " + o.size());
        }
        return o;
    }

    public static CBORObject map(CBORObject o, String what) throws CoseException {
        if (!isUntagged(o, CBORType.Map)) {
            throw new CoseException(what + ": expected a map");
        }
        return o;
    }
}

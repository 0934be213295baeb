package io.github.cai4j.cose.firmware;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.DecodeLimits;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The firmware's inference payload map (spec/firmware.md §5.2): labels in the "EAT Linaro range" −80000…, the
 * value as a 4-byte little-endian float32 byte string (not a CBOR float), NV counters as 4-byte little-endian
 * uint32 byte strings, map order value, rollover, counter.
 *
 * @param value    the inference result
 * @param counters the NV counter pair, absent in the plain CBOR format and when counters are disabled
 */
public record FirmwarePayload(float value, Optional<Counters> counters) {
    public static final long INFERENCE_VALUE = -80000;
    public static final long TFLM_VERSION = -80001;
    public static final long TFLM_SINE_MODEL_VERSION = -80002;
    public static final long MTVM_VERSION = -80003;
    public static final long MTVM_SINE_MODEL_VERSION = -80004;
    public static final long NV_COUNTER_ROLL_OVER = -80005;
    public static final long NV_COUNTER_VALUE = -80006;

    /**
     * The NV counter state of one result: a result is fresh when its pair is greater than the last one seen
     * (rollover first, then counter).
     */
    public record Counters(long rollover, long counter) implements Comparable<Counters> {
        public Counters {
            if (rollover < 0 || rollover > 0xFFFF_FFFFL || counter < 0 || counter > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("counters are uint32");
            }
        }

        @Override
        public int compareTo(Counters o) {
            int c = Long.compare(rollover, o.rollover);
            return c != 0 ? c : Long.compare(counter, o.counter);
        }
    }

    public FirmwarePayload {
        counters = counters == null ? Optional.empty() : counters;
    }

    public static FirmwarePayload of(float value) {
        return new FirmwarePayload(value, Optional.empty());
    }

    public static FirmwarePayload of(float value, long rollover, long counter) {
        return new FirmwarePayload(value, Optional.of(new Counters(rollover, counter)));
    }

    /** {@code HUK_ENC_CBOR}: {@code a1 3a0001387f 44 <f32 LE>} (11 bytes). */
    public static byte[] encodeCbor(float value) {
        return of(value).encode();
    }

    /** The COSE_Sign1 payload with counters (31 bytes): value, rollover, counter. */
    public static byte[] encodeCbor(float value, long rollover, long counter) {
        return of(value, rollover, counter).encode();
    }

    /** The firmware's exact encoding of this payload. */
    public byte[] encode() {
        CborWriter w = new CborWriter();
        w.map(counters.isPresent() ? 3 : 1);
        w.integer(INFERENCE_VALUE).bytes(le32(Float.floatToRawIntBits(value)));
        counters.ifPresent(c -> {
            w.integer(NV_COUNTER_ROLL_OVER).bytes(le32((int) c.rollover()));
            w.integer(NV_COUNTER_VALUE).bytes(le32((int) c.counter()));
        });
        return w.toByteArray();
    }

    /**
     * Decodes a payload map. Only the firmware's own encoding is accepted (value alone, or value, rollover and
     * counter, in that order, each a 4-byte string).
     */
    public static FirmwarePayload decode(byte[] encoded) throws CoseException {
        CBORObject m = CborReader.map(CborReader.decode(encoded, DecodeLimits.DEFAULT, "firmware payload"),
                "firmware payload");
        CBORObject v = null;
        CBORObject r = null;
        CBORObject c = null;
        for (Map.Entry<CBORObject, CBORObject> e : m.getEntries()) {
            long label = CborReader.integer(e.getKey(), "firmware payload label");
            if (label == INFERENCE_VALUE) {
                v = e.getValue();
            } else if (label == NV_COUNTER_ROLL_OVER) {
                r = e.getValue();
            } else if (label == NV_COUNTER_VALUE) {
                c = e.getValue();
            } else {
                throw new CoseException("firmware payload: unexpected label " + label);
            }
        }
        if (v == null) {
            throw new CoseException("firmware payload: missing value (-80000)");
        }
        if ((r == null) != (c == null)) {
            throw new CoseException("firmware payload: rollover (-80005) and counter (-80006) come together");
        }
        float value = Float.intBitsToFloat(le32(CborReader.bstr(v, "firmware payload value (-80000)"),
                "value (-80000)"));
        FirmwarePayload p = r == null ? of(value)
                : of(value, le32(CborReader.bstr(r, "firmware payload rollover (-80005)"), "rollover (-80005)")
                        & 0xFFFF_FFFFL,
                        le32(CborReader.bstr(c, "firmware payload counter (-80006)"), "counter (-80006)")
                                & 0xFFFF_FFFFL);
        if (!MessageDigest.isEqual(p.encode(), encoded)) {
            throw new CoseException("firmware payload: not in the firmware's encoding (map order or heads)");
        }
        return p;
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static int le32(byte[] b, String what) throws CoseException {
        if (b.length != 4) {
            throw new CoseException("firmware payload " + what + ": expected 4 bytes, found " + b.length);
        }
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}

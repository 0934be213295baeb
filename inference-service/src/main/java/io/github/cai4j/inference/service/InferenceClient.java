package io.github.cai4j.inference.service;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

/**
 * The non-secure side of the inference services, as the firmware's {@code infer get} shell command uses them
 * ({@code spec/firmware.md} §3.3): degrees are converted to radians with the app's float constant, the request
 * carries the 36-byte config, the output buffer is 256 bytes, and the value is decoded from the encoding
 * without verifying a signature (COSE_Sign1: the payload, element 2; then the first value of the map as a
 * little-endian float32).
 */
public final class InferenceClient {
    /** The app's output buffer size. */
    public static final int OUTPUT_BUFFER_SIZE = 256;
    /** {@code (float)((double)3.14159265359f / 180.0)} (bits 0x3c8efa35): the app's degrees-to-radians factor. */
    public static final float DEGREE = (float) ((double) 3.14159265359f / 180.0);

    private static final int COSE_SIGN1_TAG = 18;
    private static final CBOREncodeOptions KEEP_ORDER = new CBOREncodeOptions("keepkeyorder=true");

    private final PsaClient client;

    /** @param client a non-secure client of the call gate */
    public InferenceClient(PsaClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The app's conversion: {@code degrees * DEGREE} as one float multiply. */
    public static float radians(float degrees) {
        return degrees * DEGREE;
    }

    /** Runs {@code model} on {@code degrees} (converted as the app does) and decodes the value. */
    public InferenceResult inferDegrees(SineModel model, EncodingFormat format, float degrees) throws PsaException {
        return infer(model, format, radians(degrees));
    }

    /**
     * Runs {@code model} on {@code radians} and decodes the value.
     *
     * @throws PsaException with the service's status, or {@link PsaStatus#ERROR_DATA_INVALID} if the returned
     *                      encoding cannot be decoded
     */
    public InferenceResult infer(SineModel model, EncodingFormat format, float radians) throws PsaException {
        byte[] encoded = inferRaw(model.sid(), format.value(), model.modelName(), radians);
        return new InferenceResult(encoded, decodeValue(encoded, format));
    }

    /**
     * One raw request to an inference service: in[0] = the float, in[1] = the config with {@code formatValue}
     * and {@code modelName}; returns the encoded bytes (the first out[1] bytes of out[0]).
     */
    public byte[] inferRaw(int sid, int formatValue, String modelName, float radians) throws PsaException {
        return inferRaw(sid, formatValue, modelName, radians, OUTPUT_BUFFER_SIZE);
    }

    /**
     * As {@link #inferRaw(int, int, String, float)} with an output buffer of {@code capacity} bytes (the app's
     * is {@value #OUTPUT_BUFFER_SIZE}; the first COSE_Encrypt0 result of a boot also carries the session-key
     * message and needs about 1 KiB).
     */
    public byte[] inferRaw(int sid, int formatValue, String modelName, float radians, int capacity)
            throws PsaException {
        byte[] input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(radians).array();
        byte[] config = InferenceConfig.encode(formatValue, modelName);
        byte[] out = new byte[capacity];
        byte[] len = new byte[InferenceServices.SIZE_T];
        int handle = client.connect(sid, 1);
        PsaException.check(handle, "connect to SID 0x" + Integer.toHexString(sid));
        CallResult r;
        try {
            r = client.call(handle, new InVec[] {InVec.of(input), InVec.of(config)},
                    new OutVec[] {OutVec.of(out), OutVec.of(len)});
        } finally {
            client.close(handle);
        }
        r.orThrow("inference service 0x" + Integer.toHexString(sid));
        long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
        if (r.outLength(1) != InferenceServices.SIZE_T || n > r.outLength(0)) {
            throw new PsaException(PsaStatus.ERROR_DATA_INVALID, "service reported " + n + " encoded bytes but wrote "
                    + r.outLength(0));
        }
        return Arrays.copyOf(out, (int) n);
    }

    /**
     * The app's decoder: for COSE_Sign1 the payload (element 2 of the array), then the first value of the map,
     * a byte string of 4 bytes read as a little-endian float32.
     *
     * @throws PsaException {@link PsaStatus#ERROR_DATA_INVALID} if the bytes do not have that shape
     */
    public static float decodeValue(byte[] encoded, EncodingFormat format) throws PsaException {
        try {
            CBORObject map;
            if (format == EncodingFormat.COSE_SIGN1) {
                CBORObject sign1 = CBORObject.DecodeFromBytes(encoded, KEEP_ORDER);
                if (sign1.getType() != CBORType.Array || sign1.size() != 4
                        || sign1.get(2).getType() != CBORType.ByteString) {
                    throw invalid("not a COSE_Sign1 array with a payload");
                }
                if (sign1.isTagged() && !sign1.HasMostOuterTag(COSE_SIGN1_TAG)) {
                    throw invalid("COSE_Sign1 carries a tag other than 18");
                }
                map = CBORObject.DecodeFromBytes(sign1.get(2).GetByteString(), KEEP_ORDER);
            } else {
                map = CBORObject.DecodeFromBytes(encoded, KEEP_ORDER);
            }
            if (map.getType() != CBORType.Map || map.size() == 0) {
                throw invalid("the payload is not a non-empty map");
            }
            Iterator<CBORObject> values = map.getValues().iterator();
            CBORObject first = values.next();
            if (first.getType() != CBORType.ByteString || first.GetByteString().length != 4) {
                throw invalid("the first map value is not a 4-byte string");
            }
            return ByteBuffer.wrap(first.GetByteString()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        } catch (CBORException | IllegalStateException | IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_DATA_INVALID, "cannot decode the inference value: "
                    + e.getClass().getSimpleName());
        }
    }

    private static PsaException invalid(String what) {
        return new PsaException(PsaStatus.ERROR_DATA_INVALID, "cannot decode the inference value: " + what);
    }
}

package io.github.cai4j.huk.internal;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.Message;
import java.util.Arrays;

/**
 * {@code TFM_HUK_COSE_AAT_SIGN} (TF-M 1.7+, secure callers only; {@code spec/firmware.md} §8.1): in[0] and in[1]
 * are the TFLM and uTVM {@code infer_version_t} structs ({@code char version[42]; size_t len; char model[42];
 * size_t len}, 96 bytes), out[0] the token, out[1] its length. The token is a COSE_Sign1 exactly as §5.3 with key
 * 0x5002 over the map {−80001: TFLM version, −80002: TFLM model, −80003: uTVM version, −80004: uTVM model}, each a
 * byte string of the text up to its NUL (the intended zero-initialised structs).
 */
public final class AatSignService {
    /** {@code sizeof(infer_version_t)} on the 32-bit target. */
    public static final int INFER_VERSION_SIZE = 96;
    /** {@code char version[42]}, {@code char model[42]}. */
    public static final int FIELD = 42;
    /** Offset of the model string (after the version, 2 bytes of padding and the {@code size_t}). */
    public static final int MODEL_OFFSET = 48;

    private static final String LOG_SOURCE = "HUK DERIV SERV";

    private final PsaCoseSigner signer;
    private final PlatformLog log;

    public AatSignService(PsaCoseSigner signer, PlatformLog log) {
        this.signer = signer;
        this.log = log;
    }

    /** An {@code infer_version_t} as a caller lays it out. */
    public static byte[] inferVersion(String version, String model) {
        byte[] v = version.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] mo = model.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (v.length >= FIELD || mo.length >= FIELD) {
            throw new IllegalArgumentException("version strings are at most " + (FIELD - 1) + " characters");
        }
        byte[] s = new byte[INFER_VERSION_SIZE];
        System.arraycopy(v, 0, s, 0, v.length);
        System.arraycopy(Le.bytes32(v.length), 0, s, 44, 4);
        System.arraycopy(mo, 0, s, MODEL_OFFSET, mo.length);
        System.arraycopy(Le.bytes32(mo.length), 0, s, 92, 4);
        return s;
    }

    public void handle(Message m) throws PsaException {
        sign(m, encodeClaims(readStruct(m, 0), readStruct(m, 1)));
    }

    /** TF-M 1.6's {@code TFM_HUK_AAT}: no inputs, the partition's own claims. */
    public void handleOwnClaims(Message m, String tflmVersion, String tflmModel, String utvmVersion, String utvmModel)
            throws PsaException {
        sign(m, encodeClaims(inferVersion(tflmVersion, tflmModel), inferVersion(utvmVersion, utvmModel)));
    }

    private void sign(Message m, byte[] payload) throws PsaException {
        int capacity = HukRequests.outSize(m, 0);
        if (FirmwareSign1.encodedLength(payload.length) > capacity) {
            log.error(LOG_SOURCE, "AAT creation failed with " + PsaStatus.ERROR_BUFFER_TOO_SMALL.value());
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "the AAT does not fit " + capacity + " bytes");
        }
        HukRequests.requireOutput(m, 1, HukServices.SIZE_T_SIZE, "token length");
        byte[] token;
        try {
            token = FirmwareSign1.sign(payload, signer);
        } catch (CoseException e) {
            signer.rethrowPsaFailure();
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "AAT signing failed");
        }
        m.write(0, token);
        m.write(1, HukRequests.sizeT(token.length));
    }

    private static byte[] encodeClaims(byte[] tflm, byte[] utvm) {
        CBORObject map = CBORObject.NewOrderedMap();
        map.Add(CBORObject.FromObject(FirmwarePayload.TFLM_VERSION), CBORObject.FromObject(cString(tflm, 0)));
        map.Add(CBORObject.FromObject(FirmwarePayload.TFLM_SINE_MODEL_VERSION),
                CBORObject.FromObject(cString(tflm, MODEL_OFFSET)));
        map.Add(CBORObject.FromObject(FirmwarePayload.MTVM_VERSION), CBORObject.FromObject(cString(utvm, 0)));
        map.Add(CBORObject.FromObject(FirmwarePayload.MTVM_SINE_MODEL_VERSION),
                CBORObject.FromObject(cString(utvm, MODEL_OFFSET)));
        return map.EncodeToBytes();
    }

    /** {@code psa_read(handle, i, &struct, in_size[i])} into a zeroed struct. */
    private static byte[] readStruct(Message m, int i) throws PsaException {
        int size = HukRequests.inSize(m, i);
        if (size > INFER_VERSION_SIZE) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "infer_version_t " + i + " is " + size
                    + " bytes, more than " + INFER_VERSION_SIZE);
        }
        byte[] s = new byte[INFER_VERSION_SIZE];
        if (size > 0) {
            System.arraycopy(m.input(i), 0, s, 0, size);
        }
        return s;
    }

    /** The bytes of a {@code char[42]} field up to its NUL (at most 42). */
    private static byte[] cString(byte[] s, int offset) {
        int end = offset;
        while (end < offset + FIELD && s[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(s, offset, end);
    }
}

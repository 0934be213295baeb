package io.github.cai4j.inference.service;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@code psa_huk_cose_sign}: the inference partitions' call into the HUK partition's
 * {@code TFM_HUK_COSE_CBOR_ENC_SIGN} service ({@code spec/firmware.md} §1.1): in[0] = float LE, in[1] = format
 * u32; out[0] = encoded bytes (capacity = the caller's out[0] size), out[1] = {@code size_t} length. Connect,
 * call, close, as the firmware's API wrapper does; a refused connection is GENERIC_ERROR.
 */
final class CoseEncodeCall {
    private CoseEncodeCall() {
    }

    /** The encoded bytes, or the HUK service's error status as a {@link PsaException}. */
    static byte[] encode(PsaClient client, float value, int format, int capacity) throws PsaException {
        byte[] in0 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
        byte[] in1 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(format).array();
        byte[] encoded = new byte[capacity];
        byte[] length = new byte[InferenceServices.SIZE_T];
        int handle = client.connect(InferenceServices.HUK_COSE_CBOR_ENC_SIGN_SID, 1);
        if (handle <= 0) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "connect to the HUK COSE encode service failed");
        }
        CallResult r;
        try {
            r = client.call(handle, new InVec[] {InVec.of(in0), InVec.of(in1)},
                    new OutVec[] {OutVec.of(encoded), OutVec.of(length)});
        } finally {
            client.close(handle);
        }
        if (r.status() != PsaStatus.SUCCESS.value()) {
            throw new PsaException(r.status(), "HUK COSE encode failed");
        }
        long n = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
        if (r.outLength(1) != InferenceServices.SIZE_T || n > r.outLength(0)) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "HUK COSE encode reported length " + n
                    + " but wrote " + r.outLength(0) + " bytes");
        }
        return Arrays.copyOf(encoded, (int) n);
    }
}

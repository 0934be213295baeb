package io.github.cai4j.inference.service;

import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stand-in for the HUK partition's {@code TFM_HUK_COSE_CBOR_ENC_SIGN} (0x4c690103, secure callers only) with its
 * request rules ({@code spec/firmware.md} §1.1, §5.2): in[0] float (4 bytes), in[1] format (4 bytes); CBOR gives
 * {@code a1 3a0001387f 44 <f32 LE>}, SIGN1 a COSE_Sign1-shaped array around that payload with a zero signature,
 * ENCRYPT0 NOT_SUPPORTED, anything else INVALID_ARGUMENT, a too small out[0] BUFFER_TOO_SMALL.
 */
final class FakeHukPartition implements SecurePartition {
    static final int PARTITION_ID = 0x4c69_0100;

    /** One request it served. */
    record Request(int clientId, float value, int format) {
    }

    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public PartitionManifest manifest() {
        return PartitionManifest.builder("TFM_SP_HUK_DERI", PARTITION_ID)
                .service(ServiceManifest.connectionBased("TFM_HUK_COSE_CBOR_ENC_SIGN",
                        InferenceServices.HUK_COSE_CBOR_ENC_SIGN_SID, false))
                .build();
    }

    @Override
    public int handle(Message m) throws PsaException {
        if (m.type() != Psa.IPC_CALL) {
            return 0;
        }
        m.requireInSize(0, 4, PsaStatus.ERROR_PROGRAMMER_ERROR);
        m.requireInSize(1, 4, PsaStatus.ERROR_PROGRAMMER_ERROR);
        float value = ByteBuffer.wrap(m.input(0)).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        int format = ByteBuffer.wrap(m.input(1)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        requests.add(new Request(m.clientId(), value, format));
        byte[] payload = payload(value);
        byte[] out;
        if (format == EncodingFormat.CBOR.value()) {
            out = payload;
        } else if (format == EncodingFormat.COSE_SIGN1.value()) {
            out = sign1(payload);
        } else if (format == EncodingFormat.COSE_ENCRYPT0.value()) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "COSE ENCRYPT0 encode format is not supported");
        } else {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "unknown format " + format);
        }
        if (m.outCount() < 2 || m.outCapacity(0) < out.length || m.outCapacity(1) < 4) {
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "output buffer too small");
        }
        m.write(0, out);
        m.write(1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(out.length).array());
        return 0;
    }

    static byte[] payload(float value) {
        ByteBuffer b = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xa1, 0x3a, 0x00, 0x01, 0x38, 0x7f, 0x44});
        b.putFloat(value);
        return b.array();
    }

    static byte[] sign1(byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0xd2, (byte) 0x84, 0x43, (byte) 0xa1, 0x01, 0x26, (byte) 0xa0});
        o.write(0x40 + payload.length);
        o.writeBytes(payload);
        o.writeBytes(new byte[] {0x58, 0x40});
        o.writeBytes(new byte[64]);
        return o.toByteArray();
    }
}

package io.github.cai4j.storage;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.storage.internal.Le;
import java.util.Objects;

/** The marshalling shared by the two typed clients (vector layouts: {@link StorageService}). */
final class StorageCalls {
    private final PsaClient client;
    private final StorageService service;

    StorageCalls(PsaClient client, StorageService service) {
        this.client = Objects.requireNonNull(client, "client");
        this.service = service;
    }

    PsaClient client() {
        return client;
    }

    private CallResult call(int type, InVec[] in, OutVec[] out, String what) throws PsaException {
        return client.call(service.handle(), type, in, out).orThrow(service.serviceName() + " " + what);
    }

    private static InVec uid(long uid) {
        return InVec.of(Le.bytes64(uid));
    }

    void set(long uid, byte[] data, int flags) throws PsaException {
        byte[] d = data == null ? new byte[0] : data;
        call(service.typeSet(), new InVec[] {uid(uid), InVec.of(d), InVec.of(Le.bytes32(flags))}, new OutVec[0],
                "set");
    }

    int get(long uid, long dataOffset, byte[] buffer, int bufferOffset, int dataSize) throws PsaException {
        if (dataOffset < 0 || dataOffset > 0xffff_ffffL) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "data offset " + dataOffset
                    + " is not a 32-bit unsigned value");
        }
        if (dataSize < 0 || (dataSize > 0 && (buffer == null || bufferOffset < 0
                || bufferOffset > buffer.length - dataSize))) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "the output buffer range does not exist");
        }
        byte[] b = buffer == null ? new byte[0] : buffer;
        int off = buffer == null ? 0 : bufferOffset;
        CallResult r = call(service.typeGet(), new InVec[] {uid(uid), InVec.of(Le.bytes32(dataOffset))},
                new OutVec[] {OutVec.of(b, off, dataSize)}, "get");
        return r.outLength(0);
    }

    StorageInfo getInfo(long uid) throws PsaException {
        byte[] out = new byte[12];
        CallResult r = call(service.typeGetInfo(), new InVec[] {uid(uid)}, new OutVec[] {OutVec.of(out)},
                "get_info");
        if (r.outLength(0) != out.length) {
            throw new PsaException(PsaStatus.ERROR_COMMUNICATION_FAILURE, "get_info returned " + r.outLength(0)
                    + " bytes");
        }
        return new StorageInfo(Le.u32(out, 0), Le.u32(out, 4), Le.i32(out, 8));
    }

    void remove(long uid) throws PsaException {
        call(service.typeRemove(), new InVec[] {uid(uid)}, new OutVec[0], "remove");
    }

    int getSupport() throws PsaException {
        byte[] out = new byte[4];
        call(service.typeGetSupport(), new InVec[0], new OutVec[] {OutVec.of(out)}, "get_support");
        return Le.i32(out, 0);
    }

    void create(long uid, long capacity, int flags) throws PsaException {
        if (capacity < 0 || capacity > 0xffff_ffffL) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "capacity " + capacity + " out of range");
        }
        call(service.typeCreate(), new InVec[] {uid(uid), InVec.of(Le.bytes32(capacity)),
            InVec.of(Le.bytes32(flags))}, new OutVec[0], "create");
    }

    void setExtended(long uid, long dataOffset, byte[] data) throws PsaException {
        if (dataOffset < 0 || dataOffset > 0xffff_ffffL) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "data offset " + dataOffset + " out of range");
        }
        byte[] d = data == null ? new byte[0] : data;
        call(service.typeSetExtended(), new InVec[] {uid(uid), InVec.of(Le.bytes32(dataOffset)), InVec.of(d)},
                new OutVec[0], "set_extended");
    }
}

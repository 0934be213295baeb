package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.storage.StorageService;

/**
 * Decodes a storage {@code psa_call} (type, input vectors, output capacities) into a {@link StorageRequest},
 * strictly as TF-M's request managers do: a wrong number of vectors or a wrong fixed-field size is
 * {@code PSA_ERROR_PROGRAMMER_ERROR}, an unknown type {@code PSA_ERROR_NOT_SUPPORTED}. Layouts: see
 * {@link StorageService}.
 */
public final class StorageRequestCodec {
    /** Size of the {@code psa_storage_info_t} output (three 32-bit fields on the modelled M-profile). */
    public static final int INFO_BYTES = 12;

    private StorageRequestCodec() {
    }

    public static StorageRequest decode(StorageService service, int type, byte[][] in, int[] outCapacities)
            throws PsaException {
        if (type < 0) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "call type " + type);
        }
        if (type == service.typeSet()) {
            shape(in, outCapacities, 3, 0);
            return new StorageRequest.Set(uid(in), in[1], field32(in, 2, "flags"));
        }
        if (type == service.typeGet()) {
            shape(in, outCapacities, 2, 1);
            return new StorageRequest.Get(uid(in), field32(in, 1, "offset") & 0xffff_ffffL, outCapacities[0]);
        }
        if (type == service.typeGetInfo()) {
            shape(in, outCapacities, 1, 1);
            if (outCapacities[0] != INFO_BYTES) {
                throw malformed("info output must be " + INFO_BYTES + " bytes, got " + outCapacities[0]);
            }
            return new StorageRequest.GetInfo(uid(in));
        }
        if (type == service.typeRemove()) {
            shape(in, outCapacities, 1, 0);
            return new StorageRequest.Remove(uid(in));
        }
        if (type == service.typeGetSupport()) {
            shape(in, outCapacities, 0, 1);
            if (outCapacities[0] != 4) {
                throw malformed("support output must be 4 bytes, got " + outCapacities[0]);
            }
            return new StorageRequest.GetSupport();
        }
        if (type == service.typeCreate()) {
            shape(in, outCapacities, 3, 0);
            return new StorageRequest.Create(uid(in), field32(in, 1, "capacity") & 0xffff_ffffL,
                    field32(in, 2, "flags"));
        }
        if (type == service.typeSetExtended()) {
            shape(in, outCapacities, 3, 0);
            return new StorageRequest.SetExtended(uid(in), field32(in, 1, "offset") & 0xffff_ffffL, in[2]);
        }
        throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, service.serviceName() + " has no call type " + type);
    }

    private static void shape(byte[][] in, int[] out, int inCount, int outCount) throws PsaException {
        if (in.length != inCount || out.length != outCount) {
            throw malformed("expected " + inCount + " input and " + outCount + " output vectors, got "
                    + in.length + " and " + out.length);
        }
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw malformed("input vector " + i + " is missing");
            }
        }
    }

    private static long uid(byte[][] in) throws PsaException {
        if (in[0].length != 8) {
            throw malformed("uid vector must be 8 bytes, got " + in[0].length);
        }
        return Le.i64(in[0], 0);
    }

    private static int field32(byte[][] in, int i, String what) throws PsaException {
        if (in[i].length != 4) {
            throw malformed(what + " vector must be 4 bytes, got " + in[i].length);
        }
        return Le.i32(in[i], 0);
    }

    private static PsaException malformed(String why) {
        return new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, why);
    }
}

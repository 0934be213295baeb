package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.storage.StorageInfo;
import io.github.cai4j.storage.StorageService;

/** Runs a decoded request against a store and writes the outputs: the body of both storage partitions. */
public final class StorageRequestHandler {
    private final StorageService service;

    public StorageRequestHandler(StorageService service) {
        this.service = service;
    }

    /** Handles one message for {@code store}; returns {@code PSA_SUCCESS} or throws the request's status. */
    public int handle(Message message, ObjectStore store) throws PsaException {
        if (message.type() < 0) {
            return PsaStatus.SUCCESS.value(); // connect/disconnect do not reach a stateless service
        }
        byte[][] in = new byte[message.inCount()][];
        for (int i = 0; i < in.length; i++) {
            in[i] = message.input(i);
        }
        int[] out = new int[message.outCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = message.outCapacity(i);
        }
        int client = message.clientId();
        StorageRequest request = StorageRequestCodec.decode(service, message.type(), in, out);
        if (request instanceof StorageRequest.Set r) {
            store.set(client, r.uid(), r.data(), r.flags());
        } else if (request instanceof StorageRequest.Get r) {
            byte[] data = store.get(client, r.uid(), r.offset(), r.maxLength());
            message.write(0, data);
        } else if (request instanceof StorageRequest.GetInfo r) {
            StorageInfo info = store.getInfo(client, r.uid());
            byte[] b = new byte[StorageRequestCodec.INFO_BYTES];
            Le.put32(b, 0, info.capacity());
            Le.put32(b, 4, info.size());
            Le.put32(b, 8, info.flags());
            message.write(0, b);
        } else if (request instanceof StorageRequest.Remove r) {
            if (service == StorageService.PROTECTED_STORAGE) {
                removePs(store, client, r.uid());
            } else {
                store.remove(client, r.uid());
            }
        } else if (request instanceof StorageRequest.GetSupport) {
            message.write(0, Le.bytes32(store.getSupport()));
        } else if (request instanceof StorageRequest.Create r) {
            store.create(client, r.uid(), r.capacity(), r.flags());
        } else if (request instanceof StorageRequest.SetExtended r) {
            store.setExtended(client, r.uid(), r.offset(), r.data());
        }
        return PsaStatus.SUCCESS.value();
    }

    /** TF-M maps an authentication failure during remove to GENERIC_ERROR (B5: not a status remove may return). */
    private static void removePs(ObjectStore store, int client, long uid) throws PsaException {
        try {
            store.remove(client, uid);
        } catch (PsaException e) {
            if (e.is(PsaStatus.ERROR_INVALID_SIGNATURE)) {
                throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "PS remove: authentication failed");
            }
            throw e;
        }
    }
}

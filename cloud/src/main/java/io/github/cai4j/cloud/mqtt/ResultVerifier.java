package io.github.cai4j.cloud.mqtt;

import io.github.cai4j.cloud.DeviceRegistry;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.firmware.DeviceVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DevicePublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud's check of one published result against the CA's registry: the topic names the device, the registry
 * gives the public key certified for its COSE key 0x5002, the COSE_Sign1 must verify with that key, and its counter
 * pair must be greater than the last one accepted from that device (equal: replay; lower: rollback). Thread-safe.
 */
public final class ResultVerifier {
    private final DeviceRegistry registry;
    private final Map<String, Entry> devices = new HashMap<>();

    private record Entry(DevicePublicKey key, DeviceVerifier verifier) {
    }

    public ResultVerifier(DeviceRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Checks one message. */
    public synchronized Verdict check(String topic, byte[] payload) {
        Optional<String> uuid = Topics.deviceOfEvents(topic);
        if (uuid.isEmpty()) {
            return new Verdict(topic, uuid, Verdict.Status.BAD_TOPIC, Optional.empty(), "not an events topic");
        }
        String id = uuid.get();
        try {
            registry.refreshIfChanged();
        } catch (io.github.cai4j.cloud.CloudException e) {
            // keep what was loaded: a registry being rewritten by the CA is read again with the next message
        }
        if (registry.isRevoked(id)) {
            return new Verdict(topic, uuid, Verdict.Status.REVOKED, Optional.empty(), "device revoked");
        }
        Optional<DevicePublicKey> key = registry.publicKey(id, DeviceKey.COSE);
        if (key.isEmpty()) {
            return new Verdict(topic, uuid, Verdict.Status.UNKNOWN_DEVICE, Optional.empty(),
                    "no certificate for key 0x5002");
        }
        Entry e = devices.get(id);
        if (e == null || !e.key().equals(key.get())) {
            try {
                e = new Entry(key.get(), DeviceVerifier.fromUncompressedPoint(key.get().uncompressedPoint()));
            } catch (CoseException ex) {
                return new Verdict(topic, uuid, Verdict.Status.UNKNOWN_DEVICE, Optional.empty(),
                        "unusable registered key");
            }
            devices.put(id, e);
        }
        Optional<FirmwarePayload.Counters> before = e.verifier().lastCounters();
        DeviceVerifier.Result r;
        try {
            r = e.verifier().verify(payload);
        } catch (CoseException ex) {
            return new Verdict(topic, uuid, Verdict.Status.MALFORMED, Optional.empty(), "not a firmware COSE_Sign1");
        }
        return switch (r.status()) {
            case VALID -> new Verdict(topic, uuid, Verdict.Status.ACCEPTED, r.payload(), "");
            case BAD_SIGNATURE -> new Verdict(topic, uuid, Verdict.Status.BAD_SIGNATURE, Optional.empty(),
                    "not signed by this device's key 0x5002");
            case NO_COUNTERS -> new Verdict(topic, uuid, Verdict.Status.NO_COUNTERS, r.payload(), "no NV counters");
            case REPLAYED -> {
                FirmwarePayload.Counters c = r.payload().flatMap(FirmwarePayload::counters).orElseThrow();
                boolean same = before.isPresent() && c.compareTo(before.get()) == 0;
                yield new Verdict(topic, uuid, same ? Verdict.Status.REPLAYED : Verdict.Status.ROLLED_BACK,
                        r.payload(), "last accepted " + before.map(b -> b.rollover() + "/" + b.counter()).orElse("-"));
            }
        };
    }

    @Override
    public synchronized String toString() {
        return "ResultVerifier[" + devices.size() + " devices seen]";
    }
}

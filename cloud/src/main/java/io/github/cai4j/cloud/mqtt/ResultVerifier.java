package io.github.cai4j.cloud.mqtt;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cloud.CloudException;
import io.github.cai4j.cloud.DeviceRegistry;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.firmware.FlowDecryptor;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DevicePublicKey;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud's check of one published result against the CA's registry: the topic names the device, the registry
 * gives the public key certified for its COSE key 0x5002, and the message must be either a COSE_Sign1 that verifies
 * with that key, or (with the cloud's flow key) a "flow" COSE_Encrypt0 record of a session whose key message that
 * key signed. The payload's counter pair must be greater than the last one accepted from that device (equal: replay;
 * lower: rollback). Thread-safe.
 */
public final class ResultVerifier {
    private static final int TAG_SIGN1 = 0xd2;
    private static final int TAG_ENCRYPT0 = 0xd0;

    private final DeviceRegistry registry;
    private final Optional<CoseKey> cloudKey;
    private final Map<String, Entry> devices = new HashMap<>();

    private static final class Entry {
        final DevicePublicKey key;
        final CoseVerifier verifier;
        final FlowDecryptor flow;
        FirmwarePayload.Counters last;

        Entry(DevicePublicKey key, CoseVerifier verifier, FlowDecryptor flow) {
            this.key = key;
            this.verifier = verifier;
            this.flow = flow;
        }
    }

    /** A verifier of COSE_Sign1 results only. */
    public ResultVerifier(DeviceRegistry registry) {
        this(registry, Optional.empty());
    }

    /**
     * @param cloudKey the cloud's P-256 private key the devices' flow sessions are encrypted to (empty: Encrypt0
     *                 results are refused as malformed)
     */
    public ResultVerifier(DeviceRegistry registry, Optional<CoseKey> cloudKey) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cloudKey = Objects.requireNonNull(cloudKey, "cloudKey");
    }

    private Verdict verdict(String topic, String uuid, Verdict.Status s, Optional<FirmwarePayload> p, String d) {
        return new Verdict(topic, Optional.of(uuid), s, p, d);
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
        } catch (CloudException e) {
            // keep what was loaded: a registry being rewritten by the CA is read again with the next message
        }
        if (registry.isRevoked(id)) {
            return verdict(topic, id, Verdict.Status.REVOKED, Optional.empty(), "device revoked");
        }
        Optional<DevicePublicKey> key = registry.publicKey(id, DeviceKey.COSE);
        if (key.isEmpty()) {
            return verdict(topic, id, Verdict.Status.UNKNOWN_DEVICE, Optional.empty(),
                    "no certificate for key 0x5002");
        }
        Entry e = devices.get(id);
        if (e == null || !e.key.equals(key.get())) {
            try {
                CoseVerifier v = EcdsaVerifier.of(Curve.P_256, key.get().uncompressedPoint());
                e = new Entry(key.get(), v, cloudKey.isPresent() ? FlowDecryptor.of(cloudKey.get(), v) : null);
            } catch (CoseException ex) {
                return verdict(topic, id, Verdict.Status.UNKNOWN_DEVICE, Optional.empty(), "unusable registered key");
            }
            devices.put(id, e);
        }
        if (payload.length == 0) {
            return verdict(topic, id, Verdict.Status.MALFORMED, Optional.empty(), "empty message");
        }
        byte[] plain;
        String kind;
        try {
            int tag = payload[0] & 0xff;
            if (tag == TAG_SIGN1) {
                byte[][] parts = splitFirst(payload);
                if (parts[1].length == 0) {
                    Sign1Message m = FirmwareSign1.decodeStrict(payload);
                    if (!m.verify(e.verifier)) {
                        return verdict(topic, id, Verdict.Status.BAD_SIGNATURE, Optional.empty(),
                                "not signed by this device's key 0x5002");
                    }
                    plain = m.payload().orElseThrow(() -> new CoseException("detached payload"));
                    kind = "";
                } else {
                    if (e.flow == null) {
                        return verdict(topic, id, Verdict.Status.MALFORMED, Optional.empty(),
                                "an encrypted result, but no cloud key is configured");
                    }
                    if (e.flow.acceptKeyMessage(parts[0]).isEmpty()) {
                        return verdict(topic, id, Verdict.Status.BAD_SIGNATURE, Optional.empty(),
                                "session key not signed by this device's key 0x5002");
                    }
                    Optional<byte[]> d = e.flow.decrypt(parts[1]);
                    if (d.isEmpty()) {
                        return verdict(topic, id, Verdict.Status.BAD_SIGNATURE, Optional.empty(),
                                "record does not authenticate");
                    }
                    plain = d.get();
                    kind = "COSE_Encrypt0, new session";
                }
            } else if (tag == TAG_ENCRYPT0) {
                if (e.flow == null) {
                    return verdict(topic, id, Verdict.Status.MALFORMED, Optional.empty(),
                            "an encrypted result, but no cloud key is configured");
                }
                Optional<byte[]> d = e.flow.decrypt(payload);
                if (d.isEmpty()) {
                    return verdict(topic, id, Verdict.Status.BAD_SIGNATURE, Optional.empty(),
                            "record does not authenticate");
                }
                plain = d.get();
                kind = "COSE_Encrypt0";
            } else {
                return verdict(topic, id, Verdict.Status.MALFORMED, Optional.empty(),
                        "neither a COSE_Sign1 nor a COSE_Encrypt0");
            }
        } catch (CoseException ex) {
            return verdict(topic, id, Verdict.Status.MALFORMED, Optional.empty(), "not a firmware COSE message");
        }
        FirmwarePayload p;
        try {
            p = FirmwarePayload.decode(plain);
        } catch (CoseException ex) {
            return verdict(topic, id, Verdict.Status.MALFORMED, Optional.empty(), "not a firmware payload");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        if (p.counters().isEmpty()) {
            return verdict(topic, id, Verdict.Status.NO_COUNTERS, Optional.of(p), "no NV counters");
        }
        FirmwarePayload.Counters c = p.counters().get();
        if (e.last != null && c.compareTo(e.last) <= 0) {
            boolean same = c.compareTo(e.last) == 0;
            return verdict(topic, id, same ? Verdict.Status.REPLAYED : Verdict.Status.ROLLED_BACK, Optional.of(p),
                    "last accepted " + e.last.rollover() + "/" + e.last.counter());
        }
        e.last = c;
        return verdict(topic, id, Verdict.Status.ACCEPTED, Optional.of(p), kind);
    }

    /** The first CBOR item of a sequence and the rest. */
    private static byte[][] splitFirst(byte[] seq) throws CoseException {
        ByteArrayInputStream in = new ByteArrayInputStream(seq);
        try {
            CBORObject.Read(in);
        } catch (CBORException | IllegalArgumentException ex) {
            throw new CoseException("not CBOR");
        }
        int rest = in.available();
        int first = seq.length - rest;
        return new byte[][] {Arrays.copyOfRange(seq, 0, first), Arrays.copyOfRange(seq, first, seq.length)};
    }

    @Override
    public synchronized String toString() {
        return "ResultVerifier[" + devices.size() + " devices seen" + (cloudKey.isPresent() ? ", flow key" : "")
                + "]";
    }
}

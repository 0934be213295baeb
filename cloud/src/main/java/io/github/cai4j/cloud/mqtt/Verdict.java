package io.github.cai4j.cloud.mqtt;

import io.github.cai4j.cose.firmware.FirmwarePayload;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cloud listener concluded about one message.
 *
 * @param topic   the topic it arrived on
 * @param uuid    the device the topic names (empty if the topic is not an events topic)
 * @param status  the outcome
 * @param payload the decoded payload when the signature verified
 * @param detail  a short explanation
 */
public record Verdict(String topic, Optional<String> uuid, Status status, Optional<FirmwarePayload> payload,
                      String detail) {
    /** Outcomes. */
    public enum Status {
        /** Signed by the device's certified COSE key, counters fresh. */
        ACCEPTED,
        /** Not an events topic of the form {@code devices/<uuid>/messages/events/}. */
        BAD_TOPIC,
        /** The registry holds no COSE key certificate for this UUID. */
        UNKNOWN_DEVICE,
        /** The device was revoked. */
        REVOKED,
        /** Not a COSE_Sign1 of the firmware's form. */
        MALFORMED,
        /** The signature does not verify with this device's certified key (another device's key, or tampered). */
        BAD_SIGNATURE,
        /** The same counter pair as the last accepted message. */
        REPLAYED,
        /** A counter pair lower than the last accepted one. */
        ROLLED_BACK,
        /** A valid signature over a payload without counters (no replay protection possible). */
        NO_COUNTERS
    }

    public Verdict {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** A printable line: {@code ACCEPTED <uuid> value=<v> counters=<rollover>/<counter>} or the refusal. */
    public String line() {
        StringBuilder sb = new StringBuilder(status.name()).append(' ').append(uuid.orElse(topic));
        payload.ifPresent(p -> {
            sb.append(String.format(Locale.ROOT, " value=%.6f", p.value()));
            p.counters().ifPresent(c -> sb.append(" counters=").append(c.rollover()).append('/').append(c.counter()));
        });
        if (!detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}

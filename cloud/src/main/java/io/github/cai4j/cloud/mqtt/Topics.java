package io.github.cai4j.cloud.mqtt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The firmware's MQTT topics ({@code spec/firmware.md} §8.2). */
public final class Topics {
    /** What the cloud listener subscribes to. */
    public static final String ALL_EVENTS = "devices/+/messages/events/";

    private static final Pattern EVENTS = Pattern.compile("devices/([0-9a-f-]{36})/messages/events/");

    private Topics() {
    }

    /** {@code devices/<uuid>/messages/events/}: where a device publishes its results. */
    public static String events(String uuid) {
        return "devices/" + uuid + "/messages/events/";
    }

    /** {@code devices/<uuid>/messages/devicebound/#}: what a device subscribes to. */
    public static String deviceBound(String uuid) {
        return "devices/" + uuid + "/messages/devicebound/#";
    }

    /** The UUID of an events topic. */
    public static Optional<String> deviceOfEvents(String topic) {
        Matcher m = EVENTS.matcher(topic);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

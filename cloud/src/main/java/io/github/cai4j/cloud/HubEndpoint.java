package io.github.cai4j.cloud;

import java.util.Objects;

/**
 * The MQTT hub the bootstrap server names in {@code GET /api/v1/ccs} ({@code {1: hub name, 2: port}}).
 *
 * @param name the host name the device connects to
 * @param port the TLS port
 */
public record HubEndpoint(String name, int port) {
    public HubEndpoint {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("hub name must have 1..255 characters, got " + name.length());
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hub port must be 1..65535, got " + port);
        }
    }
}

package io.github.cai4j.cloud.mqtt;

import io.github.cai4j.cloud.CloudException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A device's MQTT connection (Eclipse Paho) over mutual TLS with its own TLS context (key 0x5001 in crypto-service,
 * see {@link io.github.cai4j.cloud.tls.DeviceTls}). Publishes each signed result on
 * {@code devices/<uuid>/messages/events/} with QoS 1 and returns once the broker acknowledged it; across a broker
 * restart it reconnects (persistent session) and retries until acknowledged or the publish bound expires.
 */
public final class DevicePublisher implements AutoCloseable {
    private final MqttClient client;
    private final String topic;
    private final Duration publishBound;
    private final Reconnector reconnector;

    private DevicePublisher(MqttClient client, String topic, Duration publishBound, Reconnector reconnector) {
        this.client = client;
        this.topic = topic;
        this.publishBound = publishBound;
        this.reconnector = reconnector;
    }

    /**
     * Connects.
     *
     * @param brokerUri    e.g. {@code ssl://127.0.0.1:8883}
     * @param uuid         the device UUID (client id, and the topic's device part)
     * @param tls          the device's TLS context
     * @param publishBound how long one {@link #publish} may take at most, retries included
     * @throws CloudException if the broker refuses the connection (for example, no or a revoked certificate)
     */
    public static DevicePublisher connect(String brokerUri, String uuid, SSLContext tls, Duration publishBound)
            throws CloudException {
        Objects.requireNonNull(tls, "tls");
        MqttClient c;
        try {
            c = new MqttClient(brokerUri, uuid, new MemoryPersistence());
        } catch (MqttException e) {
            throw new CloudException("invalid broker URI or client id: " + e.getMessage(), e);
        }
        MqttConnectOptions o = options(tls);
        c.setTimeToWait(Math.min(publishBound.toMillis(), 10_000));
        Reconnector reconnector;
        try {
            reconnector = Reconnector.connect(c, o, uuid, new Reconnector.Events() { });
        } catch (MqttException e) {
            closeQuietly(c);
            throw new CloudException("the broker " + brokerUri + " refused " + uuid + ": " + describe(e), e);
        }
        return new DevicePublisher(c, Topics.events(uuid), publishBound, reconnector);
    }

    static MqttConnectOptions options(SSLContext tls) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(tls.getSocketFactory());
        o.setHttpsHostnameVerificationEnabled(true);
        o.setCleanSession(false);
        // reconnecting is the Reconnector's job, not Paho's (see there)
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(10);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        return o;
    }

    static String describe(MqttException e) {
        Throwable c = e.getCause();
        return e.getMessage() + " (reason " + e.getReasonCode() + ")"
                + (c == null ? "" : ": " + c.getClass().getSimpleName() + ": " + c.getMessage());
    }

    static void closeQuietly(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(1000, 1000);
            }
            c.close(true);
        } catch (MqttException e) {
            // closing: nothing left to do
        }
    }

    /** The topic results go to. */
    public String topic() {
        return topic;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Publishes one result with QoS 1 and waits for the broker's acknowledgement, retrying across reconnects.
     *
     * @return how many attempts it took
     * @throws CloudException if it was not acknowledged within the bound
     */
    public int publish(byte[] signedResult) throws CloudException {
        long deadline = System.nanoTime() + publishBound.toNanos();
        int attempts = 0;
        MqttException last = null;
        while (System.nanoTime() < deadline) {
            if (!client.isConnected()) {
                sleep(100);
                continue;
            }
            attempts++;
            try {
                MqttMessage m = new MqttMessage(signedResult);
                m.setQos(1);
                m.setRetained(false);
                client.publish(topic, m);
                return attempts;
            } catch (MqttException e) {
                last = e;
                sleep(100);
            }
        }
        throw new CloudException("result not acknowledged within " + publishBound.toSeconds() + " s after "
                + attempts + " attempts" + (last == null ? " (never connected)" : ": " + describe(last)), last);
    }

    private static void sleep(long ms) throws CloudException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        reconnector.close();
        closeQuietly(client);
    }

    @Override
    public String toString() {
        return "DevicePublisher[" + topic + (client.isConnected() ? ", connected" : "") + "]";
    }
}

package io.github.cai4j.cloud.mqtt;

import io.github.cai4j.cloud.CloudException;
import io.github.cai4j.cloud.DeviceRegistry;
import io.github.cai4j.psa.platform.PlatformLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The cloud subscriber: connects to the broker with the CA's listener identity, subscribes to every device's events
 * with QoS 1 in a persistent session, and checks each message with a {@link ResultVerifier} against the CA's
 * registry. Verdicts are logged, handed to an optional callback and queued (bounded; the oldest is dropped when full).
 */
public final class CloudListener implements AutoCloseable {
    /** The log source of the listener's lines. */
    public static final String LOG_SOURCE = "CLOUD";
    /** The MQTT client id of the listener. */
    public static final String CLIENT_ID = "cai4j-cloud-listener";
    private static final int QUEUE = 4096;

    private final MqttClient client;
    private final ResultVerifier verifier;
    private final BlockingQueue<Verdict> verdicts = new ArrayBlockingQueue<>(QUEUE);
    private final PlatformLog log;
    private final Consumer<Verdict> callback;
    private volatile Reconnector reconnector;

    private CloudListener(MqttClient client, ResultVerifier verifier, PlatformLog log, Consumer<Verdict> callback) {
        this.client = client;
        this.verifier = verifier;
        this.log = log;
        this.callback = callback;
    }

    /**
     * Connects and subscribes.
     *
     * @param brokerUri e.g. {@code ssl://127.0.0.1:8883}
     * @param tls       the listener's TLS context ({@code BootstrapCa.listenerCredentials().sslContext(root)})
     * @param registry  the CA's registry of device keys
     * @param log       where verdict lines go
     * @param callback  called with each verdict on the MQTT thread (may be {@code v -> { }})
     */
    public static CloudListener connect(String brokerUri, SSLContext tls, DeviceRegistry registry, PlatformLog log,
                                        Consumer<Verdict> callback) throws CloudException {
        return connect(brokerUri, tls, new ResultVerifier(registry), log, callback);
    }

    /**
     * Connects with a verifier of one's own (e.g. {@code new ResultVerifier(registry, Optional.of(cloudFlowKey))} to
     * read COSE_Encrypt0 results too).
     */
    public static CloudListener connect(String brokerUri, SSLContext tls, ResultVerifier verifier, PlatformLog log,
                                        Consumer<Verdict> callback) throws CloudException {
        Objects.requireNonNull(verifier, "verifier");
        MqttClient c;
        try {
            c = new MqttClient(brokerUri, CLIENT_ID, new MemoryPersistence());
        } catch (MqttException e) {
            throw new CloudException("invalid broker URI: " + e.getMessage(), e);
        }
        CloudListener l = new CloudListener(c, verifier, Objects.requireNonNull(log, "log"),
                Objects.requireNonNull(callback, "callback"));
        c.setTimeToWait(10_000);
        MqttConnectOptions o = DevicePublisher.options(tls);
        try {
            l.reconnector = Reconnector.connect(c, o, "listener", new Reconnector.Events() {
                @Override
                public void message(String topic, byte[] payload) {
                    l.accept(topic, payload);
                }

                @Override
                public void lost(Throwable cause) {
                    log.warn(LOG_SOURCE, "Connection lost: "
                            + (cause == null ? "?" : cause.getClass().getSimpleName()));
                }

                @Override
                public void reconnected(boolean sessionPresent) throws MqttException {
                    if (!sessionPresent) {
                        // the broker lost the persistent session (e.g. restarted without its state): subscribe again
                        c.subscribe(Topics.ALL_EVENTS, 1);
                    }
                    log.info(LOG_SOURCE, "Reconnected to " + brokerUri + (sessionPresent ? "" : " (new session)"));
                }
            });
            c.subscribe(Topics.ALL_EVENTS, 1);
        } catch (MqttException e) {
            l.close();
            throw new CloudException("the broker " + brokerUri + " refused the listener: "
                    + DevicePublisher.describe(e), e);
        }
        log.info(LOG_SOURCE, "Listening on " + brokerUri + " for " + Topics.ALL_EVENTS);
        return l;
    }

    /** Checks one message as if it had arrived (what the MQTT callback calls). */
    public Verdict accept(String topic, byte[] payload) {
        Verdict v = verifier.check(topic, payload);
        if (v.accepted()) {
            log.info(LOG_SOURCE, v.line());
        } else {
            log.warn(LOG_SOURCE, "Rejected: " + v.line());
        }
        while (!verdicts.offer(v)) {
            verdicts.poll();
        }
        callback.accept(v);
        return v;
    }

    /** The next verdict, waiting at most {@code timeout}; {@code null} if none came. */
    public Verdict next(Duration timeout) throws InterruptedException {
        return verdicts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for {@code n} verdicts (at most {@code timeout} in all) and returns those that came. */
    public List<Verdict> next(int n, Duration timeout) throws InterruptedException {
        List<Verdict> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Verdict v = verdicts.poll(left, TimeUnit.NANOSECONDS);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        Reconnector r = reconnector;
        if (r != null) {
            r.close();
        }
        DevicePublisher.closeQuietly(client);
    }

    @Override
    public String toString() {
        return "CloudListener[" + verifier + "]";
    }
}

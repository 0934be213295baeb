package io.github.cai4j.cloud.mqtt;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Keeps one Paho client connected: after a lost connection it tries again on its own daemon thread, with a short
 * back-off, until it is connected or closed.
 *
 * <p>Paho's own automatic reconnect is not used: an attempt that fails synchronously inside Paho (for example while the
 * client is still tearing the old connection down) ends its reconnect cycle for good, leaving the client disconnected
 * for the rest of its life. Here every failed attempt is followed by another.
 */
final class Reconnector implements AutoCloseable {
    /** What the owner hears of its client; every method has a do-nothing default. */
    interface Events {
        /** A message arrived (on Paho's thread). */
        default void message(String topic, byte[] payload) {
        }

        /** The connection was lost (on Paho's thread); reconnecting has already been scheduled. */
        default void lost(Throwable cause) {
        }

        /** Connected again (on the reconnect thread), e.g. to subscribe again when the session is new. */
        default void reconnected(boolean sessionPresent) throws MqttException {
        }
    }

    static final long FIRST_DELAY_MS = 100;
    static final long MAX_DELAY_MS = 1_000;

    private final MqttClient client;
    private final MqttConnectOptions options;
    private final Events events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean lost;
    private volatile boolean closed;

    private Reconnector(MqttClient client, MqttConnectOptions options, String name, Events events) {
        this.client = client;
        this.options = options;
        this.events = events;
        this.thread = new Thread(this::run, "cai4j-mqtt-reconnect-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Installs the client's callback, connects once (a refusal is the caller's to report) and from then on keeps
     * the client connected until {@link #close()}.
     *
     * @param options the connect options; Paho's automatic reconnect must be off in them
     * @throws MqttException if the first connect fails (nothing is left running then)
     */
    static Reconnector connect(MqttClient client, MqttConnectOptions options, String name, Events events)
            throws MqttException {
        if (options.isAutomaticReconnect()) {
            throw new IllegalArgumentException("Paho's automatic reconnect must be off");
        }
        Reconnector r = new Reconnector(Objects.requireNonNull(client, "client"), options, name,
                Objects.requireNonNull(events, "events"));
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                r.connectionLost();
                events.lost(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.message(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publishers wait for their own acknowledgements
            }
        });
        client.connect(options);
        r.thread.start();
        return r;
    }

    /** Reports a lost connection; returns at once. */
    private void connectionLost() {
        lock.lock();
        try {
            lost = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            lock.lock();
            try {
                while (!lost && !closed) {
                    // a lost connection that was never reported (it should not happen) is found within a second
                    wake.await(1, TimeUnit.SECONDS);
                    if (!client.isConnected()) {
                        lost = true;
                    }
                }
                lost = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (!reconnect()) {
                return;
            }
        }
    }

    /** Tries until connected; {@code false} if closed or interrupted first. */
    private boolean reconnect() {
        long delay = FIRST_DELAY_MS;
        while (!closed) {
            if (client.isConnected()) {
                return true;
            }
            try {
                IMqttToken t = client.connectWithResult(options);
                try {
                    events.reconnected(t.getSessionPresent());
                } catch (MqttException e) {
                    // connected but not ready (e.g. the subscription was refused): drop it and try again
                    disconnectQuietly();
                    throw e;
                }
                return true;
            } catch (MqttException e) {
                if (closed) {
                    return false;
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(delay);
            } catch (InterruptedException e) {
                return false;
            }
            delay = Math.min(MAX_DELAY_MS, delay * 2);
        }
        return false;
    }

    private void disconnectQuietly() {
        try {
            client.disconnectForcibly(0, 1000);
        } catch (MqttException e) {
            // already gone
        }
    }

    /** Stops trying; the client itself is closed by its owner. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

package io.github.cai4j.cloud.mqtt;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Keeps one Paho client connected: after a lost connection it tries again on its own daemon thread, with a short
 * back-off, until it is connected or closed.
 *
 * <p>Paho's own automatic reconnect is not used: an attempt that fails synchronously inside Paho (for example while the
 * client is still tearing the old connection down) ends its reconnect cycle for good, leaving the client disconnected
 * for the rest of its life. Here every failed attempt is followed by another.
 */
final class Reconnector implements AutoCloseable {
    /** What to do after each successful reconnect, on the reconnect thread (e.g. subscribe again). */
    @FunctionalInterface
    interface OnConnected {
        void connected(boolean sessionPresent) throws MqttException;
    }

    /** Called with the exception of each failed attempt, for logging. */
    @FunctionalInterface
    interface OnFailure {
        void failed(MqttException e);
    }

    static final long FIRST_DELAY_MS = 100;
    static final long MAX_DELAY_MS = 1_000;

    private final MqttClient client;
    private final MqttConnectOptions options;
    private final OnConnected onConnected;
    private final OnFailure onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean lost;
    private volatile boolean closed;

    /**
     * Starts supervising a client that has just connected.
     *
     * @param options the options of the first connect; automatic reconnect must be off in them
     */
    Reconnector(MqttClient client, MqttConnectOptions options, String name, OnConnected onConnected,
                OnFailure onFailure) {
        if (options.isAutomaticReconnect()) {
            throw new IllegalArgumentException("Paho's automatic reconnect must be off");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.options = options;
        this.onConnected = Objects.requireNonNull(onConnected, "onConnected");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.thread = new Thread(this::run, "cai4j-mqtt-reconnect-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Reports a lost connection (from Paho's {@code connectionLost} callback; returns at once). */
    void connectionLost() {
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
                    onConnected.connected(t.getSessionPresent());
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
                onFailure.failed(e);
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

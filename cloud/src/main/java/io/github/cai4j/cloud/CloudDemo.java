package io.github.cai4j.cloud;

import io.github.cai4j.cloud.mqtt.CloudListener;
import io.github.cai4j.cloud.mqtt.DevicePublisher;
import io.github.cai4j.cloud.mqtt.Mosquitto;
import io.github.cai4j.cloud.mqtt.Verdict;
import io.github.cai4j.cloud.tls.DeviceTls;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DeviceKeys;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.storage.ProtectedStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole cloud path on one machine: a bootstrap CA in {@code workDir/ca} serving on 127.0.0.1, an Eclipse
 * Mosquitto broker in {@code workDir/broker} requiring certificates from that CA, the device provisioning both keys
 * with {@code keys ca}, connecting with its crypto-service-held TLS key and publishing signed results, and the cloud
 * listener verifying them against the CA's registry. Returns the lines to print.
 */
public final class CloudDemo {
    /** Makes the device's i-th signed result (e.g. a COSE_Sign1 inference). */
    @FunctionalInterface
    public interface ResultSource {
        byte[] result(int index) throws PsaException;
    }

    private CloudDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param workDir where the CA and the broker keep their files
     * @param keys    the device's key management (non-secure side)
     * @param ns      the device's non-secure PSA client
     * @param results where signed results come from
     * @param count   how many results to publish (1..100)
     * @param log     where the CA, broker and listener log lines go
     * @throws CloudException if mosquitto is not installed (the message says how to install it) or a step fails
     */
    public static List<String> run(Path workDir, DeviceKeys keys, PsaClient ns, ResultSource results, int count,
                                   PlatformLog log) throws CloudException, PsaException {
        Objects.requireNonNull(results, "results");
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1..100, got " + count);
        }
        if (Mosquitto.locate().isEmpty()) {
            throw new CloudException("the cloud demo needs Eclipse Mosquitto; " + Mosquitto.INSTALL_HINT);
        }
        List<String> out = new ArrayList<>();
        Path brokerDir = workDir.resolve("broker");
        try {
            Files.createDirectories(brokerDir);
        } catch (IOException e) {
            throw new CloudException("cannot create " + brokerDir + ": " + e.getMessage(), e);
        }
        try (BootstrapCa ca = BootstrapCa.open(workDir.resolve("ca"), new BootstrapCa.Options().log(log)).start(0);
             Mosquitto broker = Mosquitto.start(brokerDir, ca, true)) {
            out.add("Bootstrap CA: " + ca.baseUri() + " (root " + ca.rootCertificate().getSubjectX500Principal()
                    .getName() + ", files in " + ca.directory() + ")");
            out.add("MQTT broker: mosquitto on " + broker.uri() + ", require_certificate true");
            ca.setHub(new HubEndpoint("127.0.0.1", broker.port()));
            BootstrapClient bootstrap = BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(),
                    ca.rootCertificate());
            ProtectedStorage ps = new ProtectedStorage(ns);
            String uuid = keys.uuid().value();
            for (DeviceKey k : new DeviceKey[] {DeviceKey.CLIENT_TLS, DeviceKey.COSE}) {
                out.add("$ keys ca " + Integer.toHexString(k.keyId()));
                out.addAll(bootstrap.keysCa(keys, ps, Integer.toHexString(k.keyId())));
                if (keys.status(k) != io.github.cai4j.huk.KeyStatus.X509_CERT_GENERATED) {
                    throw new CloudException("provisioning of key 0x" + Integer.toHexString(k.keyId()) + " failed");
                }
            }
            HubEndpoint hub = BootstrapClient.storedHub(ps).orElseThrow(
                    () -> new CloudException("no hub details were stored"));
            String brokerUri = "ssl://" + hub.name() + ":" + hub.port();
            try (CloudListener listener = CloudListener.connect(brokerUri,
                    ca.listenerCredentials().sslContext(ca.rootCertificate()), ca.registry(), log, v -> { });
                 DevicePublisher device = DevicePublisher.connect(brokerUri, uuid,
                         DeviceTls.context(keys, ns, ca.rootCertificate()), Duration.ofSeconds(20))) {
                out.add("Device " + uuid + " connected with key 0x5001 (signing in crypto-service), publishing on "
                        + device.topic());
                byte[] last = null;
                for (int i = 0; i < count; i++) {
                    last = results.result(i);
                    device.publish(last);
                    out.add(String.format(Locale.ROOT, "device: published result %d (%d bytes, QoS 1 acknowledged)",
                            i + 1, last.length));
                }
                device.publish(last);
                out.add("device: published result " + count + " again (a replay)");
                try {
                    for (Verdict v : listener.next(count + 1, Duration.ofSeconds(20))) {
                        out.add("cloud: " + v.line());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CloudException("interrupted while waiting for the listener", e);
                }
            }
        }
        return out;
    }
}

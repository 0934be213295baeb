package io.github.cai4j.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cai4j.cloud.BootstrapCa;
import io.github.cai4j.cloud.BootstrapClient;
import io.github.cai4j.cloud.HubEndpoint;
import io.github.cai4j.cloud.mqtt.CloudListener;
import io.github.cai4j.cloud.mqtt.DevicePublisher;
import io.github.cai4j.cloud.mqtt.Mosquitto;
import io.github.cai4j.cloud.mqtt.Verdict;
import io.github.cai4j.cloud.tls.DeviceTls;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.shell.DeviceShell;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.psa.platform.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A booted device is provisioned by the bootstrap CA ({@code keys ca} for both keys), connects to a real Mosquitto
 * with its crypto-service-held TLS key, publishes signed results the cloud listener verifies against the CA's
 * registry; after a reboot on the same flash the HUK-derived keys are the same, so the CA re-certifies the TLS key and
 * the listener keeps accepting (counters keep rising) while a replay of a pre-reboot result is rejected.
 */
class CloudProvisioningScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void provisionPublishRebootPublish(@TempDir Path dir) throws Exception {
        if (Mosquitto.locate().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("mosquitto is required when CI=true (" + Mosquitto.INSTALL_HINT + ")");
            }
            Assumptions.abort("mosquitto is not installed: " + Mosquitto.INSTALL_HINT);
        }
        RecordingLog log = new RecordingLog();
        Path brokerDir = dir.resolve("broker");
        Files.createDirectories(brokerDir);
        try (BootstrapCa ca = BootstrapCa.open(dir.resolve("ca"), new BootstrapCa.Options().log(log)).start(0);
             Mosquitto broker = Mosquitto.start(brokerDir, ca, true)) {
            ca.setHub(new HubEndpoint("127.0.0.1", broker.port()));
            BootstrapClient bootstrap = BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(),
                    ca.rootCertificate());
            Device device = Device.boot(DeviceConfig.builder().flashDirectory(dir.resolve("flash")).build());
            try (CloudListener listener = CloudListener.connect(broker.uri(),
                    ca.listenerCredentials().sslContext(ca.rootCertificate()), ca.registry(), log, v -> { })) {
                var ns = device.nonSecure();
                for (DeviceKey k : DeviceKey.values()) {
                    bootstrap.provision(ns.keys(), ns.protectedStorage(), k);
                }
                final String uuid = device.uuid();
                List<String> cert = new DeviceShell(device).execute("keys cert 5001");
                assertTrue(cert.contains("-----BEGIN CERTIFICATE-----"), cert::toString);
                HubEndpoint hub = BootstrapClient.storedHub(ns.protectedStorage()).orElseThrow();
                assertEquals(broker.port(), hub.port());
                String uri = "ssl://" + hub.name() + ":" + hub.port();
                byte[] early;
                try (DevicePublisher p = DevicePublisher.connect(uri, device.uuid(),
                        DeviceTls.context(ns.keys(), ns.psaClient(), ca.rootCertificate()), WAIT)) {
                    early = E2e.signedResult(device, 10);
                    p.publish(early);
                    p.publish(E2e.signedResult(device, 20));
                }
                byte[] tlsBefore = ns.keys().publicKey(DeviceKey.CLIENT_TLS).uncompressedPoint();

                device = device.reboot();
                var ns2 = device.nonSecure();
                assertArrayEquals(tlsBefore, ns2.keys().publicKey(DeviceKey.CLIENT_TLS).uncompressedPoint());
                // the COSE key's certificate status survives in the HUK partition; the TLS key is certified again
                bootstrap.provision(ns2.keys(), ns2.protectedStorage(), DeviceKey.CLIENT_TLS);
                try (DevicePublisher p = DevicePublisher.connect(uri, device.uuid(),
                        DeviceTls.context(ns2.keys(), ns2.psaClient(), ca.rootCertificate()), WAIT)) {
                    p.publish(E2e.signedResult(device, 30));
                    p.publish(early);
                }
                List<Verdict> got = listener.next(4, WAIT);
                assertEquals(List.of(Verdict.Status.ACCEPTED, Verdict.Status.ACCEPTED, Verdict.Status.ACCEPTED,
                        Verdict.Status.ROLLED_BACK), got.stream().map(Verdict::status).toList(), got.toString());
                assertTrue(got.stream().allMatch(v -> v.uuid().orElseThrow().equals(uuid)));
                assertEquals(3, ca.registry().all().size(), "two TLS certificates and one COSE certificate");
            } finally {
                device.close();
            }
        }
    }
}

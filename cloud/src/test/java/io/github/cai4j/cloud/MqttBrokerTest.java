package io.github.cai4j.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cai4j.cloud.mqtt.CloudListener;
import io.github.cai4j.cloud.mqtt.DevicePublisher;
import io.github.cai4j.cloud.mqtt.Mosquitto;
import io.github.cai4j.cloud.mqtt.Topics;
import io.github.cai4j.cloud.mqtt.Verdict;
import io.github.cai4j.cloud.tls.DeviceTls;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.psa.platform.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices publishing signed results to a real Eclipse Mosquitto over mutual TLS with their crypto-service-held key,
 * and the cloud listener verifying them against the CA's registry. Skipped when mosquitto is not installed, except
 * with {@code CI=true}, where its absence fails.
 */
class MqttBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static final RecordingLog LOG = new RecordingLog();
    private static BootstrapCa ca;
    private static Mosquitto broker;
    private static CloudListener listener;
    private static TestDevice alice;
    private static TestDevice bob;

    static void requireMosquitto() {
        if (Mosquitto.locate().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("mosquitto is required when CI=true (" + Mosquitto.INSTALL_HINT + ")");
            }
            Assumptions.abort("mosquitto is not installed: " + Mosquitto.INSTALL_HINT);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        requireMosquitto();
        ca = BootstrapCa.open(dir.resolve("ca"), new BootstrapCa.Options().log(LOG)).start(0);
        alice = TestDevice.boot(0x51);
        bob = TestDevice.boot(0x52);
        BootstrapClient c = BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(), ca.rootCertificate());
        for (TestDevice d : List.of(alice, bob)) {
            c.provision(d.keys, d.ps, DeviceKey.CLIENT_TLS);
            c.provision(d.keys, d.ps, DeviceKey.COSE);
        }
        Path b = dir.resolve("broker");
        Files.createDirectories(b);
        broker = Mosquitto.start(b, ca, true);
        listener = CloudListener.connect(broker.uri(), ca.listenerCredentials().sslContext(ca.rootCertificate()),
                new io.github.cai4j.cloud.mqtt.ResultVerifier(ca.registry(), java.util.Optional.of(
                        io.github.cai4j.cose.key.CoseKey.fromKeyPair(ca.cloudFlowKey()))), LOG, v -> { });
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (ca != null) {
            ca.close();
        }
        if (alice != null) {
            alice.close();
            bob.close();
        }
    }

    @BeforeEach
    void drain() throws InterruptedException {
        while (listener.next(Duration.ofMillis(200)) != null) {
            // leftovers of another test
        }
    }

    private static DevicePublisher connect(TestDevice d) throws Exception {
        return DevicePublisher.connect(broker.uri(), d.uuid, DeviceTls.context(d.keys, d.ns(), ca.rootCertificate()),
                WAIT);
    }

    @Test
    void signedResultsArriveVerifiedInOrder() throws Exception {
        try (DevicePublisher p = connect(alice)) {
            assertEquals(Topics.events(alice.uuid), p.topic());
            List<Float> sent = new ArrayList<>();
            for (int deg = 10; deg <= 50; deg += 10) {
                byte[] r = alice.signedResult(deg);
                sent.add(FirmwarePayload.decode(io.github.cai4j.cose.firmware.FirmwareSign1.decodeStrict(r)
                        .payload().orElseThrow()).value());
                p.publish(r);
            }
            List<Verdict> got = listener.next(sent.size(), WAIT);
            assertEquals(sent.size(), got.size(), got.toString());
            FirmwarePayload.Counters previous = null;
            for (int i = 0; i < sent.size(); i++) {
                Verdict v = got.get(i);
                assertEquals(Verdict.Status.ACCEPTED, v.status(), v.line());
                assertEquals(alice.uuid, v.uuid().orElseThrow());
                assertEquals(sent.get(i), v.payload().orElseThrow().value());
                FirmwarePayload.Counters c = v.payload().orElseThrow().counters().orElseThrow();
                assertTrue(previous == null || c.compareTo(previous) > 0);
                previous = c;
                assertTrue(v.line().startsWith("ACCEPTED " + alice.uuid + " value="), v.line());
            }
        }
        assertTrue(LOG.lines().stream().anyMatch(l -> l.startsWith("[INF] [CLOUD] ACCEPTED " + alice.uuid)));
    }

    @Test
    void replayedAndRolledBackResultsAreRejected() throws Exception {
        try (DevicePublisher p = connect(bob)) {
            byte[] first = bob.signedResult(1);
            byte[] second = bob.signedResult(2);
            p.publish(first);
            p.publish(second);
            p.publish(second);
            p.publish(first);
            List<Verdict> got = listener.next(4, WAIT);
            assertEquals(List.of(Verdict.Status.ACCEPTED, Verdict.Status.ACCEPTED, Verdict.Status.REPLAYED,
                    Verdict.Status.ROLLED_BACK), got.stream().map(Verdict::status).toList(), got.toString());
            assertTrue(LOG.lines().stream().anyMatch(l -> l.contains("[CLOUD] Rejected: REPLAYED " + bob.uuid)));
        }
    }

    @Test
    void resultsSignedWithAnotherDevicesKeyAreRejected() throws Exception {
        // what the broker's ACL would stop on the wire: bob's signed result presented as alice's
        Verdict v = listener.accept(Topics.events(alice.uuid), bob.signedResult(5));
        assertEquals(Verdict.Status.BAD_SIGNATURE, v.status(), v.line());
        Verdict unknown = listener.accept(Topics.events("00000000-0000-4000-8000-000000000000"),
                alice.signedResult(5));
        assertEquals(Verdict.Status.UNKNOWN_DEVICE, unknown.status());
        assertEquals(Verdict.Status.BAD_TOPIC, listener.accept("devices/x/other", new byte[1]).status());
        assertEquals(Verdict.Status.MALFORMED, listener.accept(Topics.events(alice.uuid), new byte[] {1, 2}).status());
    }

    @Test
    void anotherDevicesResultOnTheWireIsDroppedByTheAclOrRejectedByTheListener() throws Exception {
        SSLContext bobTls = DeviceTls.context(bob.keys, bob.ns(), ca.rootCertificate());
        // the per-device ACL: bob (user name = his certificate's CN) may not write alice's topic; the broker drops it
        try (DevicePublisher asAlice = DevicePublisher.connect(broker.uri(), alice.uuid, bobTls, WAIT)) {
            asAlice.publish(bob.signedResult(7));
        }
        try (DevicePublisher p = connect(alice)) {
            p.publish(alice.signedResult(8));
        }
        Verdict first = listener.next(WAIT);
        assertEquals(Verdict.Status.ACCEPTED, first.status(), first.line());
        assertEquals(alice.uuid, first.uuid().orElseThrow());
        // without the ACL the message reaches the listener, whose registry check rejects it
        Path open = dir.resolve("open-broker");
        Files.createDirectories(open);
        try (Mosquitto relaxed = Mosquitto.start(open, ca, false);
             CloudListener l = CloudListener.connect(relaxed.uri(),
                     ca.listenerCredentials().sslContext(ca.rootCertificate()), ca.registry(), new RecordingLog(),
                     v -> { })) {
            try (DevicePublisher asAlice = DevicePublisher.connect(relaxed.uri(), alice.uuid, bobTls, WAIT)) {
                asAlice.publish(bob.signedResult(9));
            }
            Verdict v = l.next(WAIT);
            assertEquals(Verdict.Status.BAD_SIGNATURE, v.status(), v == null ? "none" : v.line());
            assertEquals(alice.uuid, v.uuid().orElseThrow());
        }
    }

    @Test
    void encryptedResultsAreDecryptedVerifiedAndReplayChecked() throws Exception {
        try (TestDevice carol = TestDevice.boot(0x55,
                (java.security.interfaces.ECPublicKey) ca.cloudFlowKey().getPublic())) {
            BootstrapClient c = BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(), ca.rootCertificate());
            c.provision(carol.keys, carol.ps, DeviceKey.CLIENT_TLS);
            c.provision(carol.keys, carol.ps, DeviceKey.COSE);
            try (DevicePublisher p = connect(carol)) {
                byte[] first = carol.encryptedResult(10);
                byte[] second = carol.encryptedResult(20);
                byte[] third = carol.encryptedResult(30);
                assertEquals(0xd2, first[0] & 0xff, "the first record of a boot carries the signed session key");
                assertEquals(0xd0, second[0] & 0xff);
                for (byte[] r : List.of(first, second, third, second)) {
                    p.publish(r);
                }
            }
            List<Verdict> got = listener.next(4, WAIT);
            assertEquals(List.of(Verdict.Status.ACCEPTED, Verdict.Status.ACCEPTED, Verdict.Status.ACCEPTED,
                    Verdict.Status.ROLLED_BACK), got.stream().map(Verdict::status).toList(), got.toString());
            assertEquals("COSE_Encrypt0, new session", got.get(0).detail());
            assertEquals("COSE_Encrypt0", got.get(1).detail());
            float expected = carol.signedResultValue(30);
            assertEquals(expected, got.get(2).payload().orElseThrow().value());
        }
    }

    @Test
    void theBrokerRefusesADeviceWithoutACertificate() throws Exception {
        SSLContext none = SSLContext.getInstance("TLS");
        none.init(null, TlsCredentials.trusting(ca.rootCertificate()), new SecureRandom());
        CloudException e = assertThrows(CloudException.class,
                () -> DevicePublisher.connect(broker.uri(), alice.uuid, none, WAIT));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void theBrokerRefusesAForeignCertificate(@TempDir Path other) throws Exception {
        // a second CA with its own root: its certificates do not chain to the broker's cafile
        BootstrapCa foreign = BootstrapCa.open(other, new BootstrapCa.Options());
        try (TestDevice d = TestDevice.boot(0x53)) {
            byte[] der = foreign.handleCertificateRequest(d.keys.csr(DeviceKey.CLIENT_TLS).cbor()).issued()
                    .orElseThrow().der();
            SSLContext tls = DeviceTls.context(new io.github.cai4j.crypto.CryptoClient(d.ns()), d.keys.tlsKeyId(),
                    io.github.cai4j.cloud.internal.Pki.certificate(der), ca.rootCertificate());
            assertThrows(CloudException.class, () -> DevicePublisher.connect(broker.uri(), d.uuid, tls, WAIT));
        }
    }

    @Test
    void aRevokedDeviceIsRefusedAfterTheBrokerReloadsTheCrl() throws Exception {
        try (TestDevice d = TestDevice.boot(0x54)) {
            BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(), ca.rootCertificate())
                    .provision(d.keys, d.ps, DeviceKey.CLIENT_TLS);
            SSLContext tls = DeviceTls.context(d.keys, d.ns(), ca.rootCertificate());
            try (DevicePublisher p = DevicePublisher.connect(broker.uri(), d.uuid, tls, WAIT)) {
                assertTrue(p.isConnected());
            }
            ca.revoke(d.uuid);
            broker.restart();
            long before = verifyFailures();
            CloudException e = assertThrows(CloudException.class,
                    () -> DevicePublisher.connect(broker.uri(), d.uuid, tls, WAIT));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            // the same context connected before the revocation; now the broker's certificate check fails
            assertTrue(verifyFailures() > before, broker.logTail());
        }
        waitForListener();
    }

    private static long verifyFailures() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(300);
        return broker.logLines().stream().filter(l -> l.contains("certificate verify failed")).count();
    }

    private static void waitForListener() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!listener.isConnected() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertTrue(listener.isConnected(), "the listener reconnects after a broker restart");
    }

    @Test
    void theListenerAndADeviceComeBackAfterRepeatedQuickRestarts() throws Exception {
        try (DevicePublisher p = connect(bob)) {
            for (int i = 0; i < 3; i++) {
                broker.restart();
            }
            waitForListener();
            byte[] r = bob.signedResult(42);
            p.publish(r);
            Verdict v = listener.next(WAIT);
            assertTrue(v != null, "no verdict after the restarts");
            assertEquals(Verdict.Status.ACCEPTED, v.status(), v.line());
            assertEquals(counterOf(r), v.payload().orElseThrow().counters().orElseThrow().counter());
        }
        assertTrue(LOG.lines().stream().anyMatch(l -> l.startsWith("[INF] [CLOUD] Reconnected to ")), LOG.lines()
                .toString());
    }

    @Test
    void noAcknowledgedResultIsLostAcrossABrokerRestart() throws Exception {
        try (DevicePublisher p = connect(alice)) {
            Set<Long> acknowledged = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                byte[] r = alice.signedResult(i);
                p.publish(r);
                acknowledged.add(counterOf(r));
            }
            broker.stop();
            // results made while the broker is down are published once it is back
            List<byte[]> pending = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pending.add(alice.signedResult(100 + i));
            }
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                try {
                    for (byte[] r : pending) {
                        p.publish(r);
                    }
                } catch (CloudException e) {
                    throw new IllegalStateException(e);
                }
            });
            TimeUnit.MILLISECONDS.sleep(500);
            broker.restart();
            publishing.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            for (byte[] r : pending) {
                acknowledged.add(counterOf(r));
            }
            waitForListener();
            Set<Long> seen = new HashSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!seen.containsAll(acknowledged) && System.nanoTime() < deadline) {
                Verdict v = listener.next(Duration.ofMillis(500));
                if (v != null && v.accepted() && v.uuid().orElseThrow().equals(alice.uuid)) {
                    seen.add(v.payload().orElseThrow().counters().orElseThrow().counter());
                }
            }
            assertEquals(6, acknowledged.size());
            assertTrue(seen.containsAll(acknowledged), "acknowledged " + acknowledged + ", verified " + seen);
        }
    }

    private static long counterOf(byte[] sign1) throws Exception {
        return FirmwarePayload.decode(io.github.cai4j.cose.firmware.FirmwareSign1.decodeStrict(sign1).payload()
                .orElseThrow()).counters().orElseThrow().counter();
    }
}

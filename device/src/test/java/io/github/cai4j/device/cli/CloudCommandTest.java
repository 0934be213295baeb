package io.github.cai4j.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cai4j.cloud.mqtt.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cai4j cloud ca|listen|demo}, called in-process. */
class CloudCommandTest {
    @TempDir
    Path tmp;

    @Test
    void caGeneratesItsDirectoryServesAndStops() {
        Path dir = tmp.resolve("ca");
        ModelCommandTest.Run r = ModelCommandTest.run("cloud", "ca", "--dir", dir.toString(), "--port", "0",
                "--seconds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Bootstrap CA serving https://127.0.0.1:"), r.out());
        assertTrue(r.out().contains("[INF] [BOOTSTRAP CA] Generated CA"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("ca-cert.pem")));
        assertTrue(Files.isRegularFile(dir.resolve("bootstrap-key.pem")));
    }

    @Test
    void listenWithoutACaOrABrokerFailsWithOneLine() {
        ModelCommandTest.Run noCa = ModelCommandTest.run("cloud", "listen", "--broker", "ssl://127.0.0.1:1",
                "--ca-dir", tmp.resolve("none").toString(), "--seconds", "1");
        assertEquals(1, noCa.code());
        assertTrue(noCa.err().startsWith("cai4j: no CA in "), noCa.err());
        ModelCommandTest.run("cloud", "ca", "--dir", tmp.resolve("ca").toString(), "--port", "0", "--seconds", "1");
        ModelCommandTest.Run noBroker = ModelCommandTest.run("cloud", "listen", "--broker", "ssl://127.0.0.1:1",
                "--ca-dir", tmp.resolve("ca").toString(), "--seconds", "1");
        assertEquals(1, noBroker.code());
        assertTrue(noBroker.err().startsWith("cai4j: the broker ssl://127.0.0.1:1 refused the listener"),
                noBroker.err());
        assertEquals(1, noBroker.err().strip().lines().count(), noBroker.err());
    }

    @Test
    void demoProvisionsPublishesAndVerifiesThroughARealBroker() {
        if (Mosquitto.locate().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("mosquitto is required when CI=true (" + Mosquitto.INSTALL_HINT + ")");
            }
            Assumptions.abort("mosquitto is not installed: " + Mosquitto.INSTALL_HINT);
        }
        ModelCommandTest.Run r = ModelCommandTest.run("cloud", "demo", "--count", "14", "--dir", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(14, r.out().lines().filter(l -> l.startsWith("cloud: ACCEPTED ")).count(), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("cloud: REPLAYED ")).count(), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.equals("Key status: X.509 cert gen")).count(), r.out());
    }
}

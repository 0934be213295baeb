package io.github.cai4j.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.platform.RecordingLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudDemoTest {
    @Test
    void provisionsPublishesAndVerifies(@TempDir Path dir) throws Exception {
        MqttBrokerTest.requireMosquitto();
        try (TestDevice d = TestDevice.boot(0x61)) {
            RecordingLog log = new RecordingLog();
            List<String> lines = CloudDemo.run(dir, d.keys, d.ns(), i -> d.signedResult(15f * i), 3, log);
            String text = String.join("\n", lines);
            assertEquals(3, lines.stream().filter(l -> l.startsWith("cloud: ACCEPTED " + d.uuid)).count(), text);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("cloud: REPLAYED " + d.uuid)).count(), text);
            assertEquals(2, lines.stream().filter(l -> l.equals("Key status: X.509 cert gen")).count(), text);
            assertTrue(text.contains("IoT hub: 127.0.0.1:"), text);
        }
    }
}

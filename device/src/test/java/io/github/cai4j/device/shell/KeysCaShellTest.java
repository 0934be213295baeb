package io.github.cai4j.device.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cloud.BootstrapCa;
import io.github.cai4j.cloud.BootstrapClient;
import io.github.cai4j.device.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys ca} in the shell reaches a bootstrap CA on loopback; without one it says how to get one. */
class KeysCaShellTest {

    @Test
    void keysCaProvisionsTheCoseKeyAndKeysCertPrintsIt(@TempDir Path dir) throws Exception {
        try (BootstrapCa ca = BootstrapCa.open(dir, new BootstrapCa.Options()).start(0);
             Device device = Device.boot()) {
            BootstrapClient client = BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(), ca.rootCertificate());
            DeviceShell shell = new DeviceShell(device,
                    args -> client.keysCa(device.nonSecure().keys(), device.nonSecure().protectedStorage(), args));
            List<String> out = shell.execute("keys ca 5002");
            assertTrue(out.stream().anyMatch(l -> l.startsWith("Certificate received from the bootstrap server")),
                    out::toString);
            assertTrue(shell.execute("keys status").stream().anyMatch(l -> l.contains("X.509 cert gen")));
            assertTrue(shell.execute("keys cert 5002").contains("-----BEGIN CERTIFICATE-----"));
        }
    }

    @Test
    void keysCaWithoutABootstrapServerExplainsWhatIsNeeded() throws Exception {
        try (Device device = Device.boot()) {
            List<String> out = new DeviceShell(device).execute("keys ca 5001");
            assertTrue(out.get(0).startsWith("Error: keys ca needs a bootstrap server"), out::toString);
        }
    }
}

package io.github.cai4j.device.cli;

import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.shell.DeviceShell;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.cloud.BootstrapCa;
import io.github.cai4j.cloud.BootstrapClient;
import io.github.cai4j.cloud.CloudException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cai4j shell}: the firmware's non-secure shell on a simulated device. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"The firmware's non-secure shell (keys, info, infer) on a simulated device.",
            "Interactive, or give commands with -c (repeatable) for scripts."})
final class ShellCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Option(names = {"-c", "--command"}, paramLabel = "<command>", description = "Run this shell command (repeatable) and exit.")
    List<String> commands = new ArrayList<>();

    @Option(names = "--bootstrap-url", paramLabel = "<url>",
            description = "The bootstrap server for 'keys ca' (e.g. https://127.0.0.1:1443, from 'cai4j cloud ca').")
    URI bootstrapUrl;

    @Option(names = "--bootstrap-dir", paramLabel = "<dir>",
            description = "The CA directory holding the shared bootstrap client identity and the root certificate.")
    Path bootstrapDir;

    @Option(names = "--boot-log", description = "Print the boot log before the commands (always shown interactively).")
    boolean bootLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DeviceConfig config = device.toConfig();
        boolean interactive = commands.isEmpty();
        try (Device d = Device.boot(config.toBuilder().logSink(PlatformLog.discard()).build())) {
            if (interactive || bootLog) {
                d.logLines().forEach(out::println);
                out.flush();
            }
            d.log().clear();
            DeviceShell shell = new DeviceShell(d, certificateAuthority(d));
            if (!interactive) {
                for (String c : commands) {
                    out.println("uart:~$ " + c);
                    shell.execute(c).forEach(out::println);
                    drainLog(d, out);
                }
                out.flush();
                return 0;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                out.print("uart:~$ ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("exit")) {
                    out.println();
                    out.flush();
                    return 0;
                }
                shell.execute(line).forEach(out::println);
                drainLog(d, out);
                out.flush();
            }
        }
    }

    private DeviceShell.CertificateAuthority certificateAuthority(Device d) throws CloudException {
        if (bootstrapUrl == null && bootstrapDir == null) {
            return null;
        }
        if (bootstrapUrl == null || bootstrapDir == null) {
            throw new IllegalArgumentException("--bootstrap-url and --bootstrap-dir go together");
        }
        if (!Files.isRegularFile(bootstrapDir.resolve("ca-cert.pem"))) {
            throw new CloudException("no CA in " + bootstrapDir + " (run cai4j cloud ca --dir " + bootstrapDir
                    + " first)");
        }
        BootstrapCa ca = BootstrapCa.open(bootstrapDir, new BootstrapCa.Options());
        BootstrapClient client = BootstrapClient.of(bootstrapUrl, ca.bootstrapCredentials(), ca.rootCertificate());
        return args -> client.keysCa(d.nonSecure().keys(), d.nonSecure().protectedStorage(), args);
    }

    private static void drainLog(Device d, PrintWriter out) {
        d.logLines().forEach(out::println);
        d.log().clear();
    }
}

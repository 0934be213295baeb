package io.github.cai4j.device.cli;

import io.github.cai4j.cloud.BootstrapCa;
import io.github.cai4j.cloud.CloudDemo;
import io.github.cai4j.cloud.CloudException;
import io.github.cai4j.cloud.HubEndpoint;
import io.github.cai4j.cloud.mqtt.CloudListener;
import io.github.cai4j.cloud.mqtt.ResultVerifier;
import io.github.cai4j.cloud.mqtt.Verdict;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.NonSecureWorld;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.psa.platform.PlatformLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cai4j cloud}: the bootstrap CA, the verifying cloud listener and the end-to-end cloud demo. */
@Command(name = "cloud", mixinStandardHelpOptions = true,
        description = "Run the bootstrap certificate authority, the verifying cloud listener, or the cloud demo.",
        subcommands = {CloudCommand.Ca.class, CloudCommand.Listen.class, CloudCommand.Demo.class})
final class CloudCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static PlatformLog printing(PrintWriter out) {
        return (level, source, message) -> {
            synchronized (out) {
                out.println(PlatformLog.format(level, source, message));
                out.flush();
            }
        };
    }

    /** Waits until interrupted, or {@code seconds} when positive. */
    static void serve(long seconds) throws InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        if (seconds > 0) {
            forever.await(seconds, TimeUnit.SECONDS);
        } else {
            forever.await();
        }
    }

    /** {@code cai4j cloud ca --dir <d> [--port n]}. */
    @Command(name = "ca", mixinStandardHelpOptions = true,
            description = {"Run the bootstrap CA on 127.0.0.1 (POST /api/v1/cr, GET /api/v1/ccs, mutual TLS).",
                "Its key, root, TLS identities and registry are generated into --dir on first start."})
    static final class Ca implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "<dir>", description = "The CA directory.")
        Path dir;

        @Option(names = "--port", defaultValue = "1443", paramLabel = "<n>",
                description = "The HTTPS port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 for a free one).")
        int port;

        @Option(names = "--hub", defaultValue = "127.0.0.1:8883", paramLabel = "<host:port>",
                description = "The MQTT hub GET /api/v1/ccs names (default ${DEFAULT-VALUE}).")
        String hub;

        @Option(names = "--seconds", defaultValue = "0", paramLabel = "<n>",
                description = "Stop after n seconds (default: run until interrupted).")
        long seconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            int colon = hub.lastIndexOf(':');
            HubEndpoint h;
            try {
                h = new HubEndpoint(hub.substring(0, Math.max(colon, 0)), Integer.parseInt(hub.substring(colon + 1)));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--hub must be <host>:<port>, got "
                        + hub);
            }
            try (BootstrapCa ca = BootstrapCa.open(dir, new BootstrapCa.Options().log(printing(out)).hub(h))
                    .start(port)) {
                out.println("Bootstrap CA serving " + ca.baseUri() + CaPaths.describe(ca));
                out.flush();
                serve(seconds);
            }
            return 0;
        }
    }

    /** {@code cai4j cloud listen --broker <url> --ca-dir <d>}. */
    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = {"Subscribe to every device's results and verify each against the CA's registry",
                "(certificate of key 0x5002, replays and rollbacks rejected; flow COSE_Encrypt0 results are",
                "decrypted with the CA directory's cloud key flow-key.pem); print one line per message."})
    static final class Listen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--broker", required = true, paramLabel = "<url>",
                description = "The broker, e.g. ssl://127.0.0.1:8883.")
        String broker;

        @Option(names = "--ca-dir", required = true, paramLabel = "<dir>",
                description = "The CA directory (listener identity, root, registry).")
        Path caDir;

        @Option(names = "--count", defaultValue = "0", paramLabel = "<n>",
                description = "Stop after n messages (default: no limit).")
        int count;

        @Option(names = "--seconds", defaultValue = "0", paramLabel = "<n>",
                description = "Stop after n seconds (default: run until interrupted).")
        long seconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(caDir.resolve("ca-cert.pem"))) {
                throw new CloudException("no CA in " + caDir + " (run cai4j cloud ca --dir " + caDir + " first)");
            }
            BootstrapCa ca = BootstrapCa.open(caDir, new BootstrapCa.Options());
            int rejected = 0;
            ResultVerifier verifier = new ResultVerifier(ca.registry(),
                    Optional.of(CoseKey.fromKeyPair(ca.cloudFlowKey())));
            try (CloudListener l = CloudListener.connect(broker,
                    ca.listenerCredentials().sslContext(ca.rootCertificate()), verifier, PlatformLog.discard(),
                    v -> { })) {
                out.println("Listening on " + broker + " (registry: " + ca.registry() + ")");
                out.flush();
                long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
                int seen = 0;
                while ((count == 0 || seen < count) && System.nanoTime() < deadline) {
                    Verdict v = l.next(Duration.ofMillis(500));
                    if (v != null) {
                        seen++;
                        rejected += v.accepted() ? 0 : 1;
                        out.println(v.line());
                        out.flush();
                    }
                }
            }
            return rejected == 0 ? 0 : 1;
        }
    }

    /** {@code cai4j cloud demo}: CA, broker, device and listener on this machine. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"Start a bootstrap CA and an Eclipse Mosquitto broker on 127.0.0.1, provision a simulated",
                "device's two keys (keys ca), publish signed results over mutual TLS with the crypto-service-held",
                "key 0x5001 and show them verified by the cloud listener. Needs mosquitto (apt-get install mosquitto)."})
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DeviceOptions device;

        @Option(names = "--dir", paramLabel = "<dir>",
                description = "Where the CA and broker keep their files (default: a new temporary directory).")
        Path dir;

        @Option(names = "--count", defaultValue = "3", paramLabel = "<n>",
                description = "How many results to publish (1..100, default ${DEFAULT-VALUE}).")
        int count;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path work = dir != null ? dir : Files.createTempDirectory("cai4j-cloud");
            try (Device d = Device.boot(device.toConfig())) {
                NonSecureWorld ns = d.nonSecure();
                for (String line : CloudDemo.run(work, ns.keys(), ns.psaClient(),
                        i -> ns.inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1,
                                (30f * i) % 360f).encoded(), count, PlatformLog.discard())) {
                    out.println(line);
                }
            } finally {
                if (dir == null) {
                    deleteTree(work);
                }
            }
            out.flush();
            return 0;
        }

        private static void deleteTree(Path root) throws java.io.IOException {
            try (java.util.stream.Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Describes a CA's files for the operator. */
    static final class CaPaths {
        private CaPaths() {
        }

        static String describe(BootstrapCa ca) {
            return "\n  root certificate:   " + ca.rootCertificateFile()
                    + "\n  bootstrap identity: " + ca.bootstrapCredentials().certificateFile() + " + "
                    + ca.bootstrapCredentials().keyFile()
                    + "\n  listener identity:  " + ca.listenerCredentials().certificateFile()
                    + "\n  broker identity:    " + ca.serverCredentials().certificateFile()
                    + "\n  CRL:                " + ca.crlFile()
                    + "\n  registry:           " + ca.registry();
        }
    }
}

package io.github.cai4j.cloud.mqtt;

import io.github.cai4j.cloud.BootstrapCa;
import io.github.cai4j.cloud.CloudException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An Eclipse Mosquitto broker (the Debian package's {@code mosquitto}) run as a child process on 127.0.0.1 with mutual
 * TLS against a {@link BootstrapCa}: {@code require_certificate true}, the CA root as {@code cafile}, the CA's server
 * identity, its CRL, the certificate's CN as MQTT user name and an ACL that lets each device publish only on
 * {@code devices/<uuid>/messages/events/} and the cloud listener read every device's events. Messages persist across
 * {@link #restart()}.
 */
public final class Mosquitto implements AutoCloseable {
    /** Where the Debian package installs the broker. */
    public static final List<String> CANDIDATES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto");
    /** How to install it. */
    public static final String INSTALL_HINT = "install Eclipse Mosquitto: sudo apt-get install -y mosquitto";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path binary;
    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private Mosquitto(Path binary, Path dir, Path config, int port) {
        this.binary = binary;
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** The broker executable, if installed (the usual locations, then {@code PATH}). */
    public static Optional<Path> locate() {
        List<String> places = new ArrayList<>(CANDIDATES);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    places.add(p + File.separator + "mosquitto");
                }
            }
        }
        for (String s : places) {
            Path p = Path.of(s);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the configuration into {@code workDir} and starts the broker on a free loopback port.
     *
     * @param enforceTopicAcl {@code true} for the per-device topic ACL; {@code false} lets every authenticated client
     *                        publish on any device's events topic (to show the subscriber's own checks)
     * @throws CloudException if mosquitto is not installed or does not come up
     */
    public static Mosquitto start(Path workDir, BootstrapCa ca, boolean enforceTopicAcl) throws CloudException {
        Path bin = locate().orElseThrow(() -> new CloudException("mosquitto is not installed; " + INSTALL_HINT));
        CloudException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Mosquitto m = configure(bin, workDir, ca, port, enforceTopicAcl);
            try {
                m.launch();
                return m;
            } catch (CloudException e) {
                last = e;
                m.close();
            }
        }
        throw last;
    }

    private static int freePort() throws CloudException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new CloudException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static Mosquitto configure(Path bin, Path workDir, BootstrapCa ca, int port, boolean acl)
            throws CloudException {
        try {
            Path data = workDir.resolve("data");
            Files.createDirectories(data);
            Path aclFile = workDir.resolve("acl");
            String aclText = "user " + BootstrapCa.LISTENER_CN + "\n"
                    + "topic read devices/+/messages/events/\n\n"
                    + (acl ? "pattern write devices/%u/messages/events/\n"
                           : "pattern write devices/+/messages/events/\n")
                    + "pattern read devices/%u/messages/devicebound/#\n";
            Files.writeString(aclFile, aclText, StandardCharsets.US_ASCII);
            String conf = "# written by cai4j for one run; loopback only\n"
                    + "per_listener_settings false\n"
                    + "allow_anonymous false\n"
                    + "user " + System.getProperty("user.name") + "\n"
                    + "persistence true\n"
                    + "persistence_location " + data.toAbsolutePath() + File.separator + "\n"
                    + "log_dest file " + workDir.resolve("mosquitto.log").toAbsolutePath() + "\n"
                    + "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
                    + "connection_messages true\n"
                    + "acl_file " + aclFile.toAbsolutePath() + "\n"
                    + "listener " + port + " " + InetAddress.getLoopbackAddress().getHostAddress() + "\n"
                    + "cafile " + ca.rootCertificateFile().toAbsolutePath() + "\n"
                    + "certfile " + ca.serverCredentials().certificateFile().toAbsolutePath() + "\n"
                    + "keyfile " + ca.serverCredentials().keyFile().toAbsolutePath() + "\n"
                    + "crlfile " + ca.crlFile().toAbsolutePath() + "\n"
                    + "require_certificate true\n"
                    + "use_identity_as_username true\n";
            Path config = workDir.resolve("mosquitto.conf");
            Files.writeString(config, conf, StandardCharsets.US_ASCII);
            return new Mosquitto(bin, workDir, config, port);
        } catch (IOException e) {
            throw new CloudException("cannot write the broker configuration in " + workDir + ": " + e.getMessage(), e);
        }
    }

    private synchronized void launch() throws CloudException {
        try {
            process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new CloudException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CloudException("mosquitto exited with status " + process.exitValue() + ": " + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new CloudException("mosquitto did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s: " + logTail());
    }

    private static void sleep(long ms) throws CloudException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("interrupted while waiting for mosquitto", e);
        }
    }

    /** The last lines of the broker's log. */
    public String logTail() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("mosquitto.out", "mosquitto.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8);
                for (String l : lines.subList(Math.max(0, lines.size() - 8), lines.size())) {
                    sb.append(l).append(" | ");
                }
            } catch (IOException e) {
                // no such log yet
            }
        }
        return sb.toString();
    }

    /** The broker's log lines so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    public int port() {
        return port;
    }

    /** {@code ssl://127.0.0.1:<port>} for Paho. */
    public String uri() {
        return "ssl://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** Stops the broker (it saves its persistent state) and starts it again on the same port. */
    public synchronized void restart() throws CloudException {
        stop();
        launch();
    }

    /** Stops the broker (SIGTERM; SIGKILL after 10 s). */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Mosquitto[" + uri() + ", " + (isRunning() ? "running" : "stopped") + "]";
    }

}

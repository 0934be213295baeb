package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the {@code openssl} command line as an independent verifier. */
final class OpenSsl {
    private OpenSsl() {
    }

    /** Skips the test if openssl is missing (fails instead when {@code CI=true}). */
    static void requireOpenSsl() {
        boolean present;
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("openssl is required when CI=true");
            }
            Assumptions.abort("openssl is not installed");
        }
    }

    /**
     * {@code openssl req -in <file> -verify -noout -subject -nameopt RFC2253}: asserts it exits 0 and reports the
     * self-signature as verified, and returns the printed subject (RFC 2253 order: last RDN first).
     */
    static String verifyCsr(String pem, Path dir) throws IOException, InterruptedException {
        requireOpenSsl();
        Path f = Files.createTempFile(dir, "csr", ".pem");
        Files.writeString(f, pem, StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(List.of("openssl", "req", "-in", f.toString(), "-verify", "-noout", "-subject",
                "-nameopt", "RFC2253")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, p.exitValue(), "openssl req -verify failed:\n" + out);
        assertTrue(out.contains("verify OK"), "openssl did not report a verified signature:\n" + out);
        for (String line : out.split("\n")) {
            if (line.startsWith("subject=")) {
                return line.substring("subject=".length()).strip();
            }
        }
        throw new AssertionError("openssl printed no subject:\n" + out);
    }
}

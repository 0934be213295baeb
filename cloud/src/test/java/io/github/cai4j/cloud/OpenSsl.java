package io.github.cai4j.cloud;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the {@code openssl} command line as an independent verifier. */
final class OpenSsl {
    private OpenSsl() {
    }

    /** Skips the test if openssl is missing (fails instead when {@code CI=true}). */
    static void require() {
        boolean present;
        try {
            present = run(List.of("openssl", "version")).exit == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("openssl is required when CI=true");
            }
            Assumptions.abort("openssl is not installed");
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException("interrupted", e);
        }
    }
}

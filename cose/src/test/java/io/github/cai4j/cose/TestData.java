package io.github.cai4j.cose;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared test data: a test fails without it under CI=true and is skipped otherwise. */
public final class TestData {
    private TestData() {
    }

    public static Path dir(String sub) {
        String base = System.getProperty("cai4j.testdata");
        Path p = base == null ? null : Path.of(base, sub);
        if (p == null || !Files.isDirectory(p)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("test data " + sub + " missing (cai4j.testdata=" + base + ")");
            }
            Assumptions.abort("test data " + sub + " not available");
        }
        return p;
    }
}

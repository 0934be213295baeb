package io.github.cai4j.inference.service;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Reads shared test data: fails when it is missing on CI, skips the test otherwise. */
final class TestData {
    private TestData() {
    }

    static byte[] read(String relative) throws IOException {
        String root = System.getProperty("cai4j.testdata");
        Path p = root == null ? null : Path.of(root, relative);
        if (p == null || !Files.isRegularFile(p)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("test data " + relative + " is missing (cai4j.testdata=" + root + ")");
            }
            Assumptions.abort("test data " + relative + " is not available");
        }
        return Files.readAllBytes(p);
    }
}

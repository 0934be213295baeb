package io.github.cai4j.bootloader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The shared MCUboot samples: fail when missing on CI, skip otherwise. */
public final class TestData {
    private TestData() {
    }

    public static Path mcuboot() {
        String base = System.getProperty("cai4j.testdata");
        Path dir = base == null ? null : Path.of(base, "mcuboot");
        if (dir == null || !Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("testdata/mcuboot missing (cai4j.testdata=" + base + ")");
            }
            Assumptions.abort("testdata/mcuboot not available");
        }
        return dir;
    }

    public static byte[] read(String name) throws IOException {
        return Files.readAllBytes(mcuboot().resolve(name));
    }

    public static Path path(String name) {
        return mcuboot().resolve(name);
    }
}

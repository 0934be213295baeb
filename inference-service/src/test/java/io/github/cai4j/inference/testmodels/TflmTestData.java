package io.github.cai4j.inference.testmodels;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.TfliteModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared TFLM vectors and models (system property {@code cai4j.testdata}). Missing data fails the test when
 * {@code CI=true} and skips it otherwise.
 */
public final class TflmTestData {
    private TflmTestData() {
    }

    /** The testdata directory, or a failure/skip if it is absent. */
    public static Path dir() {
        String p = System.getProperty("cai4j.testdata");
        Path dir = p == null ? null : Path.of(p);
        boolean present = dir != null && Files.isDirectory(dir.resolve("tflm"));
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("testdata not found (system property cai4j.testdata = " + p + ")");
            }
            assumeTrue(false, "testdata not found; skipped outside CI");
        }
        return dir;
    }

    /** Bytes of a file below the testdata directory. */
    public static byte[] bytes(String relative) throws IOException {
        return Files.readAllBytes(dir().resolve(relative));
    }

    /** A model below the testdata directory. */
    public static TfliteModel model(String relative) throws IOException, ModelException {
        return TfliteModel.read(bytes(relative));
    }

    /** Data rows of a CSV file (header dropped), split on commas into at most {@code limit} fields. */
    public static List<String[]> csv(String relative, int limit) throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve(relative), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                rows.add(line.split(",", limit));
            }
        }
        return rows;
    }
}

package io.github.cai4j.cose.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every vector of the cose-wg Examples suite, through {@link ExampleChecker}. */
class ExampleCheckerTest {

    @Test
    void everyApplicableVectorPasses() throws IOException {
        Path dir = TestData.dir("cose-examples");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int pass = 0;
        List<String> failures = new ArrayList<>();
        Map<String, Integer> skipReasons = new TreeMap<>();
        int exact = 0;
        for (Path f : files) {
            ExampleChecker.Result r = ExampleChecker.check(f);
            switch (r.outcome()) {
                case PASS -> {
                    pass++;
                    if (r.reason().contains("byte for byte")) {
                        exact++;
                    }
                }
                case FAIL -> failures.add(dir.relativize(f) + ": " + r.reason());
                case SKIP -> skipReasons.merge(r.reason(), 1, Integer::sum);
            }
        }
        int skipped = skipReasons.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("cose-examples: " + pass + " passed (" + exact + " re-created byte for byte), "
                + failures.size() + " failed, " + skipped + " skipped " + skipReasons);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(269, files.size(), "vector files");
        assertEquals(201, pass, "passed");
        assertEquals(68, skipped, "skipped");
        assertEquals(88, exact, "re-created byte for byte");
        for (String reason : skipReasons.keySet()) {
            assertTrue(reason.matches("(algorithm|curve) \\S+ is not supported"), reason);
        }
    }
}

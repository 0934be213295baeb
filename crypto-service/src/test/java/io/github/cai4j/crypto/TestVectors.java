package io.github.cai4j.crypto;

import com.upokecenter.cbor.CBORObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Shared test data (Wycheproof, spec texts): fail when missing on CI, skip otherwise. */
final class TestVectors {
    private static final HexFormat HEX = HexFormat.of();

    private TestVectors() {
    }

    static Path shared(String relative) {
        String base = System.getProperty("cai4j.testdata");
        Path p = base == null ? null : Path.of(base).resolve(relative).normalize();
        if (p == null || !Files.exists(p)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("test data " + relative + " missing (cai4j.testdata=" + base + ")");
            }
            Assumptions.abort("test data " + relative + " not available");
        }
        return p;
    }

    /** A Wycheproof file parsed as JSON. */
    static CBORObject wycheproof(String name) throws IOException {
        Path p = shared("wycheproof/" + name + ".json");
        return CBORObject.FromJSONString(Files.readString(p, StandardCharsets.UTF_8));
    }

    /** Every test of every group: {group, test}. */
    static List<CBORObject[]> tests(CBORObject file) {
        List<CBORObject[]> out = new ArrayList<>();
        CBORObject groups = file.get("testGroups");
        for (int g = 0; g < groups.size(); g++) {
            CBORObject tests = groups.get(g).get("tests");
            for (int t = 0; t < tests.size(); t++) {
                out.add(new CBORObject[] {groups.get(g), tests.get(t)});
            }
        }
        return out;
    }

    static byte[] hex(CBORObject o, String field) {
        return HEX.parseHex(o.get(field).AsString());
    }

    static String str(CBORObject o, String field) {
        return o.get(field).AsString();
    }

    static int integer(CBORObject o, String field) {
        return o.get(field).AsInt32Value();
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    /** A spec document of /work/shared/spec (next to testdata). */
    static String spec(String name) throws IOException {
        Path testdata = shared("wycheproof");
        Path spec = testdata.getParent().getParent().resolve("spec").resolve(name);
        if (!Files.exists(spec)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("spec " + name + " missing");
            }
            Assumptions.abort("spec " + name + " not available");
        }
        return Files.readString(spec, StandardCharsets.UTF_8);
    }

    /** The first group of {@code regex} in {@code text}; fails if absent. */
    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        Assertions.assertTrue(m.find(), "pattern not found in spec: " + regex);
        return m.group(1);
    }
}

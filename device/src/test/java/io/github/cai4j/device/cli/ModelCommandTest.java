package io.github.cai4j.device.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.tooling.SineModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cai4j model}: run, table, train and info, called in-process. */
class ModelCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cai4jCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString().replace("\r", ""), err.toString().replace("\r", ""));
    }

    static Path testdata(String relative) {
        String base = System.getProperty("cai4j.testdata");
        Path p = base == null ? null : Path.of(base, relative);
        if (p == null || !Files.exists(p)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("testdata " + relative + " missing");
            }
            Assumptions.abort("testdata " + relative + " not available");
        }
        return p;
    }

    private Path shipped(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void tableReproducesTheTflmGoldenTables() throws Exception {
        String[][] cases = {{"tflm/hello_world_int8.tflite", "tflm/hello_world_int8_int8_table.csv"},
            {"tflm/tflm_model_cc_2020.tflite", "tflm/tflm_model_cc_2020_int8_table.csv"}};
        for (String[] c : cases) {
            Run r = run("model", "table", testdata(c[0]).toString());
            assertEquals(0, r.code(), r.err());
            String expected = Files.readString(testdata(c[1]), StandardCharsets.US_ASCII).replace("\r", "");
            assertEquals(expected, r.out(), c[0]);
            assertEquals(257, r.out().split("\n").length);
        }
    }

    @Test
    void runPrintsOneLinePerValueWithQuantizedIoForInt8() throws Exception {
        Path int8 = shipped("sine_int8.tflite", SineModels.shippedInt8());
        Run r = run("model", "run", int8.toString(), "0", "1", "3", "5");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length);
        float[] xs = {0, 1, 3, 5};
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            assertEquals(4, f.length, lines[i]);
            assertEquals(xs[i], Float.parseFloat(f[0]));
            assertTrue(Math.abs(Float.parseFloat(f[1]) - Math.sin(xs[i])) <= 0.05, lines[i]);
            int qIn = Integer.parseInt(f[2]);
            assertTrue(qIn >= -128 && qIn <= 127);
            Integer.parseInt(f[3]);
        }
        Path f32 = shipped("sine_float.tflite", SineModels.shippedFloat());
        Run rf = run("model", "run", f32.toString(), "1.5");
        assertEquals(0, rf.code(), rf.err());
        String[] f = rf.out().trim().split(" ");
        assertEquals(2, f.length);
        assertEquals(Interpreter.create(SineModels.shippedFloat()).runScalar(1.5f), Float.parseFloat(f[1]));
    }

    @Test
    void runTruncatesLikeTheFirmwareOnRequest() {
        String linaro = testdata("tflm/linaro_zsi_hello_world_int8.tflite").toString();
        Run r = run("model", "run", "--truncate", linaro, "1", "5");
        assertEquals(0, r.code(), r.err());
        // spec/tflm.md §1: legacy model, x = 1 -> -87 -> 109 (0.889560699), x = 5 -> 75 -> -113
        assertEquals("1.0 0.8895607 -87 109\n5.0 -0.99122477 75 -113\n", r.out());
    }

    @Test
    void randomInputFollowsTheOracleRuleAndMatchesItsOutputs() throws Exception {
        String[] models = {"test_conv_model", "micro_speech_quantized"};
        int checked = 0;
        for (String m : models) {
            Path model = testdata("tflm-conv/" + m + ".tflite");
            List<String> oracle = Files.readAllLines(testdata("tflm-conv/" + m + "_oracle.csv"));
            List<String> inputs = Files.readAllLines(testdata("tflm-conv/" + m + "_inputs_sha256.csv"));
            for (int seed = 1; seed <= 3; seed++) {
                Interpreter it = Interpreter.create(Files.readAllBytes(model));
                ModelCommand.fillRandom(it, seed);
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(it.input(0).rawBytes()));
                assertEquals(inputs.get(seed), seed + "," + sha, m + " input of seed " + seed);
                Run r = run("model", "run", model.toString(), "--random-input", Integer.toString(seed));
                assertEquals(0, r.code(), r.err());
                assertEquals("output_hex=" + oracle.get(seed).substring(oracle.get(seed).indexOf(',') + 1) + "\n",
                        r.out(), m + " seed " + seed);
                checked++;
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void inputFileGivesTheSameOutputAsTheRandomInputItHolds() throws Exception {
        Path model = testdata("tflm-conv/test_conv_model.tflite");
        Interpreter it = Interpreter.create(Files.readAllBytes(model));
        ModelCommand.fillRandom(it, 7);
        Path raw = tmp.resolve("in.bin");
        Files.write(raw, it.input(0).rawBytes());
        Run fromFile = run("model", "run", model.toString(), "--input-file", raw.toString());
        Run random = run("model", "run", model.toString(), "--random-input", "7");
        assertEquals(0, fromFile.code(), fromFile.err());
        assertEquals(random.out(), fromFile.out());
        List<String> oracle = Files.readAllLines(testdata("tflm-conv/test_conv_model_oracle.csv"));
        assertEquals("output_hex=" + oracle.get(7).substring(2) + "\n", fromFile.out());
        Files.write(raw, new byte[10]);
        Run bad = run("model", "run", model.toString(), "--input-file", raw.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("cai4j: ") && bad.err().contains("1024"), bad.err());
    }

    @Test
    void trainWritesTheShippedModelsForTheDefaultSeed() throws Exception {
        Run r = run("model", "train", "--out", tmp.resolve("models").toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(SineModels.shippedInt8(), Files.readAllBytes(tmp.resolve("models/sine_int8.tflite")));
        assertArrayEquals(SineModels.shippedFloat(), Files.readAllBytes(tmp.resolve("models/sine_float.tflite")));
        assertEquals(2, r.out().split("\n").length);
        assertTrue(r.out().contains("md5 "));
        Run other = run("model", "train", "--out", tmp.resolve("other").toString(), "--seed", "5");
        assertEquals(0, other.code(), other.err());
        byte[] int8 = Files.readAllBytes(tmp.resolve("other/sine_int8.tflite"));
        assertTrue(!MessageDigest.isEqual(SineModels.shippedInt8(), int8), "another seed, another model");
        Run run = run("model", "run", tmp.resolve("other/sine_int8.tflite").toString(), "1.5707964");
        assertEquals(0, run.code(), run.err());
        assertTrue(Math.abs(Float.parseFloat(run.out().split(" ")[1]) - 1.0) <= 0.05, run.out());
    }

    @Test
    void infoListsOperatorsTensorsAndQuantization() throws Exception {
        Path int8 = shipped("sine_int8.tflite", SineModels.shippedInt8());
        Run r = run("model", "info", int8.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("schema version: 3"), out);
        assertTrue(out.contains("0: FULLY_CONNECTED (code 9, version 4)"), out);
        assertEquals(3, out.lines().filter(l -> l.contains(": FULLY_CONNECTED [")).count(), out);
        assertEquals(10, out.lines().filter(l -> l.matches("  \\d+: \\S+ (INT8|INT32|FLOAT32) .*")).count(), out);
        assertTrue(out.contains("sine_input INT8 [1, 1] scale="), out);
        assertTrue(out.contains("zp=-128"), out);
        assertTrue(out.contains("arena: "), out);
        Run conv = run("model", "info", testdata("tflm-conv/test_conv_model.tflite").toString());
        assertEquals(0, conv.code(), conv.err());
        assertTrue(conv.out().contains("per-channel(16, axis 0)"), conv.out());
    }

    @Test
    void errorsAreOneLineAndNonZero() throws Exception {
        Path f32 = shipped("sine_float.tflite", SineModels.shippedFloat());
        Path junk = shipped("junk.tflite", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        List<Run> runs = new ArrayList<>();
        runs.add(run("model", "table", f32.toString()));
        runs.add(run("model", "run", f32.toString()));
        runs.add(run("model", "run", f32.toString(), "--random-input", "0"));
        runs.add(run("model", "info", junk.toString()));
        runs.add(run("model", "run", tmp.resolve("missing.tflite").toString(), "1"));
        runs.add(run("model", "run", junk.toString(), "1"));
        for (Run r : runs) {
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith("cai4j: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertEquals(6, runs.size());
        Run usage = run("model", "run", f32.toString(), "1", "--random-input", "1");
        assertTrue(usage.code() != 0);
    }
}

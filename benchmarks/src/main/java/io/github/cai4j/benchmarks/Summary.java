package io.github.cai4j.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once with a quick profile (1 fork, 2 warm-up and 3 measured iterations of 1 s) and prints
 * each ratio of the benchmark issue against its target, then every raw score.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.cai4j.benchmarks.Summary [--gc] [--iterations N]
 *     [--time SECONDS] [--include REGEX]</pre>
 * {@code --gc} adds JMH's GC profiler (allocation per operation); the convolution benchmarks run only when the
 * tflm-conv models are found (see {@link ConvBenchmark}).
 */
public final class Summary {
    private final List<RunResult> results;
    private final PrintStream out;

    private Summary(Collection<RunResult> results, PrintStream out) {
        this.results = new ArrayList<>(results);
        this.out = out;
    }

    public static void main(String[] args) throws RunnerException {
        boolean gc = false;
        int iterations = 3;
        int seconds = 1;
        String include = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gc" -> gc = true;
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--time" -> seconds = Integer.parseInt(args[++i]);
                case "--include" -> include = args[++i];
                default -> {
                    System.err.println("usage: Summary [--gc] [--iterations N] [--time SECONDS] [--include REGEX]");
                    System.exit(2);
                    return;
                }
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(false);
        if (include != null) {
            options.include(include);
        } else {
            for (Class<?> c : List.of(Sign1Benchmark.class, FleetVerifyBenchmark.class, SecurePathBenchmark.class,
                    GateBenchmark.class, InferenceBenchmark.class, ImageVerifyBenchmark.class, StorageBenchmark.class)) {
                options.include(c.getName() + "\\.");
            }
            if (Files.isDirectory(ConvBenchmark.modelDirectory())) {
                options.include(ConvBenchmark.class.getName() + "\\.");
            } else {
                out.println("(convolution models not found at " + ConvBenchmark.modelDirectory() + ": skipped)");
            }
        }
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long start = System.nanoTime();
        Collection<RunResult> runs = new Runner(options.build()).run();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf(Locale.ROOT, "machine: %d CPUs, %s %s (%s), %s %s; load average %.2f before, %.2f after;"
                        + " %d s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name"), System.getProperty("os.arch"), loadBefore, loadAfter,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        new Summary(runs, out).print(gc);
    }

    // ------------------------------------------------------------------ lookups

    private Optional<RunResult> find(String benchmark, String paramValue) {
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (!name.endsWith("." + benchmark)) {
                continue;
            }
            if (paramValue == null) {
                return Optional.of(r);
            }
            for (String key : r.getParams().getParamsKeys()) {
                if (paramValue.equals(r.getParams().getParam(key))) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Nanoseconds per operation, whatever the benchmark's mode. */
    static double nanos(Result<?> r) {
        double score = r.getScore();
        String unit = r.getScoreUnit();
        return switch (unit) {
            case "ops/s" -> 1e9 / score;
            case "ops/ms" -> 1e6 / score;
            case "ops/us" -> 1e3 / score;
            case "ns/op" -> score;
            case "us/op" -> score * 1e3;
            case "ms/op" -> score * 1e6;
            case "s/op" -> score * 1e9;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private Optional<Double> nanos(String benchmark, String param) {
        return find(benchmark, param).map(r -> nanos(r.getPrimaryResult()));
    }

    private Optional<Double> allocation(String benchmark, String param) {
        return find(benchmark, param).flatMap(r -> Optional.ofNullable(
                r.getSecondaryResults().get("gc.alloc.rate.norm"))).map(res -> res.getScore());
    }

    // ------------------------------------------------------------------ report

    private void ratio(String what, Optional<Double> value, String format, String target, boolean met) {
        boolean info = target.startsWith("(") || target.startsWith("ref");
        out.printf(Locale.ROOT, "| %-58s | %14s | %-12s | %-6s |%n", what,
                value.map(v -> String.format(Locale.ROOT, format, v)).orElse("n/a"), target,
                value.isEmpty() ? "n/a" : info ? "" : met ? "met" : "MISSED");
    }

    /** Throughput of {@code subject} relative to {@code peer} (peer time / subject time). */
    private Optional<Double> speed(String subject, String subjectParam, String peer, String peerParam) {
        Optional<Double> s = nanos(subject, subjectParam);
        Optional<Double> p = nanos(peer, peerParam);
        return s.isPresent() && p.isPresent() ? Optional.of(p.get() / s.get()) : Optional.empty();
    }

    private void print(boolean gc) {
        out.println();
        out.printf(Locale.ROOT, "| %-58s | %14s | %-12s | %-6s |%n", "ratio", "measured", "target", "");
        out.println("|------------------------------------------------------------|----------------|--------------|--------|");
        Optional<Double> v;
        v = speed("cai4jSign", null, "bcSign", null);
        ratio("Sign1 ES256 sign: cai4j / raw BC ECDSA", v, "%.3fx", ">= 0.97x", v.orElse(0.0) >= 0.97);
        v = speed("coseJavaSign", null, "bcSign", null);
        ratio("  (peer) COSE-JAVA sign / raw BC ECDSA", v, "%.3fx", "ref 0.97x", true);
        v = speed("cai4jSign", null, "coseJavaSign", null);
        ratio("  cai4j sign / COSE-JAVA sign", v, "%.3fx", ">= 1x", v.orElse(0.0) >= 1.0);
        v = speed("cai4jVerify", null, "bcVerify", null);
        ratio("Sign1 ES256 verify: cai4j / raw BC ECDSA", v, "%.3fx", ">= 0.95x", v.orElse(0.0) >= 0.95);
        v = speed("coseJavaVerify", null, "bcVerify", null);
        ratio("  (peer) COSE-JAVA verify / raw BC ECDSA", v, "%.3fx", "ref 0.94x", true);
        v = speed("cai4jVerify", null, "coseJavaVerify", null);
        ratio("  cai4j verify / COSE-JAVA verify", v, "%.3fx", ">= 1x", v.orElse(0.0) >= 1.0);
        v = speed("FleetVerifyBenchmark.verify", "1000", "FleetVerifyBenchmark.verify", "1");
        ratio("  cai4j verify, 1,000 devices in turn / one device", v, "%.3fx", ">= 0.95x", v.orElse(0.0) >= 0.95);
        v = speed("fullPath", null, "bcSign", null);
        ratio("Full secure path / raw BC ECDSA sign", v, "%.3fx", ">= 0.85x", v.orElse(0.0) >= 0.85);
        v = speed("fullPath", null, "partsDirect", null);
        ratio("  full secure path / sum of parts called directly", v, "%.3fx", "(info)", true);
        v = nanos("partsWithoutSignature", null);
        ratio("  parts without the signature (ns per result)", v, "%.0f ns", "(info)", true);
        Optional<Double> gate = nanos("gateCall", null);
        Optional<Double> direct = nanos("directCall", null);
        v = gate.isPresent() && direct.isPresent() ? Optional.of(gate.get() - direct.get()) : Optional.empty();
        ratio("Gate round trip (2 x 16 B) minus direct call", v, "%.0f ns", "<= 150 ns", v.orElse(1e9) <= 150);
        for (String model : List.of("int8", "float")) {
            v = nanos("InferenceBenchmark.cai4j", model);
            ratio("Inference " + model + " sine, cai4j", v, "%.0f ns", "<= 150 ns", v.orElse(1e9) <= 150);
            v = speed("InferenceBenchmark.cai4j", model, "InferenceBenchmark.tfliteJava", model);
            ratio("  speed-up over TensorFlow Lite Java (" + model + ")", v, "%.1fx", ">= 10x",
                    v.orElse(0.0) >= 10);
            if (gc) {
                v = allocation("InferenceBenchmark.cai4j", model);
                ratio("  cai4j allocation per inference (" + model + ")", v, "%.3f B", "~0 B/op",
                        v.orElse(1e9) < 1);
            }
        }
        v = speed("ConvBenchmark.cai4j", "test_conv_model", "ConvBenchmark.tfliteJava", "test_conv_model");
        ratio("Conv test_conv_model: cai4j / TensorFlow Lite Java", v, "%.3fx", "(info)", true);
        v = nanos("ConvBenchmark.cai4j", "person_detect").map(n -> n / 1e6);
        ratio("Conv person_detect (MobileNet 96x96), cai4j", v, "%.2f ms", "(info)", true);
        for (String key : List.of("ECDSA_P256", "RSA3072")) {
            v = speed("ImageVerifyBenchmark.verify", key, "ImageVerifyBenchmark.sha256", key);
            ratio("Image verify 1 MiB " + key + " / SHA-256 of it", v, "%.3fx", ">= 0.9x", v.orElse(0.0) >= 0.9);
            v = speed("ImageVerifyBenchmark.verify", key, "ImageVerifyBenchmark.sha256AndOneSignatureCheck", key);
            ratio("  / (SHA-256 + one raw BC signature check), the floor", v, "%.3fx", "(info)", true);
        }
        for (String size : List.of("4", "4096")) {
            v = nanos("StorageBenchmark.set", size).map(n -> n / 1e3);
            ratio("PS set " + size + " B", v, "%.1f us", "(info)", true);
            v = nanos("StorageBenchmark.get", size).map(n -> n / 1e3);
            ratio("PS get " + size + " B", v, "%.1f us", "(info)", true);
        }
        out.println();
        out.println("raw scores:");
        for (RunResult r : results) {
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(key).append('=').append(r.getParams().getParam(key)).append(' ');
            }
            Result<?> p = r.getPrimaryResult();
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            out.printf(Locale.ROOT, "  %-45s %-24s %14.3f ± %10.3f %-6s%s%n", shortName, params.toString().trim(),
                    p.getScore(), p.getScoreError(), p.getScoreUnit(),
                    alloc == null ? "" : String.format(Locale.ROOT, "  alloc %.1f B/op", alloc.getScore()));
        }
    }
}

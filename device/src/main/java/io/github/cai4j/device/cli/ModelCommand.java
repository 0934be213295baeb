package io.github.cai4j.device.cli;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.engine.RoundingMode;
import io.github.cai4j.inference.engine.TensorView;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.Operator;
import io.github.cai4j.inference.model.OperatorCode;
import io.github.cai4j.inference.model.Quantization;
import io.github.cai4j.inference.model.SubGraph;
import io.github.cai4j.inference.model.Tensor;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import io.github.cai4j.inference.service.InferenceServices;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.inference.tooling.SineTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cai4j model}: run, tabulate, train and inspect TFLite models with the project's engine. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Run, tabulate, train and inspect .tflite models (TFLM reference arithmetic).",
        subcommands = {ModelCommand.Run.class, ModelCommand.Table.class, ModelCommand.Train.class,
            ModelCommand.Info.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static TfliteModel read(Path file) throws IOException, ModelException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
        try {
            return TfliteModel.read(bytes);
        } catch (ModelException e) {
            throw new ModelException(file + ": " + e.getMessage(), e);
        }
    }

    static Interpreter interpreter(Path file, boolean singleRounding) throws IOException, ModelException {
        return Interpreter.create(read(file), singleRounding ? RoundingMode.TFLITE_SINGLE : RoundingMode.TFLM_DOUBLE);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a model. With values: one line per value, 'x y' for a float model and "
                + "'x y q_in q_out' for an int8 model (input quantized by rounding, or by the firmware's "
                + "truncation with --truncate).",
                "With --random-input or --input-file: prints output_hex=<raw bytes of output 0>."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<model.tflite>")
        Path model;

        @Parameters(index = "1..*", paramLabel = "<x>", description = "Input values (models with one input element).")
        List<Float> values;

        @ArgGroup(exclusive = true)
        Source source;

        static final class Source {
            @Option(names = "--random-input", paramLabel = "<seed>",
                    description = "Fill every input with the xorshift32 stream of testdata/tflm-conv (seed > 0).")
            Long seed;

            @Option(names = "--input-file", paramLabel = "<raw.bin>",
                    description = "Raw little-endian bytes of input tensor 0.")
            Path inputFile;
        }

        @Option(names = "--truncate",
                description = "Quantize int8 inputs as the firmware app does: (int8_t)(x / scale + zero_point).")
        boolean truncate;

        @Option(names = "--single-rounding",
                description = "Requantize with TensorFlow Lite's single rounding instead of TFLM's double rounding.")
        boolean singleRounding;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Interpreter it = interpreter(model, singleRounding);
            boolean hasValues = values != null && !values.isEmpty();
            if (source != null) {
                if (hasValues) {
                    throw new IllegalArgumentException("give input values or --random-input/--input-file, not both");
                }
                if (source.seed != null) {
                    fillRandom(it, source.seed);
                } else {
                    byte[] raw = Files.readAllBytes(source.inputFile);
                    TensorView in = it.input(0);
                    if (raw.length != in.byteSize()) {
                        throw new IllegalArgumentException(source.inputFile + " has " + raw.length
                                + " bytes, input tensor 0 holds " + in.byteSize());
                    }
                    in.setRawBytes(raw);
                }
                it.invoke();
                out.println("output_hex=" + HexFormat.of().formatHex(it.output(0).rawBytes()));
                out.flush();
                return 0;
            }
            if (!hasValues) {
                throw new IllegalArgumentException("no input: give values, --random-input <seed> or --input-file");
            }
            TensorView in = it.input(0);
            TensorView o = it.output(0);
            if (it.inputCount() != 1 || in.elementCount() != 1) {
                throw new IllegalArgumentException("values need a model with one input element; this one has "
                        + it.inputCount() + " input(s), input 0 with " + in.elementCount()
                        + " elements (use --random-input or --input-file)");
            }
            boolean int8 = in.type() == TensorType.INT8 && o.type() == TensorType.INT8;
            if (!int8 && (in.type() != TensorType.FLOAT32 || o.type() != TensorType.FLOAT32)) {
                throw new IllegalArgumentException("values need a float32 or int8 model, got " + in.type() + " -> "
                        + o.type());
            }
            for (float x : values) {
                if (int8) {
                    int q;
                    if (truncate) {
                        q = (byte) (int) (x / in.scale() + (float) in.zeroPoint());
                        in.setInt8(0, q);
                    } else {
                        in.setFloat(0, x);
                        q = in.getInt8(0);
                    }
                    it.invoke();
                    out.println(fmt(x) + " " + fmt(o.getFloat(0)) + " " + q + " " + o.getInt8(0));
                } else {
                    in.setFloat(0, x);
                    it.invoke();
                    out.println(fmt(x) + " " + fmt(o.getFloat(0)));
                }
            }
            out.flush();
            return 0;
        }

        private static String fmt(float f) {
            return Float.toString(f);
        }
    }

    /** The xorshift32 input rule of {@code testdata/tflm-conv/README.md}, one step per element across all inputs. */
    static void fillRandom(Interpreter it, long seed) {
        if (seed <= 0 || seed > 0xffff_ffffL) {
            throw new IllegalArgumentException("--random-input needs a seed in 1..4294967295, got " + seed);
        }
        int x = (int) seed;
        for (int t = 0; t < it.inputCount(); t++) {
            TensorView in = it.input(t);
            TensorType type = in.type();
            int size = type.elementSize();
            int n = in.elementCount();
            byte[] raw = new byte[n * size];
            for (int i = 0; i < n; i++) {
                x ^= x << 13;
                x ^= x >>> 17;
                x ^= x << 5;
                int bits;
                switch (type) {
                    case INT8, UINT8 -> bits = x & 0xff;
                    case INT16, UINT16 -> bits = x & 0xffff;
                    case INT32, UINT32 -> bits = x;
                    case FLOAT32 -> bits = Float.floatToRawIntBits((x >>> 8) * 0x1p-23f - 1.0f);
                    default -> throw new IllegalArgumentException("--random-input does not support " + type
                            + " input tensors");
                }
                for (int k = 0; k < size; k++) {
                    raw[i * size + k] = (byte) (bits >>> (8 * k));
                }
            }
            in.setRawBytes(raw);
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true,
            description = "Print q_in,q_out for all 256 inputs of a model with one int8 input and one int8 output.")
    static final class Table implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<int8-model.tflite>")
        Path model;

        @Option(names = "--single-rounding",
                description = "Requantize with TensorFlow Lite's single rounding instead of TFLM's double rounding.")
        boolean singleRounding;

        @Override
        public Integer call() throws Exception {
            Interpreter it = interpreter(model, singleRounding);
            TensorView in = it.input(0);
            TensorView o = it.output(0);
            if (in.type() != TensorType.INT8 || o.type() != TensorType.INT8 || in.elementCount() != 1) {
                throw new IllegalArgumentException("table needs one int8 input element and an int8 output, got "
                        + in.type() + Arrays.toString(in.shape()) + " -> " + o.type());
            }
            StringBuilder sb = new StringBuilder("q_in,q_out\n");
            for (int q = -128; q <= 127; q++) {
                in.setInt8(0, q);
                it.invoke();
                sb.append(q).append(',').append(o.getInt8(0)).append('\n');
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(sb);
            out.flush();
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the 1-16-16-1 sine network deterministically and write "
                + SineModels.INT8_FILE + " and " + SineModels.FLOAT_FILE + ".")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Output directory.")
        Path dir;

        @Option(names = "--seed", paramLabel = "N", description = "Training seed (default: the shipped models' seed).")
        long seed = SineTrainer.DEFAULT_SEED;

        @Override
        public Integer call() throws Exception {
            SineModels.Generated g = SineModels.generate(seed);
            Files.createDirectories(dir);
            PrintWriter out = spec.commandLine().getOut();
            write(out, dir.resolve(SineModels.INT8_FILE), g.int8Model());
            write(out, dir.resolve(SineModels.FLOAT_FILE), g.floatModel());
            out.flush();
            return 0;
        }

        private static void write(PrintWriter out, Path file, byte[] bytes) throws IOException {
            Files.write(file, bytes);
            out.println(String.format(Locale.ROOT, "wrote %s (%d bytes, md5 %s)", file, bytes.length,
                    InferenceServices.modelVersion(bytes)));
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a model's operators, tensors and quantization.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<model.tflite>")
        Path model;

        @Override
        public Integer call() throws Exception {
            byte[] bytes = Files.readAllBytes(model);
            TfliteModel m;
            try {
                m = TfliteModel.read(bytes);
            } catch (ModelException e) {
                throw new ModelException(model + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT, "file: %s (%d bytes, md5 %s)", model.getFileName(), bytes.length,
                    InferenceServices.modelVersion(bytes)));
            out.println("schema version: " + m.version());
            out.println("description: " + m.description());
            out.println("operator codes:");
            for (int i = 0; i < m.operatorCodes().size(); i++) {
                OperatorCode c = m.operatorCodes().get(i);
                out.println(String.format(Locale.ROOT, "  %d: %s (code %d, version %d)", i, c.name(), c.code(),
                        c.version()));
            }
            SubGraph g = m.mainGraph();
            out.println("inputs: " + Arrays.toString(g.inputs()) + "  outputs: " + Arrays.toString(g.outputs()));
            out.println("operators:");
            for (Operator op : g.operators()) {
                out.println(String.format(Locale.ROOT, "  %d: %s %s -> %s %s", op.index(), m.operatorCode(op).name(),
                        Arrays.toString(op.inputs()), Arrays.toString(op.outputs()), op.options()));
            }
            out.println("tensors:");
            for (Tensor t : g.tensors()) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %d: %s %s %s", t.index(),
                        t.name(), t.type(), Arrays.toString(t.shape())));
                sb.append(m.hasData(t.buffer()) ? String.format(Locale.ROOT, " const(%d bytes)",
                        m.bufferSize(t.buffer())) : "");
                t.quantization().filter(Quantization::hasScale).ifPresent(q -> sb.append(quantization(q)));
                out.println(sb);
            }
            try {
                Interpreter it = Interpreter.create(m);
                out.println("arena: " + it.arenaBytes() + " bytes");
            } catch (ModelException e) {
                out.println("not runnable: " + e.getMessage());
            }
            out.flush();
            return 0;
        }

        private static String quantization(Quantization q) {
            if (q.isPerChannel()) {
                return String.format(Locale.ROOT, " per-channel(%d, axis %d) scale[0]=%s zp[0]=%d", q.channelCount(),
                        q.quantizedDimension(), Float.toString(q.scale0()), q.zeroPoint0());
            }
            return String.format(Locale.ROOT, " scale=%s zp=%d", Float.toString(q.scale0()), q.zeroPoint0());
        }
    }
}

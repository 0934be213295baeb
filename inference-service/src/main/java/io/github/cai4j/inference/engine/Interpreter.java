package io.github.cai4j.inference.engine;

import io.github.cai4j.inference.kernels.Kernel;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.SubGraph;
import io.github.cai4j.inference.model.Tensor;
import io.github.cai4j.inference.model.TfliteModel;
import java.util.Locale;

/**
 * Runs the main subgraph of a {@link TfliteModel} with TensorFlow Lite Micro's reference-kernel arithmetic.
 *
 * <p>Everything is prepared by {@link #create}: every operator is checked to be supported (an unsupported one is
 * refused with its name), per-layer constants are precomputed (requantization multipliers, zero-point terms folded into
 * biases, activation ranges), and the non-constant tensors are placed in a planned arena whose space is reused between
 * operators. {@link #invoke()} then runs the operators in order without allocating.
 *
 * <p>An interpreter is not thread-safe: use one per thread (they are cheap; the model can be shared).
 */
public final class Interpreter {

    /**
     * Interpreter settings.
     *
     * @param rounding requantization rounding (TFLM's double rounding by default)
     * @param preserveAllTensors give every tensor its own arena space, so intermediate values stay readable after
     *     {@link #invoke()} (as TFLM's {@code preserve_all_tensors})
     * @param maxArenaBytes upper bound on the arena a model may ask for; larger models are refused at load
     */
    public record Options(RoundingMode rounding, boolean preserveAllTensors, long maxArenaBytes) {
        /** Default arena limit: 64 MiB. */
        public static final long DEFAULT_MAX_ARENA_BYTES = 64L << 20;

        public Options {
            if (rounding == null) {
                throw new IllegalArgumentException("rounding is null");
            }
            if (maxArenaBytes <= 0) {
                throw new IllegalArgumentException("maxArenaBytes must be positive");
            }
        }

        /** TFLM double rounding, arena reuse, 64 MiB limit. */
        public static Options defaults() {
            return new Options(RoundingMode.TFLM_DOUBLE, false, DEFAULT_MAX_ARENA_BYTES);
        }

        /** These options with another rounding mode. */
        public Options withRounding(RoundingMode r) {
            return new Options(r, preserveAllTensors, maxArenaBytes);
        }

        /** These options with tensor preservation switched on or off. */
        public Options withPreserveAllTensors(boolean preserve) {
            return new Options(rounding, preserve, maxArenaBytes);
        }

        /** These options with another arena limit. */
        public Options withMaxArenaBytes(long bytes) {
            return new Options(rounding, preserveAllTensors, bytes);
        }
    }

    private final TfliteModel model;
    private final Options options;
    private final Kernel[] kernels;
    private final TensorView[] views;
    private final int[] inputs;
    private final int[] outputs;
    private final long arenaBytes;

    private Interpreter(TfliteModel model, Options options, Kernel[] kernels, TensorView[] views, long arenaBytes) {
        this.model = model;
        this.options = options;
        this.kernels = kernels;
        this.views = views;
        SubGraph g = model.mainGraph();
        this.inputs = g.inputs();
        this.outputs = g.outputs();
        this.arenaBytes = arenaBytes;
    }

    /** Prepares {@code model} with default options (TFLM double rounding). */
    public static Interpreter create(TfliteModel model) throws ModelException {
        return create(model, Options.defaults());
    }

    /** Prepares {@code model} with the given rounding mode. */
    public static Interpreter create(TfliteModel model, RoundingMode rounding) throws ModelException {
        return create(model, Options.defaults().withRounding(rounding));
    }

    /** Prepares {@code model}. */
    public static Interpreter create(TfliteModel model, Options options) throws ModelException {
        GraphBuilder b = new GraphBuilder(model, options);
        b.build();
        return new Interpreter(model, options, b.kernels(), b.views(), b.arenaBytes());
    }

    /** Reads and prepares a {@code .tflite} file with default options. */
    public static Interpreter create(byte[] tflite) throws ModelException {
        return create(TfliteModel.read(tflite));
    }

    /** The model. */
    public TfliteModel model() {
        return model;
    }

    /** The options in effect. */
    public Options options() {
        return options;
    }

    /** The rounding mode in effect. */
    public RoundingMode roundingMode() {
        return options.rounding();
    }

    /** Number of operators prepared. */
    public int operatorCount() {
        return kernels.length;
    }

    /** Bytes of the planned arena (non-constant tensors). */
    public long arenaBytes() {
        return arenaBytes;
    }

    /** Number of graph inputs. */
    public int inputCount() {
        return inputs.length;
    }

    /** Number of graph outputs. */
    public int outputCount() {
        return outputs.length;
    }

    /** Graph input {@code i}. */
    public TensorView input(int i) {
        return views[inputs[i]];
    }

    /** Graph output {@code i}. */
    public TensorView output(int i) {
        return views[outputs[i]];
    }

    /**
     * Tensor {@code index} of the main subgraph, or {@code null} if the graph neither computes nor holds it (an
     * unused tensor).
     */
    public TensorView tensor(int index) {
        return views[index];
    }

    /** Number of tensors in the main subgraph. */
    public int tensorCount() {
        return views.length;
    }

    /** Runs all operators once over the current inputs. */
    public void invoke() {
        for (Kernel k : kernels) {
            k.invoke();
        }
    }

    /**
     * Convenience for single-input, single-output models: sets input 0 from {@code values} (quantizing with the
     * input's own scale and zero point, rounding half away from zero, if it is quantized), invokes, and returns output
     * 0 as floats (dequantized if quantized).
     *
     * @throws IllegalArgumentException if {@code values} does not have as many elements as input 0
     */
    public float[] run(float... values) {
        input(0).setFloats(values);
        invoke();
        return output(0).floats();
    }

    /** Convenience for models with one input and one output element: {@code run(x)[0]} without extra arrays. */
    public float runScalar(float x) {
        TensorView in = input(0);
        in.setFloat(0, x);
        invoke();
        return output(0).getFloat(0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Interpreter[%d ops, arena %d bytes, %s]", kernels.length, arenaBytes,
                options.rounding());
    }

    static String describe(Tensor t) {
        return String.format(Locale.ROOT, "tensor %d (%s %s)", t.index(), t.type(),
                java.util.Arrays.toString(t.shape()));
    }
}

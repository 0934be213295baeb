package io.github.cai4j.inference.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The project's own sine models: trained by {@link SineTrainer}, quantized by {@link Int8Quantizer} and
 * written by {@link TfliteWriter}. Both have the hello_world graph
 * {@code in[1,1] -> FC(16, RELU) -> FC(16, RELU) -> FC(1) -> out[1,1]} with no QUANTIZE or DEQUANTIZE
 * operator: the int8 model's input and output tensors are int8 and the application quantizes and dequantizes
 * with their scale and zero point ({@code spec/tflm.md} §1).
 *
 * <p>The models generated from {@link SineTrainer#DEFAULT_SEED} are shipped as resources
 * ({@link #INT8_RESOURCE}, {@link #FLOAT_RESOURCE}); regenerating them gives the same bytes.
 */
public final class SineModels {
    /** Class-path location of the shipped int8 model. */
    public static final String INT8_RESOURCE = "/io/github/cai4j/inference/models/sine_int8.tflite";
    /** Class-path location of the shipped float32 model. */
    public static final String FLOAT_RESOURCE = "/io/github/cai4j/inference/models/sine_float.tflite";
    /** File name of the int8 model written by {@code model train}. */
    public static final String INT8_FILE = "sine_int8.tflite";
    /** File name of the float model written by {@code model train}. */
    public static final String FLOAT_FILE = "sine_float.tflite";

    private static final int H = SineNetwork.HIDDEN;
    private static final int[] IO_SHAPE = {1, 1};
    private static final int[] IO_SIGNATURE = {-1, 1};
    private static final int[] HIDDEN_SHAPE = {1, H};
    private static final int[] HIDDEN_SIGNATURE = {-1, H};
    /** FULLY_CONNECTED op version of an int8 model (as in TFLM's hello_world_int8). */
    private static final int FC_VERSION_INT8 = 4;
    private static final int FC_VERSION_FLOAT = 1;

    private SineModels() {
    }

    /** A trained network and its two model files. */
    public record Generated(SineNetwork network, QuantizedSineNetwork quantized, byte[] int8Model,
                            byte[] floatModel) {
        public Generated {
            int8Model = int8Model.clone();
            floatModel = floatModel.clone();
        }

        @Override
        public byte[] int8Model() {
            return int8Model.clone();
        }

        @Override
        public byte[] floatModel() {
            return floatModel.clone();
        }
    }

    /** Trains from {@code seed}, quantizes and writes both models. */
    public static Generated generate(long seed) {
        SineNetwork net = new SineTrainer(seed).train();
        QuantizedSineNetwork q = Int8Quantizer.quantize(net);
        return new Generated(net, q, int8Model(q), floatModel(net));
    }

    /** The float32 model of {@code net}. */
    public static byte[] floatModel(SineNetwork net) {
        TfliteWriter w = new TfliteWriter("cai4j sine model, float32");
        TfliteWriter.TensorType f = TfliteWriter.TensorType.FLOAT32;
        int in = w.addTensor("sine_input", f, IO_SHAPE, IO_SIGNATURE, null, null);
        int w1 = w.addTensor("dense_1/weights", f, new int[] {H, 1}, null, floats(net.w1()), null);
        int b1 = w.addTensor("dense_1/bias", f, new int[] {H}, null, floats(net.b1()), null);
        int w2 = w.addTensor("dense_2/weights", f, new int[] {H, H}, null, floats(net.w2()), null);
        int b2 = w.addTensor("dense_2/bias", f, new int[] {H}, null, floats(net.b2()), null);
        int w3 = w.addTensor("dense_3/weights", f, new int[] {1, H}, null, floats(net.w3()), null);
        int b3 = w.addTensor("dense_3/bias", f, new int[] {1}, null, floats(new float[] {net.b3()}), null);
        int h1 = w.addTensor("dense_1/relu", f, HIDDEN_SHAPE, HIDDEN_SIGNATURE, null, null);
        int h2 = w.addTensor("dense_2/relu", f, HIDDEN_SHAPE, HIDDEN_SIGNATURE, null, null);
        int out = w.addTensor("sine_output", f, IO_SHAPE, IO_SIGNATURE, null, null);
        w.addFullyConnected(in, w1, b1, h1, TfliteWriter.Activation.RELU, FC_VERSION_FLOAT);
        w.addFullyConnected(h1, w2, b2, h2, TfliteWriter.Activation.RELU, FC_VERSION_FLOAT);
        w.addFullyConnected(h2, w3, b3, out, TfliteWriter.Activation.NONE, FC_VERSION_FLOAT);
        w.setInputs(in);
        w.setOutputs(out);
        return w.toBytes();
    }

    /** The int8 model of {@code q}. */
    public static byte[] int8Model(QuantizedSineNetwork q) {
        TfliteWriter w = new TfliteWriter("cai4j sine model, int8");
        TfliteWriter.TensorType i8 = TfliteWriter.TensorType.INT8;
        TfliteWriter.TensorType i32 = TfliteWriter.TensorType.INT32;
        float[] ws = q.weightScales();
        float[] as = q.actScales();
        int[] az = q.actZeros();
        int in = w.addTensor("sine_input", i8, IO_SHAPE, IO_SIGNATURE, null,
                TfliteWriter.Quantization.perTensor(q.inputScale(), q.inputZero()));
        int w1 = w.addTensor("dense_1/weights", i8, new int[] {H, 1}, null, q.w1(), sym(ws[0]));
        int b1 = w.addTensor("dense_1/bias", i32, new int[] {H}, null, ints(q.b1()), sym(q.biasScale(0)));
        int w2 = w.addTensor("dense_2/weights", i8, new int[] {H, H}, null, q.w2(), sym(ws[1]));
        int b2 = w.addTensor("dense_2/bias", i32, new int[] {H}, null, ints(q.b2()), sym(q.biasScale(1)));
        int w3 = w.addTensor("dense_3/weights", i8, new int[] {1, H}, null, q.w3(), sym(ws[2]));
        int b3 = w.addTensor("dense_3/bias", i32, new int[] {1}, null, ints(q.b3()), sym(q.biasScale(2)));
        int h1 = w.addTensor("dense_1/relu", i8, HIDDEN_SHAPE, HIDDEN_SIGNATURE, null,
                TfliteWriter.Quantization.perTensor(as[0], az[0]));
        int h2 = w.addTensor("dense_2/relu", i8, HIDDEN_SHAPE, HIDDEN_SIGNATURE, null,
                TfliteWriter.Quantization.perTensor(as[1], az[1]));
        int out = w.addTensor("sine_output", i8, IO_SHAPE, IO_SIGNATURE, null,
                TfliteWriter.Quantization.perTensor(as[2], az[2]));
        w.addFullyConnected(in, w1, b1, h1, TfliteWriter.Activation.RELU, FC_VERSION_INT8);
        w.addFullyConnected(h1, w2, b2, h2, TfliteWriter.Activation.RELU, FC_VERSION_INT8);
        w.addFullyConnected(h2, w3, b3, out, TfliteWriter.Activation.NONE, FC_VERSION_INT8);
        w.setInputs(in);
        w.setOutputs(out);
        return w.toBytes();
    }

    /** The shipped int8 model. */
    public static byte[] shippedInt8() {
        return resource(INT8_RESOURCE);
    }

    /** The shipped float32 model. */
    public static byte[] shippedFloat() {
        return resource(FLOAT_RESOURCE);
    }

    private static byte[] resource(String path) {
        try (InputStream in = SineModels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + path, e);
        }
    }

    private static TfliteWriter.Quantization sym(float scale) {
        return TfliteWriter.Quantization.perTensor(scale, 0);
    }

    private static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static byte[] ints(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : v) {
            b.putInt(i);
        }
        return b.array();
    }
}

package io.github.cai4j.inference.service;

import io.github.cai4j.inference.model.Activation;
import io.github.cai4j.inference.model.BuiltinOperator;
import io.github.cai4j.inference.model.BuiltinOptions;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.Operator;
import io.github.cai4j.inference.model.SubGraph;
import io.github.cai4j.inference.model.Tensor;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chain of float32 FULLY_CONNECTED layers evaluated the way the microTVM-generated code of the uTVM service does
 * ({@code spec/firmware.md} §3.2): each output starts from {@code 0.0f}, adds {@code in[i] * w[o][i]} in input
 * order with every multiply and add rounded to float32 (no fused multiply-add; Java never contracts), then adds
 * the bias, then applies {@code relu(v) = v > 0.0f ? v : 0.0f} (so -0.0 and NaN become +0.0).
 */
final class SequentialFloatNetwork {
    private record Layer(int in, int out, float[] weights, float[] bias, boolean relu) {
    }

    private final List<Layer> layers;
    private final int maxWidth;

    private SequentialFloatNetwork(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        int w = 1;
        for (Layer l : layers) {
            w = Math.max(w, Math.max(l.in(), l.out()));
        }
        this.maxWidth = w;
    }

    /**
     * Extracts the layers of a float32 model whose main graph is a chain of FULLY_CONNECTED operators with
     * constant weights and biases, one input of one element and one output of one element.
     */
    static SequentialFloatNetwork of(TfliteModel model) throws ModelException {
        SubGraph g = model.mainGraph();
        if (g.inputs().length != 1 || g.outputs().length != 1) {
            throw new ModelException("the float sine model must have one input and one output");
        }
        List<Layer> layers = new ArrayList<>();
        int current = g.input(0);
        if (g.tensor(current).elementCount() != 1) {
            throw new ModelException("the float sine model's input must have one element");
        }
        for (Operator op : g.operators()) {
            String where = String.format(Locale.ROOT, "operator %d", op.index());
            if (model.operatorCode(op).code() != BuiltinOperator.FULLY_CONNECTED) {
                throw new ModelException(where + ": only FULLY_CONNECTED is supported by the uTVM evaluator, got "
                        + model.operatorCode(op).name());
            }
            if (op.inputCount() < 3 || op.outputCount() != 1 || op.input(0) != current || op.input(2) < 0) {
                throw new ModelException(where + ": expected a chained FULLY_CONNECTED with a bias");
            }
            Tensor w = g.tensor(op.input(1));
            Tensor b = g.tensor(op.input(2));
            Tensor o = g.tensor(op.output(0));
            if (w.type() != TensorType.FLOAT32 || b.type() != TensorType.FLOAT32 || o.type() != TensorType.FLOAT32
                    || g.tensor(current).type() != TensorType.FLOAT32) {
                throw new ModelException(where + ": the uTVM evaluator needs float32 tensors");
            }
            if (w.rank() != 2 || !model.hasData(w.buffer()) || !model.hasData(b.buffer())) {
                throw new ModelException(where + ": weights [out,in] and bias must be constant");
            }
            int outDim = w.dim(0);
            int inDim = w.dim(1);
            if (inDim != g.tensor(current).elementCount() || b.elementCount() != outDim
                    || o.elementCount() != outDim) {
                throw new ModelException(where + ": shapes of input, weights, bias and output disagree");
            }
            Activation act = op.options() instanceof BuiltinOptions.FullyConnected fc ? fc.activation()
                    : Activation.NONE;
            if (act != Activation.NONE && act != Activation.RELU) {
                throw new ModelException(where + ": fused activation " + act + " is not supported");
            }
            layers.add(new Layer(inDim, outDim, floats(model.bufferData(w.buffer()), inDim * outDim, where),
                    floats(model.bufferData(b.buffer()), outDim, where), act == Activation.RELU));
            current = op.output(0);
        }
        if (layers.isEmpty() || current != g.output(0) || g.tensor(current).elementCount() != 1) {
            throw new ModelException("the float sine model's operators must end at its one-element output");
        }
        return new SequentialFloatNetwork(layers);
    }

    private static float[] floats(byte[] data, int n, String where) throws ModelException {
        if (data.length != 4L * n) {
            throw new ModelException(where + ": constant has " + data.length + " bytes, expected " + 4L * n);
        }
        float[] f = new float[n];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    /** Evaluates the network on one input. */
    float evaluate(float x) {
        float[] a = new float[maxWidth];
        float[] b = new float[maxWidth];
        a[0] = x;
        for (Layer l : layers) {
            float[] w = l.weights();
            float[] bias = l.bias();
            for (int o = 0; o < l.out(); o++) {
                float t = 0.0f;
                int row = o * l.in();
                for (int i = 0; i < l.in(); i++) {
                    t = t + a[i] * w[row + i];
                }
                t = t + bias[o];
                b[o] = l.relu() ? (t > 0.0f ? t : 0.0f) : t;
            }
            float[] swap = a;
            a = b;
            b = swap;
        }
        return a[0];
    }
}

package io.github.cai4j.inference.model;

/**
 * One operator of a subgraph: an index into the operator-code table, tensor indices of its inputs and outputs
 * ({@code -1} marks an omitted optional input) and its builtin options. Arrays are copied in and out.
 */
public record Operator(int index, int opcodeIndex, int[] inputs, int[] outputs, BuiltinOptions options) {

    public Operator {
        inputs = inputs.clone();
        outputs = outputs.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    /** Number of inputs (including omitted ones). */
    public int inputCount() {
        return inputs.length;
    }

    /** Tensor index of input {@code i}, or -1 if omitted or absent. */
    public int input(int i) {
        return i < inputs.length ? inputs[i] : -1;
    }

    /** Number of outputs. */
    public int outputCount() {
        return outputs.length;
    }

    /** Tensor index of output {@code i}. */
    public int output(int i) {
        return outputs[i];
    }
}

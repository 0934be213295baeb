package io.github.cai4j.inference.model;

import java.util.List;

/** A subgraph: its tensors, the tensor indices of its inputs and outputs, and its operators in execution order. */
public record SubGraph(String name, List<Tensor> tensors, int[] inputs, int[] outputs, List<Operator> operators) {

    public SubGraph {
        tensors = List.copyOf(tensors);
        inputs = inputs.clone();
        outputs = outputs.clone();
        operators = List.copyOf(operators);
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    /** Tensor {@code i}. */
    public Tensor tensor(int i) {
        return tensors.get(i);
    }

    /** Tensor index of subgraph input {@code i}. */
    public int input(int i) {
        return inputs[i];
    }

    /** Tensor index of subgraph output {@code i}. */
    public int output(int i) {
        return outputs[i];
    }
}

package io.github.cai4j.inference.model;

import java.util.Optional;

/**
 * One tensor of a subgraph. {@code buffer} indexes the model's buffers; a buffer without data (buffer 0 is the empty
 * sentinel) means the tensor has no constant value. Arrays are copied in and out.
 */
public record Tensor(int index, String name, TensorType type, int[] shape, int[] shapeSignature, int buffer,
                     Optional<Quantization> quantization, boolean isVariable) {

    public Tensor {
        shape = shape.clone();
        shapeSignature = shapeSignature.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] shapeSignature() {
        return shapeSignature.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Product of the dimensions (1 for a scalar), as a long so that a hostile shape cannot overflow it silently. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }
}

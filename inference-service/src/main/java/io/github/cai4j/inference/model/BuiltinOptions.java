package io.github.cai4j.inference.model;

/**
 * The builtin options of an operator (the schema's {@code BuiltinOptions} union), decoded for the option tables the
 * engine uses and kept as the bare union type for the others.
 */
public sealed interface BuiltinOptions {

    /** Union type values of the schema. */
    int TYPE_NONE = 0;
    int TYPE_CONV_2D = 1;
    int TYPE_DEPTHWISE_CONV_2D = 2;
    int TYPE_POOL_2D = 5;
    int TYPE_FULLY_CONNECTED = 8;
    int TYPE_SOFTMAX = 9;
    int TYPE_ADD = 11;
    int TYPE_RESHAPE = 17;
    int TYPE_MUL = 21;

    /** The schema's union type value. */
    int unionType();

    /** No options present. */
    record None() implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_NONE;
        }
    }

    /** Options of a union type this reader does not decode. */
    record Other(int unionType) implements BuiltinOptions {
    }

    /** {@code FullyConnectedOptions}. */
    record FullyConnected(Activation activation, int weightsFormat, boolean keepNumDims,
                          boolean asymmetricQuantizeInputs) implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_FULLY_CONNECTED;
        }
    }

    /** {@code Conv2DOptions}. */
    record Conv2D(Padding padding, int strideW, int strideH, Activation activation, int dilationW, int dilationH)
            implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_CONV_2D;
        }
    }

    /** {@code DepthwiseConv2DOptions}. */
    record DepthwiseConv2D(Padding padding, int strideW, int strideH, int depthMultiplier, Activation activation,
                           int dilationW, int dilationH) implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_DEPTHWISE_CONV_2D;
        }
    }

    /** {@code Pool2DOptions}. */
    record Pool2D(Padding padding, int strideW, int strideH, int filterW, int filterH, Activation activation)
            implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_POOL_2D;
        }
    }

    /** {@code SoftmaxOptions}. */
    record Softmax(float beta) implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_SOFTMAX;
        }
    }

    /** {@code AddOptions}. */
    record Add(Activation activation, boolean potScaleInt16) implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_ADD;
        }
    }

    /** {@code MulOptions}. */
    record Mul(Activation activation) implements BuiltinOptions {
        @Override
        public int unionType() {
            return TYPE_MUL;
        }
    }

    /** {@code ReshapeOptions}; {@code newShape} is copied in and out. */
    record Reshape(int[] newShape) implements BuiltinOptions {
        public Reshape {
            newShape = newShape.clone();
        }

        @Override
        public int[] newShape() {
            return newShape.clone();
        }

        @Override
        public int unionType() {
            return TYPE_RESHAPE;
        }
    }
}

package io.github.cai4j.inference.kernels;

import io.github.cai4j.inference.model.Activation;
import io.github.cai4j.inference.model.ModelException;

/** Clamp bounds of fused activations: TFLite's {@code CalculateActivationRange(Quantized)}. */
public record ActivationRange(int min, int max) {

    /** Quantized bounds for an output of the given scale, zero point and storage range. */
    public static ActivationRange quantized(Activation act, float scale, int zeroPoint, int qmin, int qmax)
            throws ModelException {
        switch (act) {
            case NONE:
                return new ActivationRange(qmin, qmax);
            case RELU:
                return new ActivationRange(Math.max(qmin, QuantizedMath.quantize(scale, zeroPoint, 0f)), qmax);
            case RELU6:
                return new ActivationRange(Math.max(qmin, QuantizedMath.quantize(scale, zeroPoint, 0f)),
                        Math.min(qmax, QuantizedMath.quantize(scale, zeroPoint, 6f)));
            case RELU_N1_TO_1:
                return new ActivationRange(Math.max(qmin, QuantizedMath.quantize(scale, zeroPoint, -1f)),
                        Math.min(qmax, QuantizedMath.quantize(scale, zeroPoint, 1f)));
            default:
                throw new ModelException("fused activation " + act + " is not supported");
        }
    }

    /** Float bounds {lo, hi} of a fused activation. */
    public static float[] floating(Activation act) throws ModelException {
        switch (act) {
            case NONE:
                return new float[] {-Float.MAX_VALUE, Float.MAX_VALUE};
            case RELU:
                return new float[] {0f, Float.MAX_VALUE};
            case RELU6:
                return new float[] {0f, 6f};
            case RELU_N1_TO_1:
                return new float[] {-1f, 1f};
            default:
                throw new ModelException("fused activation " + act + " is not supported");
        }
    }

    /** {@code std::min(std::max(x, lo), hi)}: keeps −0.0 and NaN, unlike {@link Math#max}. */
    public static float clamp(float x, float lo, float hi) {
        float y = x < lo ? lo : x;
        return hi < y ? hi : y;
    }
}

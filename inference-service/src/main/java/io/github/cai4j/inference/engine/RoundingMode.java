package io.github.cai4j.inference.engine;

/** How quantized kernels round when they rescale an int32 accumulator. */
public enum RoundingMode {
    /**
     * gemmlowp double rounding (a rounding doubling high multiply, then a rounding right shift): TensorFlow Lite Micro's
     * reference kernels and CMSIS-NN by default. Bit-exact with the firmware.
     */
    TFLM_DOUBLE,
    /**
     * One rounding of the 64-bit product ({@code TFLITE_SINGLE_ROUNDING}): what TensorFlow Lite's optimized kernels
     * (ruy) compute on desktop. Up to a few LSB away from {@link #TFLM_DOUBLE} on the sine models.
     */
    TFLITE_SINGLE
}

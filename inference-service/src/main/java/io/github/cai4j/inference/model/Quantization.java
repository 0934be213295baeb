package io.github.cai4j.inference.model;

/**
 * A tensor's affine quantization ({@code QuantizationParameters}): {@code real = scale * (q - zeroPoint)}. Per-tensor
 * quantization has one scale and one zero point; per-channel quantization has one of each per index along
 * {@code quantizedDimension}. Zero points are stored as int64 in the file. Arrays are copied in and out.
 */
public record Quantization(float[] min, float[] max, float[] scale, long[] zeroPoint, int quantizedDimension) {

    public Quantization {
        min = min.clone();
        max = max.clone();
        scale = scale.clone();
        zeroPoint = zeroPoint.clone();
    }

    /** Per-tensor quantization with one scale and zero point. */
    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(new float[0], new float[0], new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    @Override
    public float[] min() {
        return min.clone();
    }

    @Override
    public float[] max() {
        return max.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public long[] zeroPoint() {
        return zeroPoint.clone();
    }

    /** Number of scales (1 for per-tensor). */
    public int channelCount() {
        return scale.length;
    }

    /** {@code true} if there is at least one scale (a tensor can carry min/max only). */
    public boolean hasScale() {
        return scale.length > 0;
    }

    /** {@code true} if more than one scale is given. */
    public boolean isPerChannel() {
        return scale.length > 1;
    }

    /** The first scale: the per-tensor scale. */
    public float scale0() {
        return scale.length == 0 ? 0f : scale[0];
    }

    /** The first zero point: the per-tensor zero point (0 if none). */
    public long zeroPoint0() {
        return zeroPoint.length == 0 ? 0L : zeroPoint[0];
    }

    /** Scale of channel {@code c}. */
    public float scale(int c) {
        return scale[c];
    }

    /** Zero point of channel {@code c}, or 0 if none is given. */
    public long zeroPoint(int c) {
        return c < zeroPoint.length ? zeroPoint[c] : 0L;
    }
}

package io.github.cai4j.inference.kernels;

/** RESHAPE: the data is unchanged, so the kernel copies it when input and output have separate storage. */
public final class Copy implements Kernel {
    private final Object src;
    private final int srcOff;
    private final Object dst;
    private final int dstOff;
    private final int count;

    /** {@code src} and {@code dst} are arrays of the same element type. */
    public Copy(Object src, int srcOff, Object dst, int dstOff, int count) {
        if (src.getClass() != dst.getClass()) {
            throw new IllegalArgumentException("element types differ");
        }
        this.src = src;
        this.srcOff = srcOff;
        this.dst = dst;
        this.dstOff = dstOff;
        this.count = count;
    }

    @Override
    public void invoke() {
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, count);
        }
    }
}

package io.github.cai4j.inference.kernels;

/**
 * NumPy-style broadcasting of two shapes (right-aligned, size-1 dimensions stretch), as TFLite's
 * {@code NdArrayDesc}. Index maps are computed once at load; {@code null} maps mean "same shape, element-wise".
 */
public final class Broadcast {
    private final int[] index1;
    private final int[] index2;
    private final int size;

    private Broadcast(int[] index1, int[] index2, int size) {
        this.index1 = index1;
        this.index2 = index2;
        this.size = size;
    }

    /** The broadcast of {@code shape1} and {@code shape2} onto {@code outShape}; throws if they are incompatible. */
    public static Broadcast of(int[] shape1, int[] shape2, int[] outShape) {
        int rank = outShape.length;
        long total = 1;
        for (int d : outShape) {
            total *= d;
        }
        int size = (int) total;
        if (java.util.Arrays.equals(shape1, outShape) && java.util.Arrays.equals(shape2, outShape)) {
            return new Broadcast(null, null, size);
        }
        int[] s1 = align(shape1, rank);
        int[] s2 = align(shape2, rank);
        for (int d = 0; d < rank; d++) {
            if ((s1[d] != outShape[d] && s1[d] != 1) || (s2[d] != outShape[d] && s2[d] != 1)) {
                throw new IllegalArgumentException("shapes do not broadcast");
            }
        }
        int[] i1 = new int[size];
        int[] i2 = new int[size];
        int[] idx = new int[rank];
        for (int flat = 0; flat < size; flat++) {
            int a = 0;
            int b = 0;
            for (int d = 0; d < rank; d++) {
                a = a * s1[d] + (s1[d] == 1 ? 0 : idx[d]);
                b = b * s2[d] + (s2[d] == 1 ? 0 : idx[d]);
            }
            i1[flat] = a;
            i2[flat] = b;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < outShape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Broadcast(i1, i2, size);
    }

    private static int[] align(int[] shape, int rank) {
        if (shape.length > rank) {
            throw new IllegalArgumentException("input rank above output rank");
        }
        int[] r = new int[rank];
        java.util.Arrays.fill(r, 1);
        System.arraycopy(shape, 0, r, rank - shape.length, shape.length);
        return r;
    }

    /** Number of output elements. */
    public int size() {
        return size;
    }

    /** Flat index into input 1 for output element {@code i}. */
    public int first(int i) {
        return index1 == null ? i : index1[i];
    }

    /** Flat index into input 2 for output element {@code i}. */
    public int second(int i) {
        return index2 == null ? i : index2[i];
    }
}

package io.github.cai4j.inference.tooling;

/**
 * A small deterministic pseudo-random generator (SplitMix64: a Weyl sequence with the
 * {@code 0x9e3779b97f4a7c15} increment and a 64-bit finalising mix). Used only for reproducible model
 * training; it is not a source of secrets.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9e37_79b9_7f4a_7c15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 pseudo-random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    /** A double uniformly distributed in [0, 1), with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A double uniformly distributed in [lo, hi). */
    public double nextDouble(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** An int uniformly distributed in [0, bound), bound &gt; 0 (unbiased by rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long r = nextLong() >>> 32;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }
}

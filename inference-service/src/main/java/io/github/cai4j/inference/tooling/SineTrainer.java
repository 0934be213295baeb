package io.github.cai4j.inference.tooling;

/**
 * Trains the 1&rarr;16&rarr;16&rarr;1 ReLU network on {@code y = sin x}, {@code x} in [0, 2&pi;], deterministically:
 * the same seed gives bit-identical weights on every JVM (float32 arithmetic, {@link StrictMath}, a
 * {@link SplitMix64} stream, plain loops, no threads).
 *
 * <p>Training: minibatch Adam on the mean squared error. Layer 1 starts with "knot" initialisation (each
 * hidden unit's ReLU kink at a random point of the input range, random slope sign) so that no unit is dead on
 * [0, 2&pi;] from the start; layers 2 and 3 use He-uniform weights.
 */
public final class SineTrainer {
    /** The seed of the project's shipped sine models. */
    public static final long DEFAULT_SEED = 20_221_123L;

    /** Upper end of the input range: 2&pi; as float32 (the firmware's {@code kXrange}). */
    public static final float X_RANGE = (float) (2.0 * Math.PI);

    private static final int H = SineNetwork.HIDDEN;
    private static final int SAMPLES = 1000;
    private static final int BATCH = 25;
    private static final int EPOCHS = 600;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-7f;

    private final long seed;

    public SineTrainer(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Trains a network from this trainer's seed. */
    public SineNetwork train() {
        SplitMix64 rng = new SplitMix64(seed);
        float[] xs = new float[SAMPLES];
        float[] ys = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            xs[i] = (float) rng.nextDouble(0.0, X_RANGE);
            ys[i] = (float) StrictMath.sin(xs[i]);
        }

        // parameters, flattened: w1[16] b1[16] w2[256] b2[16] w3[16] b3[1]
        int oW1 = 0;
        int oB1 = oW1 + H;
        int oW2 = oB1 + H;
        int oB2 = oW2 + H * H;
        int oW3 = oB2 + H;
        int oB3 = oW3 + H;
        int n = oB3 + 1;
        float[] p = new float[n];
        for (int j = 0; j < H; j++) {
            float slope = (float) rng.nextDouble(0.5, 1.5);
            if ((rng.nextLong() & 1L) != 0) {
                slope = -slope;
            }
            float knot = (float) rng.nextDouble(0.0, X_RANGE);
            p[oW1 + j] = slope;
            p[oB1 + j] = -slope * knot;
        }
        float lim2 = (float) StrictMath.sqrt(6.0 / H);
        for (int k = 0; k < H * H; k++) {
            p[oW2 + k] = (float) rng.nextDouble(-lim2, lim2);
        }
        for (int j = 0; j < H; j++) {
            p[oB2 + j] = 0.1f;
            p[oW3 + j] = (float) rng.nextDouble(-lim2, lim2) * 0.5f;
        }
        p[oB3] = 0.0f;

        float[] grad = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        float[] h1 = new float[H];
        float[] h2 = new float[H];
        float[] d2 = new float[H];
        int[] order = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            order[i] = i;
        }
        float beta1Pow = 1.0f;
        float beta2Pow = 1.0f;
        int steps = EPOCHS * (SAMPLES / BATCH);
        int step = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, rng);
            for (int start = 0; start + BATCH <= SAMPLES; start += BATCH) {
                java.util.Arrays.fill(grad, 0.0f);
                for (int bi = start; bi < start + BATCH; bi++) {
                    int s = order[bi];
                    float x = xs[s];
                    // forward
                    for (int j = 0; j < H; j++) {
                        float t = x * p[oW1 + j] + p[oB1 + j];
                        h1[j] = t > 0.0f ? t : 0.0f;
                    }
                    float y = p[oB3];
                    for (int j = 0; j < H; j++) {
                        float t = p[oB2 + j];
                        for (int i = 0; i < H; i++) {
                            t += h1[i] * p[oW2 + j * H + i];
                        }
                        h2[j] = t > 0.0f ? t : 0.0f;
                        y += h2[j] * p[oW3 + j];
                    }
                    // backward of 0.5 * (y - target)^2, averaged over the batch
                    float dy = (y - ys[s]) / BATCH;
                    grad[oB3] += dy;
                    for (int j = 0; j < H; j++) {
                        grad[oW3 + j] += dy * h2[j];
                        d2[j] = h2[j] > 0.0f ? dy * p[oW3 + j] : 0.0f;
                        grad[oB2 + j] += d2[j];
                    }
                    for (int i = 0; i < H; i++) {
                        float d1 = 0.0f;
                        for (int j = 0; j < H; j++) {
                            grad[oW2 + j * H + i] += d2[j] * h1[i];
                            d1 += d2[j] * p[oW2 + j * H + i];
                        }
                        if (h1[i] > 0.0f) {
                            grad[oW1 + i] += d1 * x;
                            grad[oB1 + i] += d1;
                        }
                    }
                }
                // Adam with a cosine-decayed learning rate
                step++;
                beta1Pow *= BETA1;
                beta2Pow *= BETA2;
                float lr = (float) (0.0005 + 0.0095 * 0.5 * (1.0 + StrictMath.cos(StrictMath.PI * step / steps)));
                for (int k = 0; k < n; k++) {
                    float g = grad[k];
                    m[k] = BETA1 * m[k] + (1.0f - BETA1) * g;
                    v[k] = BETA2 * v[k] + (1.0f - BETA2) * g * g;
                    float mh = m[k] / (1.0f - beta1Pow);
                    float vh = v[k] / (1.0f - beta2Pow);
                    p[k] -= lr * mh / ((float) StrictMath.sqrt(vh) + EPS);
                }
            }
        }
        float[] w1 = new float[H];
        float[] b1 = new float[H];
        float[] w2 = new float[H * H];
        float[] b2 = new float[H];
        float[] w3 = new float[H];
        System.arraycopy(p, oW1, w1, 0, H);
        System.arraycopy(p, oB1, b1, 0, H);
        System.arraycopy(p, oW2, w2, 0, H * H);
        System.arraycopy(p, oB2, b2, 0, H);
        System.arraycopy(p, oW3, w3, 0, H);
        return new SineNetwork(w1, b1, w2, b2, w3, p[oB3]);
    }

    private static void shuffle(int[] a, SplitMix64 rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

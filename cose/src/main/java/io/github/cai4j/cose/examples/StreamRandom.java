package io.github.cai4j.cose.examples;

import java.security.SecureRandom;

/**
 * Replays a vector's recorded {@code rng_stream} so a message can be re-created byte for byte. Only for
 * conformance checking: it is not random.
 */
final class StreamRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final byte[] stream;
    private int pos;

    StreamRandom(byte[] stream) {
        this.stream = stream.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (pos + bytes.length > stream.length) {
            throw new IllegalStateException("the vector's rng_stream is exhausted");
        }
        System.arraycopy(stream, pos, bytes, 0, bytes.length);
        pos += bytes.length;
    }
}

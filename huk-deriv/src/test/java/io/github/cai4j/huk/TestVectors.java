package io.github.cai4j.huk;

/** Vectors of {@code spec/firmware.md} §9. */
final class TestVectors {
    private TestVectors() {
    }

    /** TF-M's dummy provisioning HUK: 00 01 … 0f 00 01 … 0f. */
    static byte[] dummyHuk() {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) (i & 0x0f);
        }
        return k;
    }
}

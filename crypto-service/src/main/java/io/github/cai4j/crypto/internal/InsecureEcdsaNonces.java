package io.github.cai4j.crypto.internal;

import java.math.BigInteger;

/**
 * TEST ONLY, INSECURE: makes the next randomized ECDSA signatures of a crypto partition use given nonces, so
 * that a signature the firmware produced (its first signature after a cold boot under QEMU uses a known k,
 * {@code spec/firmware.md} §5.5) can be reproduced byte for byte. A known nonce reveals the private key from
 * one signature: never use this outside tests. This package is not exported from the module.
 */
public final class InsecureEcdsaNonces {
    private InsecureEcdsaNonces() {
    }

    /**
     * Queues nonces for the next randomized signatures of {@code cryptoPartition} (a {@code CryptoPartition}),
     * one per signature, in order; later signatures draw from the partition's randomness again.
     *
     * @param k big-endian nonces in [1, n-1]
     */
    public static void injectNext(Object cryptoPartition, byte[]... k) {
        CryptoEngine engine = EngineRegistry.engineOf(cryptoPartition);
        for (byte[] one : k) {
            BigInteger v = new BigInteger(1, one);
            if (v.signum() == 0 || v.compareTo(P256.N) >= 0) {
                throw new IllegalArgumentException("an ECDSA nonce must be in [1, n-1]");
            }
            engine.queueNonce(v);
        }
    }
}

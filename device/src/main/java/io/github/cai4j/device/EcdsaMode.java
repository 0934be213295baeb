package io.github.cai4j.device;

/** How the device's COSE key signs. */
public enum EcdsaMode {
    /** Randomised ECDSA, as the firmware (Mbed TLS with the PSA DRBG). The default. */
    RANDOMIZED,
    /** Deterministic ECDSA (RFC 6979): the same payload always gives the same signature. */
    DETERMINISTIC
}

package io.github.cai4j.inference.kernels;

/**
 * One prepared operator: its constants and per-layer parameters were computed at load time and its input and output
 * storage is bound, so {@link #invoke()} only computes and never allocates.
 */
public interface Kernel {
    /** Runs the operator once over its bound storage. */
    void invoke();
}

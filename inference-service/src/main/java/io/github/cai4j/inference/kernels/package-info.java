/**
 * The operator kernels, bit-exact with TensorFlow Lite Micro's reference kernels (gemmlowp fixed point, float32 without
 * fused multiply-add). Not exported: the interpreter binds them to its arena.
 */
package io.github.cai4j.inference.kernels;

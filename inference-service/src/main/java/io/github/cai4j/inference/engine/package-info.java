/**
 * Running a model: {@link io.github.cai4j.inference.engine.Interpreter} prepares a
 * {@link io.github.cai4j.inference.model.TfliteModel} once (operator support, per-layer constants, a planned arena)
 * and invokes it without allocating; {@link io.github.cai4j.inference.engine.TensorView} gives typed access to tensors;
 * {@link io.github.cai4j.inference.engine.RoundingMode} selects TFLM's double rounding (default, bit-exact with the
 * firmware) or TensorFlow Lite's single rounding.
 */
package io.github.cai4j.inference.engine;

/**
 * Reading {@code .tflite} files (TFLite flatbuffer schema version 3): {@link io.github.cai4j.inference.model.TfliteModel}
 * and its immutable description of subgraphs, tensors, quantization, operator codes and builtin options. Every offset
 * and length is checked; malformed files raise {@link io.github.cai4j.inference.model.ModelException}.
 */
package io.github.cai4j.inference.model;

package io.github.cai4j.inference.model;

/**
 * A {@code .tflite} model that cannot be read or cannot be run: malformed flatbuffer, inconsistent graph, or an operator
 * or tensor layout the engine does not support. The message names what is wrong and where (byte offset, table, tensor or
 * operator index).
 */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

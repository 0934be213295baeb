package io.github.cai4j.inference.model;

import java.util.Locale;

/** Fused activation functions of the TFLite schema ({@code ActivationFunctionType}). */
public enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT;

    /** The activation with schema code {@code code}. */
    public static Activation fromCode(int code) throws ModelException {
        Activation[] all = values();
        if (code < 0 || code >= all.length) {
            throw new ModelException(String.format(Locale.ROOT, "unknown fused activation code %d", code));
        }
        return all[code];
    }
}

package io.github.cai4j.inference.model;

import java.util.Locale;

/** Padding schemes of the TFLite schema. */
public enum Padding {
    SAME, VALID;

    /** The padding with schema code {@code code}. */
    public static Padding fromCode(int code) throws ModelException {
        if (code == 0) {
            return SAME;
        }
        if (code == 1) {
            return VALID;
        }
        throw new ModelException(String.format(Locale.ROOT, "unknown padding code %d", code));
    }
}

package io.github.cai4j.inference.model;

/**
 * An entry of the model's operator-code table. The effective builtin code is
 * {@code max(builtinCode, deprecatedBuiltinCode)}: old files only carry the byte field, codes of 127 and above only the
 * int field.
 */
public record OperatorCode(int deprecatedBuiltinCode, String customCode, int version, int builtinCode) {

    /** The effective builtin code. */
    public int code() {
        return Math.max(builtinCode, deprecatedBuiltinCode);
    }

    /** The schema name of the effective code (for CUSTOM, {@code CUSTOM(<custom code>)}). */
    public String name() {
        int c = code();
        if (c == BuiltinOperator.CUSTOM) {
            return "CUSTOM(" + customCode + ")";
        }
        return BuiltinOperator.name(c);
    }
}

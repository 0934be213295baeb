package io.github.cai4j.device.shell;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code printf("%.Nf")} as the firmware's C library prints it. Java's {@link java.util.Formatter} rounds
 * ties of the decimal expansion half-up, while C rounds the exact binary value to nearest-even; this class
 * does the latter so the shell's numbers match the firmware's output digit for digit.
 */
public final class CFormat {
    private CFormat() {
    }

    /** {@code %.<decimals>f} of {@code value}. */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // C prints the sign of negative zero and of values that round to zero from below.
        if ((value < 0 || (value == 0 && 1 / value < 0)) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** {@code %f}: six decimals. */
    public static String fixed(double value) {
        return fixed(value, 6);
    }
}

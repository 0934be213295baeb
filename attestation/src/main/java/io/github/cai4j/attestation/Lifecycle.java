package io.github.cai4j.attestation;

/**
 * The PSA security lifecycle claim ({@code spec/cose.md} §8): a 16-bit value whose high byte is the state and
 * whose low byte is implementation defined.
 */
public final class Lifecycle {
    /** Unknown. */
    public static final int UNKNOWN = 0x0000;
    /** Assembly and test. */
    public static final int ASSEMBLY_AND_TEST = 0x1000;
    /** PSA RoT provisioning. */
    public static final int PSA_ROT_PROVISIONING = 0x2000;
    /** Secured. */
    public static final int SECURED = 0x3000;
    /** Non-PSA-RoT debug. */
    public static final int NON_PSA_ROT_DEBUG = 0x4000;
    /** Recoverable PSA-RoT debug. */
    public static final int RECOVERABLE_PSA_ROT_DEBUG = 0x5000;
    /** Decommissioned. */
    public static final int DECOMMISSIONED = 0x6000;

    private Lifecycle() {
    }

    /** {@code true} for 0x0000…0x60ff whose high byte is one of the seven states. */
    public static boolean isValid(long value) {
        if (value < 0 || value > 0x60ff) {
            return false;
        }
        int state = (int) (value >> 8);
        return state == 0x00 || state == 0x10 || state == 0x20 || state == 0x30 || state == 0x40 || state == 0x50
                || state == 0x60;
    }

    /** {@code true} for an EAN-13 ({@code 13 digits}) optionally followed by {@code -} and 5 digits. */
    static boolean isCertificationReference(String s) {
        if (s.length() != 13 && s.length() != 19) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = i == 13 ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

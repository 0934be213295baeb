package io.github.cai4j.huk.internal;

/** The C library conversions the firmware's shell uses on its arguments, with a 32-bit {@code unsigned long}. */
public final class CStrings {
    private static final long ULONG_MAX = 0xffff_ffffL;

    private CStrings() {
    }

    /**
     * {@code strtoul(s, NULL, 16)} on a 32-bit target: leading white space, an optional sign, an optional
     * {@code 0x}/{@code 0X}, then the longest run of hex digits; no digits gives 0, overflow gives
     * {@code ULONG_MAX}, a minus sign negates modulo 2^32.
     */
    public static long strtoulHex(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && hexDigit(s.charAt(i + 2)) >= 0) {
            i += 2;
        }
        long v = 0;
        boolean overflow = false;
        while (i < n) {
            char c = s.charAt(i);
            int d = hexDigit(c);
            if (d < 0) {
                break;
            }
            v = v * 16 + d;
            if (v > ULONG_MAX) {
                overflow = true;
                v = ULONG_MAX;
            }
            i++;
        }
        if (overflow) {
            return ULONG_MAX;
        }
        return negative ? (-v) & ULONG_MAX : v;
    }

    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}

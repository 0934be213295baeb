package io.github.cai4j.huk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The device UUID ({@code spec/firmware.md} §1.5): 16 derived bytes with the version 4 and RFC 4122 variant bits
 * set, printed as lowercase 8-4-4-4-12 hex.
 *
 * @param value the 36-character string
 */
public record DeviceUuid(String value) {
    private static final Pattern FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The number of derived bytes the UUID is made from. */
    public static final int DERIVED_BYTES = 16;
    /** The length of the string form. */
    public static final int LENGTH = 36;

    public DeviceUuid {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a lowercase version-4 UUID: \"" + value + "\"");
        }
    }

    /**
     * Formats the first 16 derived bytes: {@code b[6] = (b[6] & 0x0F) | 0x40}, {@code b[8] = (b[8] & 0x3F) | 0x80},
     * lowercase hex with dashes after bytes 3, 5, 7 and 9.
     *
     * @param derived at least 16 bytes (only the first 16 are used; the array is not modified)
     */
    public static DeviceUuid fromDerivedBytes(byte[] derived) {
        if (derived.length < DERIVED_BYTES) {
            throw new IllegalArgumentException("a UUID needs " + DERIVED_BYTES + " bytes, got " + derived.length);
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < DERIVED_BYTES; i++) {
            int b = derived[i] & 0xff;
            if (i == 6) {
                b = (b & 0x0f) | 0x40;
            } else if (i == 8) {
                b = (b & 0x3f) | 0x80;
            }
            sb.append(HEX[b >>> 4]).append(HEX[b & 0x0f]);
            if (i == 3 || i == 5 || i == 7 || i == 9) {
                sb.append('-');
            }
        }
        return new DeviceUuid(sb.toString());
    }

    /** Parses the 37-byte output of {@code TFM_HUK_GEN_UUID} (36 ASCII characters and a NUL). */
    public static DeviceUuid fromServiceOutput(byte[] out, int length) {
        if (length != HukServices.UUID_OUTPUT_SIZE || out.length < length || out[LENGTH] != 0) {
            throw new IllegalArgumentException("UUID output must be 36 characters and a NUL, got " + length
                    + " bytes");
        }
        return new DeviceUuid(new String(out, 0, LENGTH, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.github.cai4j.inference.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 36-byte {@code tflm_config_t} / {@code utvm_config_t} request struct ({@code spec/firmware.md} §3.1):
 * {@code huk_enc_format_t enc_format} (u32 LE) then {@code char model[32]}.
 */
final class InferenceConfig {
    private InferenceConfig() {
    }

    /** Encodes a config as the non-secure app does ({@code sprintf(model, "%s", name)}; the rest zeroed). */
    static byte[] encode(int format, String model) {
        byte[] name = InferenceServices.ascii(model);
        if (name.length >= InferenceServices.CONFIG_MODEL_SIZE) {
            throw new IllegalArgumentException("model name longer than 31 characters");
        }
        ByteBuffer b = ByteBuffer.allocate(InferenceServices.CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(format);
        b.put(name);
        return b.array();
    }

    /** The encoding format field. */
    static int format(byte[] config) {
        return ByteBuffer.wrap(config, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * {@code strcmp(expected, field) == 0} for a char array of {@code length} bytes at {@code offset}: the
     * field must hold exactly the expected characters followed by a NUL within the array.
     */
    static boolean cStringEquals(byte[] field, int offset, int length, String expected) {
        byte[] e = InferenceServices.ascii(expected);
        if (e.length >= length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < e.length; i++) {
            diff |= field[offset + i] ^ e[i];
        }
        return diff == 0 && field[offset + e.length] == 0;
    }

    /** The C string in a char array for log messages: up to the first NUL, non-printable bytes as '?'. */
    static String printable(byte[] field, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = offset; i < offset + length && field[i] != 0; i++) {
            int c = field[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }
}

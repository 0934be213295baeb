package io.github.cai4j.huk.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM as Mbed TLS's {@code mbedtls_pem_write_buffer} writes it: the header line, base64 in lines of 64
 * characters, the footer line, each ending with a newline.
 */
public final class Pem {
    private static final int LINE = 64;

    private Pem() {
    }

    /** The lines, without their newlines. */
    public static List<String> lines(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        List<String> lines = new ArrayList<>();
        lines.add("-----BEGIN " + label + "-----");
        for (int i = 0; i < b64.length(); i += LINE) {
            lines.add(b64.substring(i, Math.min(b64.length(), i + LINE)));
        }
        lines.add("-----END " + label + "-----");
        return lines;
    }

    /** The text, every line (the last included) ending with {@code \n}. */
    public static String text(String label, byte[] der) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines(label, der)) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}

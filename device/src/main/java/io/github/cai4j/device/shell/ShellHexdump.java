package io.github.cai4j.device.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zephyr's {@code shell_hexdump}: lines of {@code %08X: } and 16 bytes as {@code %02x } with an extra
 * space after eight, padded for a short last line, then {@code |ascii|} with {@code .} for non-printable
 * bytes and a space after eight characters.
 */
public final class ShellHexdump {
    private static final int PER_LINE = 16;

    private ShellHexdump() {
    }

    /** The dump of {@code data}, one string per line. */
    public static List<String> lines(byte[] data) {
        List<String> out = new ArrayList<>();
        for (int off = 0; off < data.length; off += PER_LINE) {
            int n = Math.min(PER_LINE, data.length - off);
            StringBuilder sb = new StringBuilder(80);
            sb.append(String.format(Locale.ROOT, "%08X: ", off));
            for (int i = 0; i < PER_LINE; i++) {
                if (i < n) {
                    sb.append(String.format(Locale.ROOT, "%02x ", data[off + i] & 0xff));
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append('|');
            for (int i = 0; i < PER_LINE; i++) {
                if (i < n) {
                    int c = data[off + i] & 0xff;
                    sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    sb.append(' ');
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append('|');
            out.add(sb.toString());
        }
        return out;
    }
}

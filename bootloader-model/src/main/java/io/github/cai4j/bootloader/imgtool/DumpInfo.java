package io.github.cai4j.bootloader.imgtool;

import io.github.cai4j.bootloader.boot.SlotTrailer;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageHeader;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.Tlv;
import io.github.cai4j.bootloader.image.TlvType;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code imgtool dumpinfo}: header, TLV areas and (for a slot-padded image) the trailer, as JSON with the
 * same fields, order and formatting as imgtool's {@code -f json} ({@code json.dump(indent=2)}).
 */
public final class DumpInfo {
    private DumpInfo() {
    }

    /** The JSON text for {@code file} (whose base name is {@code fileName}), without a final newline. */
    public static String json(String fileName, byte[] file) throws ImageException {
        McubootImage img = McubootImage.parse(file);
        ImageHeader h = img.header();
        Json j = new Json();
        j.open('{');
        j.key("filename").string(fileName).comma();
        j.key("header").open('{');
        j.key("magic").number(h.magic()).comma();
        j.key("load_addr").number(h.loadAddress()).comma();
        j.key("hdr_size").number(h.headerSize()).comma();
        j.key("protected_tlv_size").number(h.protectedTlvSize()).comma();
        j.key("img_size").number(h.imageSize()).comma();
        j.key("flags").number(h.flags() & 0xffffffffL).comma();
        j.key("version").string(h.version().toString());
        j.close('}').comma();
        j.key("tlv_area").open('{');
        j.key("tlv_hdr_prot");
        if (h.protectedTlvSize() != 0) {
            j.open('{').key("magic").number(McubootImage.TLV_PROT_INFO_MAGIC).comma()
                    .key("tlv_tot").number(h.protectedTlvSize()).close('}');
        } else {
            j.raw("{}");
        }
        j.comma();
        j.key("tlvs_prot");
        tlvList(j, img.protectedTlvs());
        j.comma();
        j.key("tlv_hdr").open('{').key("magic").number(McubootImage.TLV_INFO_MAGIC).comma()
                .key("tlv_tot").number(img.unprotectedTotal()).close('}').comma();
        j.key("tlvs");
        tlvList(j, img.tlvs());
        j.close('}').comma();
        j.key("trailer");
        trailer(j, file, img);
        j.close('}');
        return j.toString();
    }

    /** imgtool's human-readable {@code dumpinfo} text (its default format). */
    public static String human(String fileName, byte[] file) throws ImageException {
        McubootImage img = McubootImage.parse(file);
        ImageHeader h = img.header();
        StringBuilder sb = new StringBuilder();
        sb.append("Printing content of signed image: ").append(fileName).append(" \n\n");
        sb.append(row("Image header (offset: 0x0)")).append('\n');
        field(sb, "magic", hex(h.magic()));
        field(sb, "load_addr", hex(h.loadAddress()));
        field(sb, "hdr_size", hex(h.headerSize()));
        field(sb, "protected_tlv_size", hex(h.protectedTlvSize()));
        field(sb, "img_size", hex(h.imageSize()));
        field(sb, "flags", flags(h.flags()));
        field(sb, "version", h.version().toString());
        sb.append("#".repeat(LINE)).append('\n');
        sb.append(frame("Payload (offset: " + hex(h.headerSize()) + ")",
                "FW image (size: " + hex(h.imageSize()) + " Bytes)")).append('\n');
        long off = h.headerSize() + h.imageSize();
        if (h.protectedTlvSize() != 0) {
            sb.append(row("Protected TLV area (offset: " + hex(off) + ")")).append('\n');
            sb.append("magic:     ").append(hex(McubootImage.TLV_PROT_INFO_MAGIC)).append('\n');
            sb.append("area size: ").append(hex(h.protectedTlvSize())).append('\n');
            sb.append(records(img.protectedTlvs())).append('\n');
            sb.append("#".repeat(LINE)).append('\n');
        }
        off += h.protectedTlvSize();
        sb.append(row("TLV area (offset: " + hex(off) + ")")).append('\n');
        sb.append("magic:     ").append(hex(McubootImage.TLV_INFO_MAGIC)).append('\n');
        sb.append("area size: ").append(hex(img.unprotectedTotal())).append('\n');
        sb.append(records(img.tlvs())).append('\n');
        sb.append("#".repeat(LINE)).append('\n');
        if (file.length - img.size() > 0 && file.length >= 16) {
            byte[] magic = java.util.Arrays.copyOfRange(file, file.length - 16, file.length);
            Integer maxAlign = SlotTrailer.maxAlignOfMagic(magic);
            sb.append(row("Image trailer (offset: unknown)")).append('\n');
            sb.append("(Note: some fields may not be used, depending on the update\n strategy)\n\n");
            sb.append("swap status: (len: unknown)\n");
            sb.append("enc. keys:   ").append(maxAlign != null && img.header().encrypted()
                    ? "(len: " + hex(SignOptions.alignUp(16, maxAlign) * 2L) + ", if BOOT_SWAP_SAVE_ENCTLV is unset)"
                    : "Image not encrypted").append('\n');
            if (maxAlign != null) {
                int o = file.length - 16 - (maxAlign > 16 ? maxAlign - 16 : 0) - maxAlign;
                int imageOk = file[o] & 0xff;
                int copyDone = file[o - maxAlign] & 0xff;
                int swapInfo = file[o - 2 * maxAlign] & 0xff;
                int so = o - 3 * maxAlign;
                long swapSize = (file[so] & 0xffL) | (file[so + 1] & 0xffL) << 8 | (file[so + 2] & 0xffL) << 16
                        | (file[so + 3] & 0xffL) << 24;
                sb.append("swap size:   ").append(swapSize == 0xffffffffL ? "unknown"
                        : hex(swapSize) + " octal: " + swapSize).append('\n');
                sb.append("swap_info:   ").append(status(swapInfo)).append('\n');
                sb.append("copy_done:   ").append(status(copyDone)).append('\n');
                sb.append("image_ok:    ").append(status(imageOk)).append('\n');
            }
            sb.append("boot magic:  ");
            for (int i = 0; i < 16; i++) {
                sb.append(String.format(Locale.ROOT, "0x%02x ", magic[i] & 0xff));
                if (i == 7) {
                    sb.append('\n').append(" ".repeat(13));
                }
            }
            sb.append("\n\n");
        }
        sb.append(row("End of Image")).append('\n');
        return sb.toString();
    }

    private static final int LINE = 60;

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String row(String text) {
        String r = "#### " + text + " ";
        return r + "#".repeat(Math.max(0, LINE - r.length()));
    }

    private static String frame(String header, String content) {
        String h = "#### " + header + " ";
        StringBuilder sb = new StringBuilder(h).append("#".repeat(Math.max(0, LINE - h.length()))).append('\n');
        sb.append('|').append(" ".repeat(LINE - 2)).append("|\n");
        int offset = (LINE - content.length()) / 2;
        String pre = "|" + " ".repeat(Math.max(0, offset - 1));
        sb.append(pre).append(content).append(" ".repeat(Math.max(0, LINE - pre.length() - content.length() - 1)))
                .append("|\n");
        sb.append('|').append(" ".repeat(LINE - 2)).append("|\n");
        sb.append("#".repeat(LINE));
        return sb.toString();
    }

    private static void field(StringBuilder sb, String key, String value) {
        sb.append(key).append(':').append(" ".repeat(19 - key.length())).append(value).append('\n');
    }

    private static final String[] FLAG_NAMES = {"PIC", "ENCRYPTED_AES128", "ENCRYPTED_AES256", "NON_BOOTABLE",
        "RAM_LOAD", "ROM_FIXED", "COMPRESSED_LZMA1", "COMPRESSED_LZMA2", "COMPRESSED_ARM_THUMB"};
    private static final int[] FLAG_VALUES = {0x1, 0x4, 0x8, 0x10, 0x20, 0x100, 0x200, 0x400, 0x800};

    private static String flags(int flags) {
        if (flags == 0) {
            return "0x0";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & FLAG_VALUES[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append('\n').append(" ".repeat(20));
                }
                sb.append(FLAG_NAMES[i]).append(" (").append(hex(FLAG_VALUES[i])).append(')');
            }
        }
        return sb.toString();
    }

    private static String status(int v) {
        return switch (v) {
            case 1 -> "SET (0x1)";
            case 2 -> "BAD (0x2)";
            case 3 -> "UNSET (0x3)";
            case 4 -> "ANY (0x4)";
            default -> "INVALID (" + hex(v) + ")";
        };
    }

    private static String records(List<Tlv> tlvs) {
        int indent = LINE / 8;
        StringBuilder sb = new StringBuilder();
        for (Tlv t : tlvs) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(" ".repeat(indent)).append(' ').append("-".repeat(45)).append('\n');
            sb.append(" ".repeat(indent)).append(" type: ").append(TlvType.name(t.type())).append(" (")
                    .append(hex(t.type())).append(")\n");
            sb.append(" ".repeat(indent)).append(" len:  ").append(hex(t.length())).append('\n');
            StringBuilder line = new StringBuilder(" ".repeat(indent)).append(" data: ");
            byte[] v = t.value();
            for (int j = 0; j < v.length; j++) {
                line.append(String.format(Locale.ROOT, "0x%02x ", v[j] & 0xff));
                if ((j + 1) % 8 == 0 && j + 1 != v.length) {
                    sb.append(line).append('\n');
                    line = new StringBuilder(" ".repeat(indent + 7));
                }
            }
            sb.append(line);
        }
        return sb.toString();
    }

    private static void trailer(Json j, byte[] file, McubootImage img) {
        if (file.length - img.size() <= 0 || file.length < 16) {
            j.raw("{}");
            return;
        }
        byte[] magic = java.util.Arrays.copyOfRange(file, file.length - 16, file.length);
        Integer maxAlign = SlotTrailer.maxAlignOfMagic(magic);
        j.open('{');
        j.key("magic").string(HexFormat.of().formatHex(magic));
        if (maxAlign != null) {
            int off = file.length - 16;
            if (maxAlign > 16) {
                off -= maxAlign - 16;
            }
            off -= maxAlign;
            j.comma().key("image_ok").number(file[off] & 0xff);
            off -= maxAlign;
            j.comma().key("copy_done").number(file[off] & 0xff);
            off -= maxAlign;
            j.comma().key("swap_info").number(file[off] & 0xff);
            off -= maxAlign;
            long swapSize = (file[off] & 0xffL) | (file[off + 1] & 0xffL) << 8 | (file[off + 2] & 0xffL) << 16
                    | (file[off + 3] & 0xffL) << 24;
            j.comma().key("swap_size").number(swapSize);
            if (img.header().encrypted()) {
                j.comma().key("key_field_len").number(SignOptions.alignUp(16, maxAlign) * 2L);
            }
        }
        j.close('}');
    }

    private static void tlvList(Json j, List<Tlv> tlvs) {
        if (tlvs.isEmpty()) {
            j.raw("[]");
            return;
        }
        j.open('[');
        boolean first = true;
        for (Tlv t : tlvs) {
            if (!first) {
                j.comma();
            }
            first = false;
            j.indent();
            j.open('{');
            j.key("type").number(t.type()).comma();
            j.key("type_name").string(TlvType.name(t.type())).comma();
            j.key("len").number(t.length()).comma();
            j.key("data").string(HexFormat.of().formatHex(t.value()));
            j.close('}');
        }
        j.close(']');
    }

    /** A minimal writer producing Python's {@code json.dump(..., indent=2)} layout. */
    private static final class Json {
        private final StringBuilder sb = new StringBuilder();
        private int depth;
        private boolean pendingIndent;

        Json open(char c) {
            flushIndent();
            sb.append(c);
            depth++;
            pendingIndent = true;
            return this;
        }

        Json close(char c) {
            depth--;
            sb.append('\n');
            sb.append("  ".repeat(depth));
            sb.append(c);
            pendingIndent = false;
            return this;
        }

        Json comma() {
            sb.append(',');
            pendingIndent = true;
            return this;
        }

        void indent() {
            flushIndent();
        }

        private void flushIndent() {
            if (pendingIndent) {
                sb.append('\n').append("  ".repeat(depth));
                pendingIndent = false;
            }
        }

        Json key(String k) {
            flushIndent();
            appendString(k);
            sb.append(": ");
            return this;
        }

        Json string(String s) {
            appendString(s);
            return this;
        }

        Json number(long n) {
            sb.append(n);
            return this;
        }

        Json raw(String s) {
            sb.append(s);
            return this;
        }

        private void appendString(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}

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

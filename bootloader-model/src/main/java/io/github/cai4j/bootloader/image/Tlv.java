package io.github.cai4j.bootloader.image;

import java.util.HexFormat;

/**
 * One TLV record. {@code offset} is where its 4-byte header sits in the image (informational; a TLV built
 * for writing has offset -1).
 */
public record Tlv(int type, byte[] value, int offset) {

    public Tlv {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("TLV type out of range: " + type);
        }
        if (value.length > 0xffff) {
            throw new IllegalArgumentException("TLV value longer than 65535 bytes");
        }
        value = value.clone();
    }

    /** A TLV to be written. */
    public static Tlv of(int type, byte[] value) {
        return new Tlv(type, value, -1);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Size on flash: 4-byte header + value. */
    public int encodedSize() {
        return 4 + value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.type == type && t.offset == offset
                && java.security.MessageDigest.isEqual(t.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return TlvType.describe(type) + " len " + value.length + ": " + HexFormat.of().formatHex(value);
    }
}

package io.github.cai4j.bootloader.image;

/**
 * The 32-byte {@code struct image_header} ({@code spec/mcuboot-psa.md} A1), little-endian.
 *
 * @param magic            {@code ih_magic} (u32)
 * @param loadAddress      {@code ih_load_addr} (u32)
 * @param headerSize       {@code ih_hdr_size}: offset of the payload
 * @param protectedTlvSize {@code ih_protect_tlv_size}: protected TLV area incl. its info header, 0 if none
 * @param imageSize        {@code ih_img_size}: payload size
 * @param flags            {@code IMAGE_F_*}
 * @param version          {@code ih_ver}
 */
public record ImageHeader(long magic, long loadAddress, int headerSize, int protectedTlvSize, long imageSize,
                          int flags, ImageVersion version) {

    public static final int SIZE = 32;
    public static final long IMAGE_MAGIC = 0x96f3b83dL;
    public static final long IMAGE_MAGIC_V1 = 0x96f3b83cL;
    public static final long IMAGE_MAGIC_NONE = 0xffffffffL;

    public static final int F_PIC = 0x1;
    public static final int F_ENCRYPTED_AES128 = 0x4;
    public static final int F_ENCRYPTED_AES256 = 0x8;
    public static final int F_NON_BOOTABLE = 0x10;
    public static final int F_RAM_LOAD = 0x20;
    public static final int F_ROM_FIXED = 0x100;
    public static final int F_COMPRESSED_LZMA1 = 0x200;
    public static final int F_COMPRESSED_LZMA2 = 0x400;
    public static final int F_COMPRESSED_ARM_THUMB_FLT = 0x800;

    /** Decodes the header at the start of {@code image}; checks only that 32 bytes are there. */
    public static ImageHeader decode(byte[] image) throws ImageException {
        if (image.length < SIZE) {
            throw new ImageException("truncated image header: " + image.length + " of 32 bytes", image.length);
        }
        return new ImageHeader(Le.u32(image, 0), Le.u32(image, 4), Le.u16(image, 8), Le.u16(image, 10),
                Le.u32(image, 12), (int) Le.u32(image, 16),
                new ImageVersion(image[20] & 0xff, image[21] & 0xff, Le.u16(image, 22), Le.u32(image, 24)));
    }

    /** The 32 header bytes ({@code _pad1} = 0). */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        Le.put32(b, 0, magic);
        Le.put32(b, 4, loadAddress);
        Le.put16(b, 8, headerSize);
        Le.put16(b, 10, protectedTlvSize);
        Le.put32(b, 12, imageSize);
        Le.put32(b, 16, flags & 0xffffffffL);
        b[20] = (byte) version.major();
        b[21] = (byte) version.minor();
        Le.put16(b, 22, version.revision());
        Le.put32(b, 24, version.build());
        return b;
    }

    /** {@code true} if the payload is (or was) AES-CTR encrypted (either key length). */
    public boolean encrypted() {
        return (flags & (F_ENCRYPTED_AES128 | F_ENCRYPTED_AES256)) != 0;
    }

    /** AES key length in bytes for an encrypted image (32 with {@link #F_ENCRYPTED_AES256}, else 16). */
    public int aesKeyLength() {
        return (flags & F_ENCRYPTED_AES256) != 0 ? 32 : 16;
    }
}

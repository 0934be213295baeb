package io.github.cai4j.bootloader.image;

/**
 * A DEPENDENCY TLV (0x40, 12 bytes: u8 image_id, 3 pad bytes, image_version): this image needs image
 * {@code imageId} at {@code minimumVersion} or newer.
 */
public record Dependency(int imageId, ImageVersion minimumVersion) {
    public static final int ENCODED_SIZE = 12;

    public Dependency {
        if (imageId < 0 || imageId > 0xff) {
            throw new IllegalArgumentException("dependency image id out of range: " + imageId);
        }
    }

    public byte[] encode() {
        byte[] b = new byte[ENCODED_SIZE];
        b[0] = (byte) imageId;
        b[4] = (byte) minimumVersion.major();
        b[5] = (byte) minimumVersion.minor();
        Le.put16(b, 6, minimumVersion.revision());
        Le.put32(b, 8, minimumVersion.build());
        return b;
    }

    static Dependency decode(byte[] v, int offset) throws ImageException {
        if (v.length != ENCODED_SIZE) {
            throw new ImageException("DEPENDENCY TLV has length " + v.length + ", expected 12", offset);
        }
        return new Dependency(v[0] & 0xff,
                new ImageVersion(v[4] & 0xff, v[5] & 0xff, Le.u16(v, 6), Le.u32(v, 8)));
    }
}

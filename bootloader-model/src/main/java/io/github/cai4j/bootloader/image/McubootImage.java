package io.github.cai4j.bootloader.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed MCUboot image: header, payload, protected and unprotected TLV areas
 * ({@code spec/mcuboot-psa.md} A1). Parsing checks every length against the available bytes, so any
 * malformed input ends in an {@link ImageException} naming the offset. Immutable.
 */
public final class McubootImage {
    public static final int TLV_INFO_MAGIC = 0x6907;
    public static final int TLV_PROT_INFO_MAGIC = 0x6908;
    public static final int TLV_INFO_SIZE = 4;

    private final byte[] bytes;
    private final ImageHeader header;
    private final List<Tlv> protectedTlvs;
    private final List<Tlv> tlvs;
    private final int unprotectedInfoOffset;
    private final int unprotectedTotal;

    private McubootImage(byte[] bytes, ImageHeader header, List<Tlv> protectedTlvs, List<Tlv> tlvs,
                         int unprotectedInfoOffset, int unprotectedTotal) {
        this.bytes = bytes;
        this.header = header;
        this.protectedTlvs = protectedTlvs;
        this.tlvs = tlvs;
        this.unprotectedInfoOffset = unprotectedInfoOffset;
        this.unprotectedTotal = unprotectedTotal;
    }

    /**
     * Parses the image at the start of {@code data}. Bytes after the unprotected TLV area (slot padding,
     * trailer) are ignored. The magic must be {@link ImageHeader#IMAGE_MAGIC}.
     */
    public static McubootImage parse(byte[] data) throws ImageException {
        ImageHeader h = ImageHeader.decode(data);
        if (h.magic() != ImageHeader.IMAGE_MAGIC) {
            throw new ImageException(String.format(java.util.Locale.ROOT,
                    "wrong image magic 0x%08x, expected 0x96f3b83d", h.magic()), 0);
        }
        if (h.headerSize() < ImageHeader.SIZE) {
            throw new ImageException("header size " + h.headerSize() + " is below 32", 8);
        }
        if (h.headerSize() > data.length) {
            throw new ImageException("header size " + h.headerSize() + " runs past the end of the "
                    + data.length + "-byte image", 8);
        }
        long payloadEnd = h.headerSize() + h.imageSize();
        if (payloadEnd > data.length) {
            throw new ImageException("payload of " + h.imageSize() + " bytes runs past the end of the "
                    + data.length + "-byte image", 12);
        }
        int off = (int) payloadEnd;
        List<Tlv> prot = List.of();
        if (h.protectedTlvSize() != 0) {
            int magic = infoMagic(data, off);
            if (magic != TLV_PROT_INFO_MAGIC) {
                throw new ImageException(String.format(java.util.Locale.ROOT,
                        "protected TLV area expected (ih_protect_tlv_size %d) but info magic is 0x%04x",
                        h.protectedTlvSize(), magic), off);
            }
            int tot = Le.u16(data, off + 2);
            if (tot != h.protectedTlvSize()) {
                throw new ImageException("protected TLV area size " + tot + " differs from ih_protect_tlv_size "
                        + h.protectedTlvSize(), off + 2);
            }
            prot = readArea(data, off, tot, "protected");
            off += tot;
        } else if (off + TLV_INFO_SIZE <= data.length && Le.u16(data, off) == TLV_PROT_INFO_MAGIC) {
            throw new ImageException("protected TLV area present but ih_protect_tlv_size is 0", off);
        }
        int magic = infoMagic(data, off);
        if (magic != TLV_INFO_MAGIC) {
            throw new ImageException(String.format(java.util.Locale.ROOT,
                    "wrong TLV info magic 0x%04x, expected 0x6907", magic), off);
        }
        int tot = Le.u16(data, off + 2);
        List<Tlv> unprot = readArea(data, off, tot, "unprotected");
        int end = off + tot;
        return new McubootImage(Arrays.copyOf(data, end), h, prot, unprot, off, tot);
    }

    private static int infoMagic(byte[] data, int off) throws ImageException {
        if (off + TLV_INFO_SIZE > data.length) {
            throw new ImageException("truncated image: TLV info header missing", off);
        }
        return Le.u16(data, off);
    }

    private static List<Tlv> readArea(byte[] data, int start, int total, String what) throws ImageException {
        if (total < TLV_INFO_SIZE) {
            throw new ImageException(what + " TLV area size " + total + " is smaller than its info header",
                    start + 2);
        }
        long end = (long) start + total;
        if (end > data.length) {
            throw new ImageException(what + " TLV area of " + total + " bytes runs past the end of the "
                    + data.length + "-byte image", start + 2);
        }
        List<Tlv> out = new ArrayList<>();
        int p = start + TLV_INFO_SIZE;
        while (p < end) {
            if (p + 4 > end) {
                throw new ImageException("truncated TLV header in the " + what + " area", p);
            }
            int type = Le.u16(data, p);
            int len = Le.u16(data, p + 2);
            if ((long) p + 4 + len > end) {
                throw new ImageException("TLV " + TlvType.describe(type) + " of length " + len + " runs past the end of the "
                        + what + " TLV area (overlapping TLVs)", p + 2);
            }
            out.add(new Tlv(type, Arrays.copyOfRange(data, p + 4, p + 4 + len), p));
            p += 4 + len;
        }
        return Collections.unmodifiableList(out);
    }

    public ImageHeader header() {
        return header;
    }

    /** The image bytes: header, payload and both TLV areas (no slot padding or trailer). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Total size: end of the unprotected TLV area. */
    public int size() {
        return bytes.length;
    }

    /** The payload bytes as stored (ciphertext for an encrypted image). */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, header.headerSize(), payloadEnd());
    }

    /** Offset of the first TLV area (end of the payload). */
    public int payloadEnd() {
        return (int) (header.headerSize() + header.imageSize());
    }

    /** The region the digest and signatures cover: header, payload, protected TLV area. */
    public byte[] hashRegion() {
        return Arrays.copyOf(bytes, hashRegionSize());
    }

    public int hashRegionSize() {
        return payloadEnd() + header.protectedTlvSize();
    }

    /** Digest of the hash region as stored, with {@code algorithm} ("SHA-256", "SHA-384", "SHA-512"). */
    public byte[] computeDigest(String algorithm) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(bytes, 0, hashRegionSize());
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** SHA-256 of the hash region as stored. */
    public byte[] computeSha256() {
        return computeDigest("SHA-256");
    }

    public List<Tlv> protectedTlvs() {
        return protectedTlvs;
    }

    public List<Tlv> tlvs() {
        return tlvs;
    }

    /** Offset of the unprotected TLV info header. */
    public int unprotectedInfoOffset() {
        return unprotectedInfoOffset;
    }

    /** {@code it_tlv_tot} of the unprotected area. */
    public int unprotectedTotal() {
        return unprotectedTotal;
    }

    /** First protected TLV of this type. */
    public Optional<Tlv> findProtected(int type) {
        return protectedTlvs.stream().filter(t -> t.type() == type).findFirst();
    }

    /** First unprotected TLV of this type. */
    public Optional<Tlv> findUnprotected(int type) {
        return tlvs.stream().filter(t -> t.type() == type).findFirst();
    }

    /** The SEC_CNT TLV (protected area only, as bootutil reads it). */
    public Optional<Long> securityCounter() throws ImageException {
        Optional<Tlv> t = findProtected(TlvType.SEC_CNT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.get().length() != 4) {
            throw new ImageException("SEC_CNT TLV has length " + t.get().length() + ", expected 4",
                    t.get().offset() + 2);
        }
        return Optional.of(Le.u32(t.get().value(), 0));
    }

    /** The DEPENDENCY TLVs of the protected area, in order. */
    public List<Dependency> dependencies() throws ImageException {
        List<Dependency> out = new ArrayList<>();
        for (Tlv t : protectedTlvs) {
            if (t.type() == TlvType.DEPENDENCY) {
                out.add(Dependency.decode(t.value(), t.offset()));
            }
        }
        return out;
    }

    /** The BOOT_RECORD TLV of the protected area, decoded. */
    public Optional<BootRecord> bootRecord() throws ImageException {
        Optional<Tlv> t = findProtected(TlvType.BOOT_RECORD);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BootRecord.decode(t.get().value(), t.get().offset()));
    }

    /** A protected UUID TLV (UUID_VID or UUID_CID), 16 bytes. */
    public Optional<java.util.UUID> uuid(int type) throws ImageException {
        Optional<Tlv> t = findProtected(type);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        byte[] v = t.get().value();
        if (v.length != 16) {
            throw new ImageException(TlvType.describe(type) + " TLV has length " + v.length + ", expected 16",
                    t.get().offset() + 2);
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(v);
        return Optional.of(new java.util.UUID(bb.getLong(), bb.getLong()));
    }

    /**
     * The same image with the payload replaced (same length), e.g. after decryption. Header and TLVs are
     * unchanged.
     */
    public McubootImage withPayload(byte[] newPayload) {
        if (newPayload.length != header.imageSize()) {
            throw new IllegalArgumentException("payload must be " + header.imageSize() + " bytes");
        }
        byte[] b = bytes.clone();
        System.arraycopy(newPayload, 0, b, header.headerSize(), newPayload.length);
        return new McubootImage(b, header, protectedTlvs, tlvs, unprotectedInfoOffset, unprotectedTotal);
    }

    @Override
    public String toString() {
        return "McubootImage[version " + header.version() + ", " + header.imageSize() + "-byte payload, "
                + protectedTlvs.size() + " protected + " + tlvs.size() + " TLVs]";
    }
}

package io.github.cai4j.bootloader.imgtool;

import io.github.cai4j.bootloader.image.BootRecord;
import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageEncryption;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageHeader;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.SignatureAlgorithm;
import io.github.cai4j.bootloader.image.Tlv;
import io.github.cai4j.bootloader.image.TlvType;
import io.github.cai4j.bootloader.image.TrustedKey;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds signed images with imgtool's layout, byte for byte ({@code imgtool sign}, {@code spec/mcuboot-psa.md}
 * A1/A2/A4): optional header padding, payload (zero-padded to 16 bytes when encrypting), protected TLVs
 * (SEC_CNT, BOOT_RECORD, DEPENDENCY..., custom), then SHA256, KEYHASH or PUBKEY, the signature and the
 * encryption key TLV; optional slot padding with trailer magic and {@code image_ok}.
 *
 * <p>Signing happens in one step through an {@link ImageSigningKey}, or in imgtool's two steps:
 * {@link #vectorToSign} exports the payload or digest, {@link #signWithFixedSignature} inserts a signature
 * made elsewhere.
 */
public final class ImageSigner {
    /** {@code --vector-to-sign}. */
    public enum Vector { PAYLOAD, DIGEST }

    private final SecureRandom random;

    public ImageSigner(SecureRandom random) {
        this.random = random;
    }

    public ImageSigner() {
        this(new SecureRandom());
    }

    /** Signs {@code input} with {@code key} (null = an unsigned image with only the SHA256 TLV). */
    public byte[] sign(byte[] input, SignOptions options, ImageSigningKey key) throws ImageException {
        PublicKey pub = key == null ? null : key.publicKey();
        return build(input, options, pub, (region, digest) -> key.sign(region, digest), null);
    }

    /** {@code --vector-to-sign}: the bytes an external signer must sign (the hash region or its digest). */
    public byte[] vectorToSign(byte[] input, SignOptions options, PublicKey publicKey, Vector vector)
            throws ImageException {
        return build(input, options, publicKey, null, vector);
    }

    /**
     * {@code --fix-sig} with {@code --fix-sig-pubkey}: an image carrying a signature made elsewhere over
     * {@link #vectorToSign} (checked against the public key before it is accepted).
     */
    public byte[] signWithFixedSignature(byte[] input, SignOptions options, PublicKey publicKey, byte[] signature)
            throws ImageException {
        TrustedKey tk = TrustedKey.of(publicKey);
        return build(input, options, publicKey, (region, digest) -> {
            if (!io.github.cai4j.bootloader.image.ImageVerifier.verify(
                    McubootImage.parse(probe(region, tk, signature, digest)),
                    io.github.cai4j.bootloader.image.KeyTable.of(tk)).valid()) {
                throw new GeneralSecurityException("the fixed signature does not verify with the given public key");
            }
            return signature;
        }, null);
    }

    private static byte[] probe(byte[] region, TrustedKey tk, byte[] sig, byte[] digest) {
        List<Tlv> tlvs = List.of(Tlv.of(TlvType.SHA256, digest), Tlv.of(TlvType.KEYHASH, tk.keyHash()),
                Tlv.of(tk.algorithm().tlvType(), sig));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(region);
        out.writeBytes(area(McubootImage.TLV_INFO_MAGIC, tlvs));
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface SignatureSource {
        byte[] sign(byte[] region, byte[] digest) throws GeneralSecurityException, ImageException;
    }

    private byte[] build(byte[] input, SignOptions o, PublicKey pub, SignatureSource signer, Vector stopAt)
            throws ImageException {
        int hdr = o.headerSize();
        byte[] payload;
        if (o.padHeader()) {
            payload = new byte[hdr + input.length];
            Arrays.fill(payload, 0, hdr, o.erasedValue());
            System.arraycopy(input, 0, payload, hdr, input.length);
        } else {
            if (input.length < hdr) {
                throw new ImageException("input of " + input.length + " bytes is shorter than the header size "
                        + hdr, input.length);
            }
            for (int i = 0; i < hdr; i++) {
                if (input[i] != 0) {
                    throw new ImageException(
                            "Header padding was not requested and image does not start with zeros", i);
                }
            }
            payload = input.clone();
        }
        boolean encrypt = o.encryptionKey().isPresent();
        if (encrypt && payload.length % 16 != 0) {
            payload = Arrays.copyOf(payload, payload.length + 16 - payload.length % 16);
        }
        SignatureAlgorithm alg = pub == null ? null : SignatureAlgorithm.forKey(pub);
        TrustedKey tk = pub == null ? null : TrustedKey.of(pub);
        byte[] signerId = tk == null ? new byte[32] : tk.keyHash();

        List<Tlv> prot = new ArrayList<>();
        o.securityCounter().ifPresent(c -> {
            byte[] v = new byte[4];
            v[0] = (byte) (long) c;
            v[1] = (byte) (c >>> 8);
            v[2] = (byte) (c >>> 16);
            v[3] = (byte) (c >>> 24);
            prot.add(Tlv.of(TlvType.SEC_CNT, v));
        });
        if (o.bootRecord().isPresent()) {
            prot.add(Tlv.of(TlvType.BOOT_RECORD,
                    BootRecord.forSigning(o.bootRecord().get(), o.version(), signerId).encode()));
        }
        for (Dependency d : o.dependencies()) {
            prot.add(Tlv.of(TlvType.DEPENDENCY, d.encode()));
        }
        for (Map.Entry<Integer, byte[]> e : o.customTlvs().entrySet()) {
            prot.add(Tlv.of(e.getKey(), e.getValue()));
        }
        byte[] protArea = prot.isEmpty() ? new byte[0] : area(McubootImage.TLV_PROT_INFO_MAGIC, prot);
        if (protArea.length > 0xffff) {
            throw new ImageException("protected TLV area of " + protArea.length + " bytes exceeds 65535", -1);
        }
        int flags = 0;
        if (encrypt) {
            flags |= o.encryptKeyLength() == 256 ? ImageHeader.F_ENCRYPTED_AES256 : ImageHeader.F_ENCRYPTED_AES128;
        }
        if (o.loadAddress() != 0) {
            flags |= ImageHeader.F_RAM_LOAD;
        }
        ImageHeader header = new ImageHeader(ImageHeader.IMAGE_MAGIC, o.loadAddress(), hdr, protArea.length,
                payload.length - hdr, flags, o.version());
        System.arraycopy(header.encode(), 0, payload, 0, ImageHeader.SIZE);

        byte[] region = concat(payload, protArea);
        byte[] digest = sha256(region);
        if (stopAt == Vector.PAYLOAD) {
            return region;
        }
        if (stopAt == Vector.DIGEST) {
            return digest;
        }
        List<Tlv> tlvs = new ArrayList<>();
        tlvs.add(Tlv.of(TlvType.SHA256, digest));
        if (pub != null) {
            if (o.publicKeyFormat() == SignOptions.PublicKeyFormat.HASH) {
                tlvs.add(Tlv.of(TlvType.KEYHASH, tk.keyHash()));
            } else {
                tlvs.add(Tlv.of(TlvType.PUBKEY, tk.keyBytes()));
            }
            byte[] sig;
            try {
                sig = signer.sign(region, digest);
            } catch (GeneralSecurityException e) {
                throw new ImageException("signing failed: " + e.getMessage(), -1, e);
            }
            tlvs.add(Tlv.of(alg.tlvType(), sig));
        }
        int encTlvLength = 0;
        if (encrypt) {
            byte[] aesKey = new byte[o.encryptKeyLength() / 8];
            random.nextBytes(aesKey);
            try {
                byte[] enc = ImageEncryption.wrapKey(aesKey, o.encryptionKey().get(), random);
                encTlvLength = enc.length;
                tlvs.add(Tlv.of(TlvType.ENC_EC256, enc));
                if (!o.clear()) {
                    byte[] body = Arrays.copyOfRange(payload, hdr, payload.length);
                    byte[] ct = ImageEncryption.aesCtr(aesKey, 0, body);
                    System.arraycopy(ct, 0, payload, hdr, ct.length);
                }
            } finally {
                Arrays.fill(aesKey, (byte) 0);
            }
        }
        byte[] image = concat(concat(payload, protArea), area(McubootImage.TLV_INFO_MAGIC, tlvs));
        if (o.slotSize() > 0) {
            int tsize = o.trailerSize(encTlvLength);
            if (image.length + tsize > o.slotSize()) {
                throw new ImageException(String.format(Locale.ROOT,
                        "Image size (0x%x) + trailer (0x%x) exceeds requested size 0x%x", image.length, tsize,
                        o.slotSize()), -1);
            }
            if (o.pad()) {
                image = padToSlot(image, o, tsize);
            }
        }
        return image;
    }

    private static byte[] padToSlot(byte[] image, SignOptions o, int tsize) {
        byte[] out = new byte[o.slotSize()];
        Arrays.fill(out, o.erasedValue());
        System.arraycopy(image, 0, out, 0, image.length);
        byte[] magic = o.bootMagic();
        System.arraycopy(magic, 0, out, out.length - magic.length, magic.length);
        if (o.confirm() && !o.overwriteOnly()) {
            int magicAligned = SignOptions.alignUp(16, o.maxAlign());
            out[out.length - (magicAligned + o.maxAlign())] = 0x01;
        }
        return out;
    }

    static byte[] area(int magic, List<Tlv> tlvs) {
        int total = 4;
        for (Tlv t : tlvs) {
            total += t.encodedSize();
        }
        byte[] out = new byte[total];
        out[0] = (byte) magic;
        out[1] = (byte) (magic >>> 8);
        out[2] = (byte) total;
        out[3] = (byte) (total >>> 8);
        int p = 4;
        for (Tlv t : tlvs) {
            out[p] = (byte) t.type();
            out[p + 1] = (byte) (t.type() >>> 8);
            out[p + 2] = (byte) t.length();
            out[p + 3] = (byte) (t.length() >>> 8);
            byte[] v = t.value();
            System.arraycopy(v, 0, out, p + 4, v.length);
            p += t.encodedSize();
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

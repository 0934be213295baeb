package io.github.cai4j.bootloader.image;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECCurve;

/**
 * MCUboot image encryption ({@code spec/mcuboot-psa.md} A4): AES-CTR over the payload with the block
 * counter = payload offset / 16, and the per-image AES key carried in an ENC_EC256 TLV (ECIES-P256:
 * ephemeral point || HMAC-SHA256 tag || AES-CTR-encrypted key, with keys from HKDF-SHA256 info
 * "MCUBoot_ECIES_v1"). Tags are compared in constant time; key buffers are zeroed when done.
 */
public final class ImageEncryption {
    private static final byte[] INFO = "MCUBoot_ECIES_v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int POINT_LEN = 65;
    private static final int TAG_LEN = 32;

    private ImageEncryption() {
    }

    /**
     * AES-CTR (de)cryption of {@code data}, which sits at {@code payloadOffset} within the payload (any
     * offset: blocks are independent, as the swap resume needs).
     */
    public static byte[] aesCtr(byte[] aesKey, long payloadOffset, byte[] data) {
        try {
            long block = payloadOffset / 16;
            int skip = (int) (payloadOffset % 16);
            byte[] iv = new byte[16];
            iv[12] = (byte) (block >>> 24);
            iv[13] = (byte) (block >>> 16);
            iv[14] = (byte) (block >>> 8);
            iv[15] = (byte) block;
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
            byte[] in = new byte[skip + data.length];
            System.arraycopy(data, 0, in, skip, data.length);
            byte[] out = c.doFinal(in);
            return Arrays.copyOfRange(out, skip, out.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR unavailable: " + e.getMessage(), e);
        }
    }

    /** Recovers the AES key of an image from its ENC_EC256 TLV with the device's P-256 private key. */
    public static byte[] unwrapKey(McubootImage image, PrivateKey deviceKey) throws ImageException {
        Optional<Tlv> tlv = image.findUnprotected(TlvType.ENC_EC256);
        if (tlv.isEmpty()) {
            throw new ImageException("image has no ENC_EC256 TLV", image.unprotectedInfoOffset());
        }
        return unwrapKey(tlv.get().value(), image.header().aesKeyLength(), deviceKey, tlv.get().offset());
    }

    /** ECIES-P256 unwrap of a TLV value (113 or 129 bytes). */
    public static byte[] unwrapKey(byte[] tlvValue, int keyLength, PrivateKey deviceKey, int offset)
            throws ImageException {
        if (tlvValue.length != POINT_LEN + TAG_LEN + keyLength) {
            throw new ImageException("ENC_EC256 TLV has length " + tlvValue.length + ", expected "
                    + (POINT_LEN + TAG_LEN + keyLength), offset);
        }
        byte[] point = Arrays.copyOfRange(tlvValue, 0, POINT_LEN);
        byte[] tag = Arrays.copyOfRange(tlvValue, POINT_LEN, POINT_LEN + TAG_LEN);
        byte[] encKey = Arrays.copyOfRange(tlvValue, POINT_LEN + TAG_LEN, tlvValue.length);
        ECPublicKey ephemeral;
        try {
            ephemeral = decodePoint(point);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ImageException("ENC_EC256 ephemeral key is not a valid P-256 point", offset);
        }
        byte[] okm = derive(deviceKey, ephemeral, keyLength);
        try {
            byte[] macKey = Arrays.copyOfRange(okm, keyLength, keyLength + 32);
            byte[] expected = hmac(macKey, encKey);
            Arrays.fill(macKey, (byte) 0);
            if (!MessageDigest.isEqual(expected, tag)) {
                throw new ImageException("ENC_EC256 tag does not match: wrong device key or corrupted TLV", offset);
            }
            byte[] kek = Arrays.copyOf(okm, keyLength);
            byte[] key = aesCtr(kek, 0, encKey);
            Arrays.fill(kek, (byte) 0);
            return key;
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** ECIES-P256 wrap of an AES key for a device public key: the ENC_EC256 TLV value. */
    public static byte[] wrapKey(byte[] aesKey, ECPublicKey devicePublicKey, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair eph = g.generateKeyPair();
            byte[] okm = derive(eph.getPrivate(), devicePublicKey, aesKey.length);
            byte[] kek = Arrays.copyOf(okm, aesKey.length);
            byte[] macKey = Arrays.copyOfRange(okm, aesKey.length, aesKey.length + 32);
            byte[] encKey = aesCtr(kek, 0, aesKey);
            byte[] tag = hmac(macKey, encKey);
            Arrays.fill(okm, (byte) 0);
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
            byte[] out = new byte[POINT_LEN + TAG_LEN + encKey.length];
            System.arraycopy(encodePoint((ECPublicKey) eph.getPublic()), 0, out, 0, POINT_LEN);
            System.arraycopy(tag, 0, out, POINT_LEN, TAG_LEN);
            System.arraycopy(encKey, 0, out, POINT_LEN + TAG_LEN, encKey.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECIES-P256 unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The image with its payload decrypted (header flags and TLVs unchanged), so its digest can be checked.
     */
    public static McubootImage decrypt(McubootImage image, PrivateKey deviceKey) throws ImageException {
        if (!image.header().encrypted()) {
            throw new ImageException("image is not encrypted (flags 0x" + Integer.toHexString(image.header().flags())
                    + ")", 16);
        }
        byte[] key = unwrapKey(image, deviceKey);
        try {
            return image.withPayload(aesCtr(key, 0, image.payload()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] derive(PrivateKey priv, ECPublicKey pub, int keyLength) {
        byte[] shared;
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(priv);
            ka.doPhase(pub, true);
            shared = ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDH failed: " + e.getMessage(), e);
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, null, INFO));
        byte[] okm = new byte[keyLength + 32];
        hkdf.generateBytes(okm, 0, okm.length);
        Arrays.fill(shared, (byte) 0);
        return okm;
    }

    private static byte[] hmac(byte[] key, byte[] msg) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes an uncompressed P-256 point, checking it is on the curve and not the identity. */
    static ECPublicKey decodePoint(byte[] point) throws GeneralSecurityException {
        X9ECParameters x9 = CustomNamedCurves.getByName("P-256");
        ECCurve curve = x9.getCurve();
        if (point.length != POINT_LEN || point[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed point");
        }
        org.bouncycastle.math.ec.ECPoint p = curve.decodePoint(point).normalize();
        if (p.isInfinity() || !p.isValid()) {
            throw new IllegalArgumentException("point not on P-256");
        }
        ECParameterSpec spec = p256();
        ECPoint w = new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }

    static byte[] encodePoint(ECPublicKey key) {
        byte[] out = new byte[POINT_LEN];
        out[0] = 0x04;
        put(out, 1, key.getW().getAffineX());
        put(out, 33, key.getW().getAffineY());
        return out;
    }

    private static void put(byte[] out, int off, BigInteger v) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, off + 32 - len, len);
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec("secp256r1"));
        return ap.getParameterSpec(ECParameterSpec.class);
    }
}

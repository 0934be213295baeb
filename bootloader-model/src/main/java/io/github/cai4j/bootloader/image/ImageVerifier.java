package io.github.cai4j.bootloader.image;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks an image the way bootutil does ({@code bootutil_img_validate}, {@code spec/mcuboot-psa.md} A1):
 * the digest TLV must match the hash region; a signature counts only if a preceding KEYHASH or PUBKEY
 * named a key of the table of the signature's type; at least one signature must verify. The unprotected
 * area may hold only key, hash, signature and encryption-key TLVs (the TLV allow-list).
 *
 * <p>For an encrypted image the digest covers the plaintext: verify the image returned by
 * {@link ImageEncryption#decrypt}.
 */
public final class ImageVerifier {
    private ImageVerifier() {
    }

    /** Hash and signature check against {@code keys}. */
    public static VerificationResult verify(McubootImage image, KeyTable keys) {
        return check(image, keys, true);
    }

    /** Hash check only (imgtool {@code verify} without a key). */
    public static VerificationResult verifyHashOnly(McubootImage image) {
        return check(image, KeyTable.of(), false);
    }

    private static VerificationResult check(McubootImage image, KeyTable keys, boolean needSignature) {
        ImageVersion version = image.header().version();
        byte[] digest = new byte[0];
        boolean hashOk = false;
        boolean pure = image.findUnprotected(TlvType.SIG_PURE).isPresent();
        TrustedKey current = null;
        Optional<TrustedKey> signer = Optional.empty();
        String why = "no signature TLV";
        for (Tlv t : image.tlvs()) {
            int type = t.type();
            if (!TlvType.allowedUnprotected(type)) {
                return new VerificationResult(VerificationResult.Outcome.BAD_TLV, "TLV " + TlvType.describe(type)
                        + " at offset 0x" + Integer.toHexString(t.offset()) + " is not allowed in the unprotected area",
                        digest, Optional.empty(), version);
            }
            if (TlvType.isHash(type)) {
                String alg = type == TlvType.SHA256 ? "SHA-256" : type == TlvType.SHA384 ? "SHA-384" : "SHA-512";
                byte[] computed = image.computeDigest(alg);
                if (t.length() != computed.length) {
                    return new VerificationResult(VerificationResult.Outcome.MISSING_HASH, TlvType.describe(type)
                            + " TLV has length " + t.length() + ", expected " + computed.length, computed,
                            Optional.empty(), version);
                }
                if (!MessageDigest.isEqual(computed, t.value())) {
                    return new VerificationResult(VerificationResult.Outcome.INVALID_HASH,
                            "image digest " + HexFormat.of().formatHex(computed) + " differs from the "
                                    + TlvType.name(type) + " TLV", computed, Optional.empty(), version);
                }
                digest = computed;
                hashOk = true;
            } else if (type == TlvType.KEYHASH) {
                current = keys.findByHash(t.value()).orElse(null);
                if (current == null) {
                    why = "KEYHASH " + HexFormat.of().formatHex(t.value()) + " names no key of the table";
                }
            } else if (type == TlvType.PUBKEY) {
                current = keys.findByKeyBytes(t.value()).orElse(null);
                if (current == null) {
                    why = "PUBKEY names no key of the table";
                }
            } else if (TlvType.isSignature(type) && signer.isEmpty()) {
                if (!hashOk && !pure) {
                    why = "signature TLV at offset 0x" + Integer.toHexString(t.offset()) + " precedes the hash TLV";
                } else if (current == null) {
                    if (why.equals("no signature TLV")) {
                        why = "signature TLV at offset 0x" + Integer.toHexString(t.offset())
                                + " is not preceded by a KEYHASH or PUBKEY of a known key";
                    }
                } else if (current.algorithm().tlvType() != type) {
                    why = "signature type " + TlvType.describe(type) + " does not match the "
                            + current.algorithm() + " key";
                } else {
                    if (verifySignature(current, t.value(), image, pure ? null : digest)) {
                        signer = Optional.of(current);
                    } else {
                        why = TlvType.name(type) + " signature does not verify with key "
                                + HexFormat.of().formatHex(current.keyHash());
                    }
                }
            }
        }
        if (!hashOk && !pure) {
            return new VerificationResult(VerificationResult.Outcome.MISSING_HASH, "image has no SHA256 TLV",
                    image.computeSha256(), Optional.empty(), version);
        }
        if (pure && !hashOk) {
            digest = image.computeSha256();
        }
        if (needSignature && signer.isEmpty()) {
            return new VerificationResult(VerificationResult.Outcome.INVALID_SIGNATURE, why, digest,
                    Optional.empty(), version);
        }
        return new VerificationResult(VerificationResult.Outcome.OK, "image is valid", digest, signer, version);
    }

    /**
     * Verifies one signature value. {@code hashRegion} is the signed region; {@code digestOrMessage} is what
     * Ed25519 and ECDSA sign (the digest, or the region for SIG_PURE).
     */

    /**
     * As above, reading the signed region from {@code image} only for the schemes that sign the region itself
     * (RSA-PSS, SIG_PURE), so a 1 MiB image is not copied for an ECDSA check. {@code digest} is null for SIG_PURE.
     */
    static boolean verifySignature(TrustedKey key, byte[] sig, McubootImage image, byte[] digest) {
        boolean rsa = key.algorithm() == SignatureAlgorithm.RSA2048_PSS
                || key.algorithm() == SignatureAlgorithm.RSA3072_PSS;
        if (rsa && digest != null && digest.length == 32) {
            // PSS over the SHA-256 already computed for the hash TLV, instead of hashing the region again
            return PssVerifier.verifyDigest((java.security.interfaces.RSAPublicKey) key.publicKey(), digest, sig);
        }
        byte[] region = digest == null || rsa ? image.hashRegion() : null;
        byte[] message = digest == null ? region : digest;
        return verifySignature(key, sig, region, message);
    }

    static boolean verifySignature(TrustedKey key, byte[] sig, byte[] hashRegion, byte[] digestOrMessage) {
        PublicKey pub = key.publicKey();
        try {
            Signature s;
            switch (key.algorithm()) {
                case ECDSA_P256 -> {
                    return P256Verifier.verify(key,
                            digestOrMessage.length == 32 ? digestOrMessage : TrustedKey.sha256(digestOrMessage), sig);
                }
                case RSA2048_PSS, RSA3072_PSS -> {
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(pssParameters());
                    s.initVerify(pub);
                    s.update(hashRegion);
                }
                case ED25519 -> {
                    s = Signature.getInstance("Ed25519");
                    s.initVerify(pub);
                    s.update(digestOrMessage);
                }
                default -> throw new IllegalStateException(key.algorithm().name());
            }
            return s.verify(sig);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signature scheme unavailable: " + e.getMessage(), e);
        }
    }

    /** RSA-PSS as MCUboot uses it: SHA-256, MGF1-SHA256, salt 32 bytes. */
    public static PSSParameterSpec pssParameters() {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    }
}

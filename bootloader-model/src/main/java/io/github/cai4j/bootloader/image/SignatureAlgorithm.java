package io.github.cai4j.bootloader.image;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** The image signature schemes MCUboot checks, with their TLV type ({@code spec/mcuboot-psa.md} A1). */
public enum SignatureAlgorithm {
    /** ECDSA P-256 with SHA-256, ASN.1 DER signature (TLV 0x22). */
    ECDSA_P256(TlvType.ECDSA_SIG),
    /** RSA-2048 PSS, MGF1-SHA256, salt 32 (TLV 0x20). */
    RSA2048_PSS(TlvType.RSA2048_PSS),
    /** RSA-3072 PSS, MGF1-SHA256, salt 32 (TLV 0x23, TF-M's default). */
    RSA3072_PSS(TlvType.RSA3072_PSS),
    /** Ed25519 over the SHA-256 digest of the hash region (TLV 0x24). */
    ED25519(TlvType.ED25519);

    private final int tlvType;

    SignatureAlgorithm(int tlvType) {
        this.tlvType = tlvType;
    }

    /** The signature TLV type. */
    public int tlvType() {
        return tlvType;
    }

    /** The scheme for a public key, or {@link IllegalArgumentException} if MCUboot has none for it. */
    public static SignatureAlgorithm forKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits == 2048) {
                return RSA2048_PSS;
            }
            if (bits == 3072) {
                return RSA3072_PSS;
            }
            throw new IllegalArgumentException("RSA keys must be 2048 or 3072 bits, not " + bits);
        }
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() == 256) {
                return ECDSA_P256;
            }
            throw new IllegalArgumentException("only P-256 EC keys are supported");
        }
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
            return ED25519;
        }
        throw new IllegalArgumentException("unsupported key algorithm " + alg);
    }
}

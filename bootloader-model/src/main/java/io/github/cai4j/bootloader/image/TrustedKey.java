package io.github.cai4j.bootloader.image;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A public key of the bootloader's key table, with the bytes MCUboot embeds for it (DER
 * SubjectPublicKeyInfo for EC and Ed25519, PKCS#1 RSAPublicKey for RSA) and their SHA-256 (the KEYHASH).
 */
public final class TrustedKey {
    private final PublicKey key;
    private final SignatureAlgorithm algorithm;
    private final byte[] keyBytes;
    private final byte[] keyHash;
    /** The P-256 point prepared once for BouncyCastle (its precomputation stays with it); null until first use. */
    private volatile Object p256Parameters;

    private TrustedKey(PublicKey key, SignatureAlgorithm algorithm, byte[] keyBytes) {
        this.key = key;
        this.algorithm = algorithm;
        this.keyBytes = keyBytes;
        this.keyHash = sha256(keyBytes);
    }

    /** The prepared verification parameters of a P-256 key (made by {@link P256Verifier} on first use). */
    Object p256Parameters() {
        return p256Parameters;
    }

    void p256Parameters(Object parameters) {
        this.p256Parameters = parameters;
    }

    /** Wraps a JCA public key (RSA 2048/3072, EC P-256, Ed25519). */
    public static TrustedKey of(PublicKey key) {
        SignatureAlgorithm alg = SignatureAlgorithm.forKey(key);
        return new TrustedKey(key, alg, embeddedBytes(key, alg));
    }

    /** The bytes imgtool hashes for KEYHASH and writes into PUBKEY. */
    static byte[] embeddedBytes(PublicKey key, SignatureAlgorithm alg) {
        byte[] spki = key.getEncoded();
        if (alg == SignatureAlgorithm.RSA2048_PSS || alg == SignatureAlgorithm.RSA3072_PSS) {
            try {
                return SubjectPublicKeyInfo.getInstance(spki).parsePublicKey().getEncoded("DER");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot encode the RSA public key", e);
            }
        }
        return spki;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return key;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The embedded key bytes (PUBKEY TLV content). */
    public byte[] keyBytes() {
        return keyBytes.clone();
    }

    /** SHA-256 of {@link #keyBytes()} (KEYHASH TLV content; the signer id of measurements). */
    public byte[] keyHash() {
        return keyHash.clone();
    }

    @Override
    public String toString() {
        return "TrustedKey[" + algorithm + ", keyhash " + HexFormat.of().formatHex(keyHash) + "]";
    }
}

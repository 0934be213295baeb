package io.github.cai4j.bootloader.imgtool;

import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Something that signs images: a public key (for KEYHASH/PUBKEY and the signature type) and a signing
 * operation. Implement it to sign with anything (an HSM, a KMS, a PSA key id); {@link #of(PrivateKey,
 * PublicKey, Provider)} covers any {@code java.security} private key, including a PKCS#11 token key through
 * the JDK's SunPKCS11 provider, in one step.
 *
 * <p>The signature must be over the image as imgtool signs it: ECDSA P-256 (DER) and RSA-PSS (SHA-256,
 * MGF1-SHA256, salt 32) over the hash region; Ed25519 over the 32-byte SHA-256 digest.
 */
public interface ImageSigningKey {

    /** The public key matching the signing key. */
    PublicKey publicKey();

    /**
     * Signs one image. {@code hashRegion} = header + payload + protected TLVs, {@code digest} = its SHA-256.
     */
    byte[] sign(byte[] hashRegion, byte[] digest) throws GeneralSecurityException;

    /** The signature scheme (from the public key). */
    default SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.forKey(publicKey());
    }

    /** Signs with a JCA private key through the default providers. */
    static ImageSigningKey of(PrivateKey privateKey, PublicKey publicKey) {
        return of(privateKey, publicKey, null);
    }

    /**
     * Signs with a JCA private key through {@code provider} (null = the default providers), e.g. a key
     * handle of a SunPKCS11 keystore.
     */
    static ImageSigningKey of(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        SignatureAlgorithm alg = SignatureAlgorithm.forKey(publicKey);
        return new ImageSigningKey() {
            @Override
            public PublicKey publicKey() {
                return publicKey;
            }

            @Override
            public byte[] sign(byte[] hashRegion, byte[] digest) throws GeneralSecurityException {
                Signature s;
                byte[] message;
                switch (alg) {
                    case ECDSA_P256 -> {
                        s = instance("SHA256withECDSA", provider);
                        message = hashRegion;
                    }
                    case RSA2048_PSS, RSA3072_PSS -> {
                        s = instance("RSASSA-PSS", provider);
                        s.setParameter(ImageVerifier.pssParameters());
                        message = hashRegion;
                    }
                    case ED25519 -> {
                        s = instance("Ed25519", provider);
                        message = digest;
                    }
                    default -> throw new IllegalStateException(alg.name());
                }
                s.initSign(privateKey);
                s.update(message);
                return s.sign();
            }

            @Override
            public String toString() {
                return "ImageSigningKey[" + alg + "]";
            }
        };
    }

    private static Signature instance(String name, Provider provider) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
    }
}

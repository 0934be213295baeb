package io.github.cai4j.cose.internal;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC3394WrapEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The symmetric primitives: AEAD (JDK AES-GCM and ChaCha20-Poly1305), HMAC (JDK), AES key wrap (RFC 3394,
 * BouncyCastle) and HKDF (RFC 5869, BouncyCastle). Authentication failures return null, never throw.
 */
public final class Primitives {
    private Primitives() {
    }

    public static int ivLength(Algorithm alg) throws CoseException {
        return switch (alg) {
            case A128GCM, A192GCM, A256GCM, CHACHA20_POLY1305 -> 12;
            default -> throw new CoseException(alg + " is not a content encryption algorithm");
        };
    }

    private static void checkKey(Algorithm alg, byte[] key) throws CoseException {
        if (key.length != alg.keyLength()) {
            throw new CoseException(alg + ": key must be " + alg.keyLength() + " bytes, found " + key.length);
        }
    }

    private static Cipher aeadCipher(Algorithm alg, int mode, byte[] key, byte[] iv) throws CoseException {
        checkKey(alg, key);
        if (iv.length != ivLength(alg)) {
            throw new CoseException(alg + ": IV must be " + ivLength(alg) + " bytes, found " + iv.length);
        }
        try {
            if (alg == Algorithm.CHACHA20_POLY1305) {
                Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
                c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(iv));
                return c;
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new CoseException(alg + ": cipher unavailable", e);
        }
    }

    /** Ciphertext ‖ 16-byte tag. */
    public static byte[] aeadEncrypt(Algorithm alg, byte[] key, byte[] iv, byte[] aad, byte[] plaintext)
            throws CoseException {
        Cipher c = aeadCipher(alg, Cipher.ENCRYPT_MODE, key, iv);
        try {
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CoseException(alg + ": encryption failed", e);
        }
    }

    /** The plaintext, or null if the tag does not verify. */
    public static byte[] aeadDecrypt(Algorithm alg, byte[] key, byte[] iv, byte[] aad, byte[] ciphertext)
            throws CoseException {
        if (ciphertext.length < 16) {
            return null;
        }
        Cipher c = aeadCipher(alg, Cipher.DECRYPT_MODE, key, iv);
        try {
            c.updateAAD(aad);
            return c.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new CoseException(alg + ": decryption failed", e);
        }
    }

    /** The (possibly truncated) HMAC tag of the algorithm. */
    public static byte[] hmac(Algorithm alg, byte[] key, byte[] data) throws CoseException {
        String name;
        int len;
        switch (alg) {
            case HMAC_256_64 -> {
                name = "HmacSHA256";
                len = 8;
            }
            case HMAC_256_256 -> {
                name = "HmacSHA256";
                len = 32;
            }
            case HMAC_384_384 -> {
                name = "HmacSHA384";
                len = 48;
            }
            case HMAC_512_512 -> {
                name = "HmacSHA512";
                len = 64;
            }
            default -> throw new CoseException(alg + " is not a MAC algorithm");
        }
        if (key.length == 0) {
            throw new CoseException(alg + ": empty key");
        }
        try {
            Mac m = Mac.getInstance(name);
            m.init(new SecretKeySpec(key, name));
            byte[] full = m.doFinal(data);
            return len == full.length ? full : Arrays.copyOf(full, len);
        } catch (GeneralSecurityException e) {
            throw new CoseException(alg + ": HMAC unavailable", e);
        }
    }

    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** RFC 3394 AES key wrap with the KEK length of the algorithm. */
    public static byte[] wrap(Algorithm kw, byte[] kek, byte[] key) throws CoseException {
        checkKey(kw, kek);
        if (key.length < 16 || key.length % 8 != 0) {
            throw new CoseException(kw + ": the wrapped key must be a multiple of 8 bytes, at least 16");
        }
        RFC3394WrapEngine e = new RFC3394WrapEngine(AESEngine.newInstance());
        e.init(true, new KeyParameter(kek));
        return e.wrap(key, 0, key.length);
    }

    /** The unwrapped key, or null if the integrity check fails. */
    public static byte[] unwrap(Algorithm kw, byte[] kek, byte[] wrapped) throws CoseException {
        checkKey(kw, kek);
        if (wrapped.length < 24 || wrapped.length % 8 != 0) {
            return null;
        }
        RFC3394WrapEngine e = new RFC3394WrapEngine(AESEngine.newInstance());
        e.init(false, new KeyParameter(kek));
        try {
            return e.unwrap(wrapped, 0, wrapped.length);
        } catch (InvalidCipherTextException ex) {
            return null;
        }
    }

    /** HKDF with SHA-256 or SHA-512 ({@code hashBits}); a null salt means a string of zeros. */
    public static byte[] hkdf(int hashBits, byte[] salt, byte[] ikm, byte[] info, int length) throws CoseException {
        HKDFBytesGenerator g = new HKDFBytesGenerator(hashBits == 512 ? new SHA512Digest() : new SHA256Digest());
        if (length > 255 * hashBits / 8) {
            throw new CoseException("HKDF: output too long");
        }
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}

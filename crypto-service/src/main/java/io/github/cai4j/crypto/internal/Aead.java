package io.github.cai4j.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 12-byte nonce and a 16-byte tag through the JDK provider (SunJCE's GCM is an order of
 * magnitude faster than BouncyCastle's, {@code spec/cose.md} §9). A fresh {@link Cipher} per call: GCM ciphers
 * refuse to be re-initialised with the same key and nonce.
 */
final class Aead {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private Aead() {
    }

    static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher c = init(Cipher.ENCRYPT_MODE, key, nonce);
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext, or {@code null} if the tag does not authenticate the inputs. */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        try {
            Cipher c = init(Cipher.DECRYPT_MODE, key, nonce);
            c.updateAAD(aad);
            return c.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] k = key.clone();
        try {
            c.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        } finally {
            Arrays.fill(k, (byte) 0);
        }
        return c;
    }
}

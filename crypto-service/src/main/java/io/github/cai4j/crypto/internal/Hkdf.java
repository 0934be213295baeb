package io.github.cai4j.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) on the JDK's HMAC: extract, and an expand stream that can be read in pieces, as PSA
 * key derivation outputs it.
 */
final class Hkdf {
    static final int HASH_LEN = 32;
    /** 255 * HashLen: HKDF's largest output. */
    static final int MAX_OUTPUT = 255 * HASH_LEN;

    private Hkdf() {
    }

    /** A fresh HMAC-SHA256 keyed with {@code key}; an empty key is 32 zero bytes (RFC 2104 padding). */
    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] k = key.length == 0 ? new byte[HASH_LEN] : key;
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** PRK = HMAC(salt, ikm). */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt).doFinal(ikm);
    }

    /** The first {@code length} bytes of HKDF-Expand(prk, info). */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        Stream s = new Stream(prk, info);
        byte[] out = new byte[length];
        s.read(out, 0, length);
        s.destroy();
        return out;
    }

    /** HKDF(salt, ikm, info, length). */
    static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /** T(1) || T(2) || ... read sequentially; at most 255 blocks. */
    static final class Stream {
        private final Mac mac;
        private final byte[] info;
        private final byte[] block = new byte[HASH_LEN];
        private int blockNumber;
        private int used = HASH_LEN;

        Stream(byte[] prk, byte[] info) {
            this.mac = hmac(prk);
            this.info = info.clone();
        }

        void read(byte[] out, int offset, int length) {
            int pos = offset;
            int remaining = length;
            while (remaining > 0) {
                if (used == HASH_LEN) {
                    next();
                }
                int n = Math.min(remaining, HASH_LEN - used);
                System.arraycopy(block, used, out, pos, n);
                used += n;
                pos += n;
                remaining -= n;
            }
        }

        private void next() {
            if (blockNumber >= 255) {
                throw new IllegalStateException("HKDF output exhausted");
            }
            if (blockNumber > 0) {
                mac.update(block);
            }
            mac.update(info);
            mac.update((byte) (blockNumber + 1));
            try {
                mac.doFinal(block, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            blockNumber++;
            used = 0;
        }

        void destroy() {
            Arrays.fill(block, (byte) 0);
            mac.reset();
        }
    }
}

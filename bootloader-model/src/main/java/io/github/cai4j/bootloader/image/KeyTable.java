package io.github.cai4j.bootloader.image;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The bootloader's built-in public keys ({@code bootutil_keys}), looked up by KEYHASH or PUBKEY. */
public final class KeyTable {
    private final List<TrustedKey> keys;

    private KeyTable(List<TrustedKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static KeyTable of(TrustedKey... keys) {
        return new KeyTable(List.of(keys));
    }

    public static KeyTable of(List<TrustedKey> keys) {
        return new KeyTable(keys);
    }

    /** A table of JCA public keys. */
    public static KeyTable ofPublicKeys(PublicKey... keys) {
        List<TrustedKey> list = new ArrayList<>();
        for (PublicKey k : keys) {
            list.add(TrustedKey.of(k));
        }
        return new KeyTable(list);
    }

    public List<TrustedKey> keys() {
        return keys;
    }

    /**
     * bootutil_find_key: the key whose SHA-256 starts with {@code keyHash} (1..32 bytes, compared in full
     * with {@link MessageDigest#isEqual}).
     */
    public Optional<TrustedKey> findByHash(byte[] keyHash) {
        if (keyHash.length == 0 || keyHash.length > 32) {
            return Optional.empty();
        }
        for (TrustedKey k : keys) {
            byte[] h = java.util.Arrays.copyOf(k.keyHash(), keyHash.length);
            if (MessageDigest.isEqual(h, keyHash)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The key whose embedded bytes equal {@code keyBytes} (PUBKEY TLV). */
    public Optional<TrustedKey> findByKeyBytes(byte[] keyBytes) {
        for (TrustedKey k : keys) {
            if (MessageDigest.isEqual(k.keyBytes(), keyBytes)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "KeyTable" + keys;
    }
}

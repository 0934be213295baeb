package io.github.cai4j.crypto;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * How the crypto partition is built: the HUK derivation profile, the randomness source and the sizes of its
 * tables. Immutable; built with {@link #builder()}.
 */
public final class CryptoConfig {
    /** Mbed TLS's default {@code MBEDTLS_PSA_KEY_SLOT_COUNT}: volatile keys that can exist at once. */
    public static final int DEFAULT_KEY_SLOTS = 32;
    /**
     * How many persistent keys (all owners together) the partition holds in memory at once; with a
     * {@link KeyPersistence}, a key stored by an earlier boot counts once it is loaded (on its first use).
     */
    public static final int DEFAULT_PERSISTENT_KEYS = 64;
    /** TF-M's {@code CRYPTO_CONC_OPER_NUM}: concurrent multi-part operations. */
    public static final int DEFAULT_OPERATIONS = 8;

    private final TfmProfile profile;
    private final SecureRandom random;
    private final int keySlots;
    private final int persistentKeys;
    private final int operations;
    private final KeyPersistence keyPersistence;

    private CryptoConfig(Builder b) {
        this.profile = b.profile;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.keySlots = b.keySlots;
        this.persistentKeys = b.persistentKeys;
        this.operations = b.operations;
        this.keyPersistence = b.keyPersistence;
    }

    /** TF-M 1.7 profile, a fresh {@link SecureRandom}, default table sizes. */
    public static CryptoConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public TfmProfile profile() {
        return profile;
    }

    /** The randomness for key generation, randomized ECDSA nonces and {@code psa_generate_random}. */
    public SecureRandom random() {
        return random;
    }

    public int keySlots() {
        return keySlots;
    }

    public int persistentKeys() {
        return persistentKeys;
    }

    public int operations() {
        return operations;
    }

    /**
     * Where persistent keys are kept between boots; empty keeps them in the partition's memory only (they are lost
     * when the partition is re-created, e.g. at a device reboot).
     */
    public java.util.Optional<KeyPersistence> keyPersistence() {
        return java.util.Optional.ofNullable(keyPersistence);
    }

    @Override
    public String toString() {
        return "CryptoConfig[profile=" + profile + ", keySlots=" + keySlots + ", persistentKeys=" + persistentKeys
                + ", operations=" + operations + (keyPersistence == null ? "" : ", persistent keys stored") + "]";
    }

    /** Builds a {@link CryptoConfig}. */
    public static final class Builder {
        private TfmProfile profile = TfmProfile.defaultProfile();
        private SecureRandom random;
        private int keySlots = DEFAULT_KEY_SLOTS;
        private int persistentKeys = DEFAULT_PERSISTENT_KEYS;
        private int operations = DEFAULT_OPERATIONS;
        private KeyPersistence keyPersistence;

        private Builder() {
        }

        /** Stores persistent keys there (sealed), so they survive a re-created partition; see {@link KeyPersistence}. */
        public Builder keyPersistence(KeyPersistence p) {
            this.keyPersistence = Objects.requireNonNull(p, "keyPersistence");
            return this;
        }

        public Builder profile(TfmProfile p) {
            this.profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        /** The randomness source (tests inject a seeded or scripted one to be deterministic). */
        public Builder random(SecureRandom r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /** Volatile key slots, 1..1024. */
        public Builder keySlots(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("key slots must be 1..1024, got " + n);
            }
            this.keySlots = n;
            return this;
        }

        /** Persistent keys, 0..4096. */
        public Builder persistentKeys(int n) {
            if (n < 0 || n > 4096) {
                throw new IllegalArgumentException("persistent keys must be 0..4096, got " + n);
            }
            this.persistentKeys = n;
            return this;
        }

        /** Concurrent key derivation operations, 1..256. */
        public Builder operations(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("operations must be 1..256, got " + n);
            }
            this.operations = n;
            return this;
        }

        public CryptoConfig build() {
            return new CryptoConfig(this);
        }
    }
}

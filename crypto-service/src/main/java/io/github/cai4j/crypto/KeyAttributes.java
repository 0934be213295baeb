package io.github.cai4j.crypto;

import java.util.Locale;
import java.util.Objects;

/**
 * The attributes of a key ({@code psa_key_attributes_t}): id, lifetime, type, size in bits, usage flags and
 * the permitted algorithm. Immutable; holds no key material, so it is safe to log.
 *
 * <p>For {@code psa_import_key}, {@code psa_generate_key} and {@code psa_key_derivation_output_key} an id of
 * {@link PsaKeyIds#NULL} with a volatile lifetime lets the partition choose the id; a persistent key needs an id
 * in the USER range. A size of 0 on import means "take it from the data".
 */
public final class KeyAttributes {
    private final int id;
    private final int lifetime;
    private final int type;
    private final int bits;
    private final int usage;
    private final int algorithm;

    private KeyAttributes(int id, int lifetime, int type, int bits, int usage, int algorithm) {
        this.id = id;
        this.lifetime = lifetime;
        this.type = type;
        this.bits = bits;
        this.usage = usage;
        this.algorithm = algorithm;
    }

    /**
     * Attributes from raw values, taken as they are (as decoded from the wire or reported for an existing key,
     * where a volatile key does have an id).
     */
    public static KeyAttributes of(int id, int lifetime, int type, int bits, int usage, int algorithm) {
        return new KeyAttributes(id, lifetime, type, bits, usage, algorithm);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these attributes. */
    public Builder toBuilder() {
        Builder b = new Builder().type(type).bits(bits).usage(usage).algorithm(algorithm);
        b.id = id;
        b.lifetime = lifetime;
        return b;
    }

    /** The key id ({@link PsaKeyIds#NULL} when the partition is to choose). */
    public int id() {
        return id;
    }

    /** The lifetime ({@link PsaKeyIds#LIFETIME_VOLATILE}, {@link PsaKeyIds#LIFETIME_PERSISTENT}, ...). */
    public int lifetime() {
        return lifetime;
    }

    /** The key type ({@link PsaKeyType}). */
    public int type() {
        return type;
    }

    /** The key size in bits (0 = unspecified on import). */
    public int bits() {
        return bits;
    }

    /** The usage flags ({@link PsaKeyUsage}). */
    public int usage() {
        return usage;
    }

    /** The permitted algorithm ({@link PsaAlgorithm}). */
    public int algorithm() {
        return algorithm;
    }

    /** {@code true} if every flag in {@code flags} is set. */
    public boolean permits(int flags) {
        return (usage & flags) == flags;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyAttributes)) {
            return false;
        }
        KeyAttributes k = (KeyAttributes) o;
        return id == k.id && lifetime == k.lifetime && type == k.type && bits == k.bits && usage == k.usage
                && algorithm == k.algorithm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, lifetime, type, bits, usage, algorithm);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KeyAttributes[id=0x%08x, lifetime=0x%08x, type=%s, bits=%d, usage=0x%08x, "
                + "alg=%s]", id, lifetime, PsaKeyType.name(type), bits, usage, PsaAlgorithm.name(algorithm));
    }

    /** Builds {@link KeyAttributes}; every field defaults to 0 (volatile, no usage, no algorithm). */
    public static final class Builder {
        private int id;
        private int lifetime = PsaKeyIds.LIFETIME_VOLATILE;
        private int type;
        private int bits;
        private int usage;
        private int algorithm;

        private Builder() {
        }

        /** {@code psa_set_key_id}: also makes the key persistent, as in the C API. */
        public Builder id(int keyId) {
            this.id = keyId;
            if (keyId != PsaKeyIds.NULL && lifetime == PsaKeyIds.LIFETIME_VOLATILE) {
                this.lifetime = PsaKeyIds.LIFETIME_PERSISTENT;
            }
            return this;
        }

        /** {@code psa_set_key_lifetime}: a volatile lifetime clears the id, as in the C API. */
        public Builder lifetime(int keyLifetime) {
            this.lifetime = keyLifetime;
            if (keyLifetime == PsaKeyIds.LIFETIME_VOLATILE) {
                this.id = PsaKeyIds.NULL;
            }
            return this;
        }

        public Builder type(int keyType) {
            this.type = keyType;
            return this;
        }

        public Builder bits(int keyBits) {
            this.bits = keyBits;
            return this;
        }

        /** Sets the usage flags (replacing any set before). */
        public Builder usage(int usageFlags) {
            this.usage = usageFlags;
            return this;
        }

        public Builder algorithm(int alg) {
            this.algorithm = alg;
            return this;
        }

        public KeyAttributes build() {
            return new KeyAttributes(id, lifetime, type, bits, usage, algorithm);
        }
    }
}

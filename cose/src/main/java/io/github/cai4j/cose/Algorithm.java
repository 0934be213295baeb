package io.github.cai4j.cose;

import java.util.Locale;
import java.util.Optional;

/** The COSE algorithms this library implements (IANA "COSE Algorithms" registry, RFC 9053). */
public enum Algorithm {
    ES256(-7, Kind.SIGNATURE, 256, "ES256"),
    ES384(-35, Kind.SIGNATURE, 384, "ES384"),
    ES512(-36, Kind.SIGNATURE, 512, "ES512"),
    EDDSA(-8, Kind.SIGNATURE, 0, "EdDSA"),

    HMAC_256_64(4, Kind.MAC, 256, "HMAC 256/64"),
    HMAC_256_256(5, Kind.MAC, 256, "HMAC 256/256"),
    HMAC_384_384(6, Kind.MAC, 384, "HMAC 384/384"),
    HMAC_512_512(7, Kind.MAC, 512, "HMAC 512/512"),

    A128GCM(1, Kind.CONTENT_ENCRYPTION, 128, "A128GCM"),
    A192GCM(2, Kind.CONTENT_ENCRYPTION, 192, "A192GCM"),
    A256GCM(3, Kind.CONTENT_ENCRYPTION, 256, "A256GCM"),
    CHACHA20_POLY1305(24, Kind.CONTENT_ENCRYPTION, 256, "ChaCha20/Poly1305"),

    DIRECT(-6, Kind.RECIPIENT, 0, "direct"),
    A128KW(-3, Kind.RECIPIENT, 128, "A128KW"),
    A192KW(-4, Kind.RECIPIENT, 192, "A192KW"),
    A256KW(-5, Kind.RECIPIENT, 256, "A256KW"),
    DIRECT_HKDF_SHA_256(-10, Kind.RECIPIENT, 256, "direct+HKDF-SHA-256"),
    DIRECT_HKDF_SHA_512(-11, Kind.RECIPIENT, 512, "direct+HKDF-SHA-512"),
    ECDH_ES_HKDF_256(-25, Kind.RECIPIENT, 256, "ECDH-ES + HKDF-256"),
    ECDH_ES_HKDF_512(-26, Kind.RECIPIENT, 512, "ECDH-ES + HKDF-512"),
    ECDH_SS_HKDF_256(-27, Kind.RECIPIENT, 256, "ECDH-SS + HKDF-256"),
    ECDH_SS_HKDF_512(-28, Kind.RECIPIENT, 512, "ECDH-SS + HKDF-512"),
    ECDH_ES_A128KW(-29, Kind.RECIPIENT, 128, "ECDH-ES + A128KW"),
    ECDH_ES_A192KW(-30, Kind.RECIPIENT, 192, "ECDH-ES + A192KW"),
    ECDH_ES_A256KW(-31, Kind.RECIPIENT, 256, "ECDH-ES + A256KW"),
    ECDH_SS_A128KW(-32, Kind.RECIPIENT, 128, "ECDH-SS + A128KW"),
    ECDH_SS_A192KW(-33, Kind.RECIPIENT, 192, "ECDH-SS + A192KW"),
    ECDH_SS_A256KW(-34, Kind.RECIPIENT, 256, "ECDH-SS + A256KW");

    /** What an algorithm is used for. */
    public enum Kind { SIGNATURE, MAC, CONTENT_ENCRYPTION, RECIPIENT }

    private final int id;
    private final Kind kind;
    private final int bits;
    private final String displayName;

    Algorithm(int id, Kind kind, int bits, String displayName) {
        this.id = id;
        this.kind = kind;
        this.bits = bits;
        this.displayName = displayName;
    }

    /** The IANA identifier written in the {@code alg} header. */
    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The registry's name, e.g. {@code "ECDH-ES + A128KW"}. */
    public String displayName() {
        return displayName;
    }

    /**
     * Key size in bits: the content key for AEAD and MAC algorithms, the key-encryption key for key wrap, the hash
     * size for ECDSA, HKDF and HMAC.
     */
    public int bits() {
        return bits;
    }

    /** Length in bytes of the key this algorithm takes (content, MAC or key-encryption key). */
    public int keyLength() {
        return switch (this) {
            case HMAC_256_64, HMAC_256_256 -> 32;
            case HMAC_384_384 -> 48;
            case HMAC_512_512 -> 64;
            case CHACHA20_POLY1305 -> 32;
            default -> bits / 8;
        };
    }

    /** True for ECDH-ES and ECDH-SS recipients. */
    public boolean isEcdh() {
        return id <= -25 && id >= -34;
    }

    /** True for ECDH-SS recipients (static sender key). */
    public boolean isEcdhStatic() {
        return id == -27 || id == -28 || (id <= -32 && id >= -34);
    }

    /** True for recipients that wrap the content key with AES key wrap (alone or after ECDH). */
    public boolean usesKeyWrap() {
        return (id <= -3 && id >= -5) || (id <= -29 && id >= -34);
    }

    /** The AES key wrap algorithm an ECDH+KW recipient wraps with (A128KW for ECDH-ES+A128KW). */
    public Algorithm keyWrap() {
        return switch (this) {
            case ECDH_ES_A128KW, ECDH_SS_A128KW, A128KW -> A128KW;
            case ECDH_ES_A192KW, ECDH_SS_A192KW, A192KW -> A192KW;
            case ECDH_ES_A256KW, ECDH_SS_A256KW, A256KW -> A256KW;
            default -> throw new IllegalStateException(name() + " does not wrap keys");
        };
    }

    /** The identifier's algorithm, if this library implements it. */
    public static Optional<Algorithm> fromId(long id) {
        for (Algorithm a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName + " (" + id + ")";
    }

    /** Looks an algorithm up by enum name or registry name, ignoring case. */
    public static Optional<Algorithm> fromName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.name().equals(n) || a.displayName.toUpperCase(Locale.ROOT).equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}

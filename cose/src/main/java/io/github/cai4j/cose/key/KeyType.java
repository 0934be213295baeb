package io.github.cai4j.cose.key;

import java.util.Optional;

/** COSE key types (RFC 9053 §7). */
public enum KeyType {
    OKP(1, "OKP"),
    EC2(2, "EC"),
    SYMMETRIC(4, "oct");

    private final int id;
    private final String jwkName;

    KeyType(int id, String jwkName) {
        this.id = id;
        this.jwkName = jwkName;
    }

    public int id() {
        return id;
    }

    /** The JWK {@code kty} value. */
    public String jwkName() {
        return jwkName;
    }

    public static Optional<KeyType> fromId(long id) {
        for (KeyType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<KeyType> fromJwkName(String name) {
        for (KeyType t : values()) {
            if (t.jwkName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

package io.github.cai4j.cose.key;

import java.util.Optional;

/** COSE elliptic curves (RFC 9053 §7.1). */
public enum Curve {
    P_256(1, "P-256", KeyType.EC2, 32, "secp256r1"),
    P_384(2, "P-384", KeyType.EC2, 48, "secp384r1"),
    P_521(3, "P-521", KeyType.EC2, 66, "secp521r1"),
    X25519(4, "X25519", KeyType.OKP, 32, "X25519"),
    X448(5, "X448", KeyType.OKP, 56, "X448"),
    ED25519(6, "Ed25519", KeyType.OKP, 32, "Ed25519"),
    ED448(7, "Ed448", KeyType.OKP, 57, "Ed448");

    private final int id;
    private final String jwkName;
    private final KeyType keyType;
    private final int coordinateLength;
    private final String standardName;

    Curve(int id, String jwkName, KeyType keyType, int coordinateLength, String standardName) {
        this.id = id;
        this.jwkName = jwkName;
        this.keyType = keyType;
        this.coordinateLength = coordinateLength;
        this.standardName = standardName;
    }

    public int id() {
        return id;
    }

    /** The JOSE/JWK name, e.g. {@code "P-256"}. */
    public String jwkName() {
        return jwkName;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** Length of one coordinate (EC2) or of the key (OKP) in bytes. */
    public int coordinateLength() {
        return coordinateLength;
    }

    /** The SEC 2 / RFC 8410 name, e.g. {@code "secp256r1"}. */
    public String standardName() {
        return standardName;
    }

    public static Optional<Curve> fromId(long id) {
        for (Curve c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<Curve> fromJwkName(String name) {
        for (Curve c : values()) {
            if (c.jwkName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

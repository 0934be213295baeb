package io.github.cai4j.crypto.internal;

import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.PsaKeyType;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * One key in the store: its owner, attributes and material, with the parsed forms computed once (the EC
 * private scalar and public point, whose multiplication tables BouncyCastle caches on the point object).
 *
 * <p>{@link #destroy()} zeroes the raw material. The JDK's BigInteger and BouncyCastle's point objects are
 * immutable and cannot be zeroed; they are dropped for the garbage collector.
 */
final class Key {
    final int owner;
    final KeyAttributes attributes;
    private byte[] material;
    private ECPrivateKeyParameters privateKey;
    private ECPublicKeyParameters publicKey;
    private byte[] publicEncoded;
    private boolean destroyed;

    private Key(int owner, KeyAttributes attributes, byte[] material) {
        this.owner = owner;
        this.attributes = attributes;
        this.material = material;
    }

    /**
     * A key over already-validated material (the store validates); takes ownership of {@code material}.
     */
    static Key create(int owner, KeyAttributes attributes, byte[] material) {
        Key k = new Key(owner, attributes, material);
        int type = attributes.type();
        if (type == PsaKeyType.ECC_KEY_PAIR_SECP_R1) {
            BigInteger d = new BigInteger(1, material);
            ECPoint q = P256.publicPoint(d);
            k.privateKey = new ECPrivateKeyParameters(d, P256.DOMAIN);
            k.publicKey = new ECPublicKeyParameters(q, P256.DOMAIN);
            k.publicEncoded = P256.encode(q);
        } else if (type == PsaKeyType.ECC_PUBLIC_KEY_SECP_R1) {
            ECPoint q = P256.CURVE.decodePoint(material).normalize();
            k.publicKey = new ECPublicKeyParameters(q, P256.DOMAIN);
            k.publicEncoded = material.clone();
        }
        return k;
    }

    int id() {
        return attributes.id();
    }

    int type() {
        return attributes.type();
    }

    /** The raw material (not a copy): the caller must not keep or leak it. */
    byte[] material() {
        return material;
    }

    ECPrivateKeyParameters privateKey() {
        return privateKey;
    }

    ECPublicKeyParameters publicKey() {
        return publicKey;
    }

    /** The public point {@code 04||X||Y} (a copy), for EC keys. */
    byte[] publicEncoded() {
        return publicEncoded.clone();
    }

    /** Zeroes the material and drops the parsed forms. */
    void destroy() {
        Arrays.fill(material, (byte) 0);
        privateKey = null;
        publicKey = null;
        publicEncoded = null;
        destroyed = true;
    }

    /** For tests: {@code true} once destroyed and every material byte is zero. */
    boolean isZeroed() {
        if (!destroyed) {
            return false;
        }
        int acc = 0;
        for (byte b : material) {
            acc |= b;
        }
        return acc == 0;
    }

    @Override
    public String toString() {
        return "Key[owner=" + owner + ", " + attributes + "]";
    }
}

package io.github.cai4j.huk;

import io.github.cai4j.huk.internal.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A device's P-256 public key as the PSA export gives it ({@code 04 ‖ X ‖ Y}, 65 bytes), with the
 * SubjectPublicKeyInfo form the firmware writes (§1.6: {@code id-ecPublicKey}, {@code prime256v1}, 91 bytes).
 */
public final class DevicePublicKey {
    private static final String PEM_LABEL = "PUBLIC KEY";

    private final byte[] point;

    private DevicePublicKey(byte[] point) {
        this.point = point;
    }

    /**
     * Wraps an exported key, checking that it is an uncompressed point on P-256 (not the identity).
     *
     * @throws IllegalArgumentException if it is not
     */
    public static DevicePublicKey fromUncompressedPoint(byte[] exported) {
        if (exported.length != HukServices.PUBLIC_KEY_SIZE || exported[0] != 0x04) {
            throw new IllegalArgumentException("a P-256 public key is 65 bytes starting with 04, got "
                    + exported.length + " bytes");
        }
        try {
            ECPoint p = CustomNamedCurves.getByName("secp256r1").getCurve().decodePoint(exported);
            if (p.isInfinity() || !p.isValid()) {
                throw new IllegalArgumentException("the public key is not a valid P-256 point");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the public key is not a valid P-256 point", e);
        }
        return new DevicePublicKey(exported.clone());
    }

    /** {@code 04 ‖ X ‖ Y}. */
    public byte[] uncompressedPoint() {
        return point.clone();
    }

    /** The BouncyCastle SubjectPublicKeyInfo. */
    public SubjectPublicKeyInfo subjectPublicKeyInfo() {
        return new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), point);
    }

    /** The DER SubjectPublicKeyInfo (91 bytes). */
    public byte[] spkiDer() {
        try {
            return subjectPublicKeyInfo().getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a SubjectPublicKeyInfo failed", e);
        }
    }

    /** The PEM {@code PUBLIC KEY} lines (no newlines). */
    public List<String> pemLines() {
        return Pem.lines(PEM_LABEL, spkiDer());
    }

    /** The PEM text, each line ending with a newline. */
    public String pem() {
        return Pem.text(PEM_LABEL, spkiDer());
    }

    /** As a JCA key (for verifiers). */
    public ECPublicKey toJca() {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot read a P-256 public key", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DevicePublicKey other && java.security.MessageDigest.isEqual(point, other.point);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(point);
    }

    @Override
    public String toString() {
        return "DevicePublicKey[P-256 " + java.util.HexFormat.of().formatHex(point, 1, 9) + "…]";
    }
}

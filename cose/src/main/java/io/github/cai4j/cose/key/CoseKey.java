package io.github.cai4j.cose.key;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.DecodeLimits;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.internal.EcCurves;
import io.github.cai4j.cose.internal.Json;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A COSE_Key (RFC 9052 §7): EC2, OKP or Symmetric. Immutable. Public EC2 points are validated (on the curve, not the
 * identity) when the key is built or decoded. {@link #toString()} never shows private or secret material.
 * Conversions: {@link #toPublicKey()} / {@link #toPrivateKey()} (java.security), {@link #fromPublicKey},
 * {@link #fromPrivateKey}, {@link #fromJwk} / {@link #toJwk()} and, through {@link Pem}, PEM/SPKI.
 */
public final class CoseKey {
    static final long KTY = 1;
    static final long KID = 2;
    static final long ALG = 3;
    static final long CRV = -1;
    static final long X = -2;
    static final long Y = -3;
    static final long D = -4;
    static final long K = -1;

    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ED25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X25519_SPKI = HexFormat.of().parseHex("302a300506032b656e032100");
    private static final byte[] X25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b656e04220420");

    private final KeyType type;
    private final Curve curve;
    private final byte[] kid;
    private final Long alg;
    private final byte[] x;
    private final byte[] y;
    private final byte[] d;
    private final byte[] k;

    private CoseKey(KeyType type, Curve curve, byte[] kid, Long alg, byte[] x, byte[] y, byte[] d, byte[] k) {
        this.type = type;
        this.curve = curve;
        this.kid = kid;
        this.alg = alg;
        this.x = x;
        this.y = y;
        this.d = d;
        this.k = k;
    }

    // ---------------------------------------------------------------- factories

    /** An EC2 key from affine coordinates (validated), with an optional private scalar. */
    public static CoseKey ec2(Curve curve, byte[] x, byte[] y, byte[] d) throws CoseException {
        if (curve.keyType() != KeyType.EC2) {
            throw new CoseException("COSE_Key: curve " + curve.jwkName() + " is not an EC2 curve");
        }
        int n = curve.coordinateLength();
        if (x == null || y == null || x.length != n || y.length != n) {
            throw new CoseException("COSE_Key: x and y must be " + n + " bytes for " + curve.jwkName());
        }
        EcCurves.validatePoint(curve, new BigInteger(1, x), new BigInteger(1, y));
        if (d != null) {
            checkScalar(curve, d);
        }
        return new CoseKey(KeyType.EC2, curve, null, null, x.clone(), y.clone(), d == null ? null : d.clone(), null);
    }

    /** An EC2 public key from a SEC 1 encoded point (04‖X‖Y or compressed), validated. */
    public static CoseKey ec2Point(Curve curve, byte[] encodedPoint) throws CoseException {
        org.bouncycastle.math.ec.ECPoint q = EcCurves.decodePoint(curve, encodedPoint).normalize();
        int n = curve.coordinateLength();
        return ec2(curve, EcCurves.fixed(q.getAffineXCoord().toBigInteger(), n),
                EcCurves.fixed(q.getAffineYCoord().toBigInteger(), n), null);
    }

    /** An OKP key (Ed25519, X25519, …) with an optional private key. */
    public static CoseKey okp(Curve curve, byte[] x, byte[] d) throws CoseException {
        if (curve.keyType() != KeyType.OKP) {
            throw new CoseException("COSE_Key: curve " + curve.jwkName() + " is not an OKP curve");
        }
        int n = curve.coordinateLength();
        if ((x == null && d == null) || (x != null && x.length != n) || (d != null && d.length != n)) {
            throw new CoseException("COSE_Key: OKP keys on " + curve.jwkName() + " are " + n + " bytes");
        }
        byte[] pub = x;
        if (pub == null) {
            pub = okpPublicFromPrivate(curve, d);
        }
        return new CoseKey(KeyType.OKP, curve, null, null, pub.clone(), null, d == null ? null : d.clone(), null);
    }

    /** A symmetric key. */
    public static CoseKey symmetric(byte[] k) throws CoseException {
        if (k == null || k.length == 0) {
            throw new CoseException("COSE_Key: empty symmetric key");
        }
        return new CoseKey(KeyType.SYMMETRIC, null, null, null, null, null, null, k.clone());
    }

    public CoseKey withKid(byte[] newKid) {
        return new CoseKey(type, curve, newKid == null ? null : newKid.clone(), alg, x, y, d, k);
    }

    public CoseKey withAlgorithm(Algorithm a) {
        return new CoseKey(type, curve, kid, a == null ? null : (long) a.id(), x, y, d, k);
    }

    /** This key without private or secret parts (a symmetric key has no public part and throws). */
    public CoseKey publicOnly() throws CoseException {
        if (type == KeyType.SYMMETRIC) {
            throw new CoseException("COSE_Key: a symmetric key has no public part");
        }
        return new CoseKey(type, curve, kid, alg, x, y, null, null);
    }

    private static void checkScalar(Curve curve, byte[] d) throws CoseException {
        BigInteger s = new BigInteger(1, d);
        BigInteger n = EcCurves.domain(curve).getN();
        if (s.signum() <= 0 || s.compareTo(n) >= 0) {
            throw new CoseException("COSE_Key: private key out of range for " + curve.jwkName());
        }
    }

    private static byte[] okpPublicFromPrivate(Curve curve, byte[] d) throws CoseException {
        return switch (curve) {
            case ED25519 -> new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(d, 0)
                    .generatePublicKey().getEncoded();
            case X25519 -> new org.bouncycastle.crypto.params.X25519PrivateKeyParameters(d, 0)
                    .generatePublicKey().getEncoded();
            case ED448 -> new org.bouncycastle.crypto.params.Ed448PrivateKeyParameters(d, 0)
                    .generatePublicKey().getEncoded();
            case X448 -> new org.bouncycastle.crypto.params.X448PrivateKeyParameters(d, 0)
                    .generatePublicKey().getEncoded();
            default -> throw new CoseException("COSE_Key: not an OKP curve");
        };
    }

    // ---------------------------------------------------------------- accessors

    public KeyType type() {
        return type;
    }

    /** The curve of an EC2 or OKP key. */
    public Optional<Curve> curve() {
        return Optional.ofNullable(curve);
    }

    public Optional<byte[]> kid() {
        return Optional.ofNullable(kid).map(byte[]::clone);
    }

    /** The {@code alg} parameter as an identifier, if present. */
    public Optional<Long> algorithmId() {
        return Optional.ofNullable(alg);
    }

    public boolean hasPrivate() {
        return d != null || k != null;
    }

    /** The x coordinate (EC2) or public key (OKP). */
    public byte[] x() {
        return x == null ? null : x.clone();
    }

    public byte[] y() {
        return y == null ? null : y.clone();
    }

    /** The private scalar (EC2) or private key (OKP); the caller must zero the copy when done. */
    public byte[] privateBytes() throws CoseException {
        if (d == null) {
            throw new CoseException("COSE_Key: no private key");
        }
        return d.clone();
    }

    /** The secret of a symmetric key; the caller must zero the copy when done. */
    public byte[] symmetricKey() throws CoseException {
        if (k == null) {
            throw new CoseException("COSE_Key: not a symmetric key");
        }
        return k.clone();
    }

    /** The uncompressed SEC 1 point 04‖X‖Y of an EC2 key. */
    public byte[] uncompressedPoint() throws CoseException {
        if (type != KeyType.EC2) {
            throw new CoseException("COSE_Key: not an EC2 key");
        }
        byte[] out = new byte[1 + x.length + y.length];
        out[0] = 4;
        System.arraycopy(x, 0, out, 1, x.length);
        System.arraycopy(y, 0, out, 1 + x.length, y.length);
        return out;
    }

    // ---------------------------------------------------------------- java.security

    public PublicKey toPublicKey() throws CoseException {
        try {
            switch (type) {
                case EC2 -> {
                    ECPublicKeySpec spec = new ECPublicKeySpec(
                            new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), EcCurves.jcaSpec(curve));
                    return KeyFactory.getInstance("EC").generatePublic(spec);
                }
                case OKP -> {
                    byte[] prefix = switch (curve) {
                        case ED25519 -> ED25519_SPKI;
                        case X25519 -> X25519_SPKI;
                        default -> throw new CoseException("COSE_Key: no java.security form for " + curve.jwkName());
                    };
                    byte[] enc = concat(prefix, x);
                    return KeyFactory.getInstance(curve == Curve.ED25519 ? "Ed25519" : "X25519")
                            .generatePublic(new X509EncodedKeySpec(enc));
                }
                default -> throw new CoseException("COSE_Key: a symmetric key has no public key");
            }
        } catch (GeneralSecurityException e) {
            throw new CoseException("COSE_Key: cannot convert to a public key", e);
        }
    }

    public PrivateKey toPrivateKey() throws CoseException {
        if (d == null) {
            throw new CoseException("COSE_Key: no private key");
        }
        try {
            switch (type) {
                case EC2 -> {
                    ECPrivateKeySpec spec = new ECPrivateKeySpec(new BigInteger(1, d), EcCurves.jcaSpec(curve));
                    return KeyFactory.getInstance("EC").generatePrivate(spec);
                }
                case OKP -> {
                    byte[] prefix = switch (curve) {
                        case ED25519 -> ED25519_PKCS8;
                        case X25519 -> X25519_PKCS8;
                        default -> throw new CoseException("COSE_Key: no java.security form for " + curve.jwkName());
                    };
                    byte[] enc = concat(prefix, d);
                    try {
                        return KeyFactory.getInstance(curve == Curve.ED25519 ? "Ed25519" : "X25519")
                                .generatePrivate(new PKCS8EncodedKeySpec(enc));
                    } finally {
                        Arrays.fill(enc, (byte) 0);
                    }
                }
                default -> throw new CoseException("COSE_Key: a symmetric key has no private key");
            }
        } catch (GeneralSecurityException e) {
            throw new CoseException("COSE_Key: cannot convert to a private key", e);
        }
    }

    /** A key pair's COSE_Key (private part included). */
    public static CoseKey fromKeyPair(KeyPair pair) throws CoseException {
        CoseKey pub = fromPublicKey(pair.getPublic());
        CoseKey priv = fromPrivateKey(pair.getPrivate(), pair.getPublic());
        return new CoseKey(pub.type, pub.curve, null, null, pub.x, pub.y, priv.d, null);
    }

    /** Converts an EC (NIST curve), Ed25519 or X25519 public key. */
    public static CoseKey fromPublicKey(PublicKey key) throws CoseException {
        if (key instanceof ECPublicKey ec) {
            Curve c = EcCurves.identify(ec.getParams());
            int n = c.coordinateLength();
            return ec2(c, EcCurves.fixed(ec.getW().getAffineX(), n), EcCurves.fixed(ec.getW().getAffineY(), n), null);
        }
        byte[] enc = key.getEncoded();
        if (enc != null && enc.length == 44 && startsWith(enc, ED25519_SPKI)) {
            return okp(Curve.ED25519, Arrays.copyOfRange(enc, 12, 44), null);
        }
        if (enc != null && enc.length == 44 && startsWith(enc, X25519_SPKI)) {
            return okp(Curve.X25519, Arrays.copyOfRange(enc, 12, 44), null);
        }
        throw new CoseException("unsupported public key type " + key.getAlgorithm());
    }

    /**
     * Converts an extractable private key. For EC keys the public point is computed from the scalar; keys that
     * cannot be exported (HSM, PKCS#11) are used through {@code JcaSigner} instead.
     */
    public static CoseKey fromPrivateKey(PrivateKey key, PublicKey publicKey) throws CoseException {
        if (key instanceof ECPrivateKey ec) {
            Curve c = EcCurves.identify(ec.getParams());
            byte[] dd = EcCurves.fixed(ec.getS(), c.coordinateLength());
            org.bouncycastle.math.ec.ECPoint q = EcCurves.domain(c).getG().multiply(ec.getS()).normalize();
            int n = c.coordinateLength();
            return ec2(c, EcCurves.fixed(q.getAffineXCoord().toBigInteger(), n),
                    EcCurves.fixed(q.getAffineYCoord().toBigInteger(), n), dd);
        }
        byte[] enc = key.getEncoded();
        if (enc == null) {
            throw new CoseException("private key is not extractable");
        }
        try {
            if (enc.length == 48 && startsWith(enc, ED25519_PKCS8)) {
                return okp(Curve.ED25519, null, Arrays.copyOfRange(enc, 16, 48));
            }
            if (enc.length == 48 && startsWith(enc, X25519_PKCS8)) {
                return okp(Curve.X25519, null, Arrays.copyOfRange(enc, 16, 48));
            }
        } finally {
            Arrays.fill(enc, (byte) 0);
        }
        throw new CoseException("unsupported private key type " + key.getAlgorithm());
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < prefix.length; i++) {
            diff |= a[i] ^ prefix[i];
        }
        return diff == 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---------------------------------------------------------------- CBOR

    /** Deterministic encoding: kty, kid, alg, then the type's parameters (crv, x, y, d or k). */
    public byte[] encode() {
        CborWriter w = new CborWriter();
        writeTo(w);
        return w.toByteArray();
    }

    private void writeTo(CborWriter w) {
        int n = 1 + (kid != null ? 1 : 0) + (alg != null ? 1 : 0);
        switch (type) {
            case EC2 -> n += 3 + (d != null ? 1 : 0);
            case OKP -> n += 2 + (d != null ? 1 : 0);
            default -> n += 1;
        }
        w.map(n);
        w.integer(KTY).integer(type.id());
        if (kid != null) {
            w.integer(KID).bytes(kid);
        }
        if (alg != null) {
            w.integer(ALG).integer(alg);
        }
        switch (type) {
            case EC2 -> {
                w.integer(CRV).integer(curve.id()).integer(X).bytes(x).integer(Y).bytes(y);
                if (d != null) {
                    w.integer(D).bytes(d);
                }
            }
            case OKP -> {
                w.integer(CRV).integer(curve.id()).integer(X).bytes(x);
                if (d != null) {
                    w.integer(D).bytes(d);
                }
            }
            default -> w.integer(K).bytes(k);
        }
    }

    public static CoseKey decode(byte[] encoded) throws CoseException {
        return fromCbor(CborReader.decode(encoded, DecodeLimits.DEFAULT, "COSE_Key"));
    }

    /** Reads a decoded COSE_Key map; a compressed EC2 point (y as a boolean) is decompressed and validated. */
    static CoseKey fromCbor(CBORObject m) throws CoseException {
        CborReader.map(m, "COSE_Key");
        Map<Object, CBORObject> e = new LinkedHashMap<>();
        for (Map.Entry<CBORObject, CBORObject> en : m.getEntries()) {
            CBORObject key = en.getKey();
            Object label;
            if (CborReader.isUntagged(key, CBORType.Integer) && key.CanValueFitInInt64()) {
                label = key.AsInt64Value();
            } else if (CborReader.isUntagged(key, CBORType.TextString)) {
                label = key.AsString();
            } else {
                throw new CoseException("COSE_Key: a label must be an integer or a text string");
            }
            e.put(label, en.getValue());
        }
        CBORObject ktyObj = e.get(KTY);
        if (ktyObj == null) {
            throw new CoseException("COSE_Key: missing kty (1)");
        }
        long ktyId = CborReader.integer(ktyObj, "COSE_Key kty (1)");
        KeyType kty = KeyType.fromId(ktyId)
                .orElseThrow(() -> new CoseException("COSE_Key kty (1): unsupported key type " + ktyId));
        byte[] kidv = e.containsKey(KID) ? CborReader.bstr(e.get(KID), "COSE_Key kid (2)") : null;
        Long algv = null;
        if (e.containsKey(ALG)) {
            CBORObject a = e.get(ALG);
            if (!CborReader.isUntagged(a, CBORType.TextString)) {
                algv = CborReader.integer(a, "COSE_Key alg (3)");
            }
        }
        CoseKey key;
        switch (kty) {
            case SYMMETRIC -> key = symmetric(req(e, K, "k (-1)"));
            case EC2, OKP -> {
                CBORObject crvObj = e.get(CRV);
                if (crvObj == null) {
                    throw new CoseException("COSE_Key: missing crv (-1)");
                }
                long crvId = CborReader.integer(crvObj, "COSE_Key crv (-1)");
                Curve crv = Curve.fromId(crvId)
                        .orElseThrow(() -> new CoseException("COSE_Key crv (-1): unsupported curve " + crvId));
                if (crv.keyType() != kty) {
                    throw new CoseException("COSE_Key crv (-1): curve " + crv.jwkName() + " does not match kty");
                }
                byte[] dv = e.containsKey(D) ? CborReader.bstr(e.get(D), "COSE_Key d (-4)") : null;
                if (kty == KeyType.OKP) {
                    byte[] xv = e.containsKey(X) ? CborReader.bstr(e.get(X), "COSE_Key x (-2)") : null;
                    key = okp(crv, xv, dv);
                } else if (!e.containsKey(X) && !e.containsKey(Y) && dv != null) {
                    key = fromScalar(crv, dv);
                } else {
                    byte[] xv = req(e, X, "x (-2)");
                    CBORObject yObj = e.get(Y);
                    if (yObj == null) {
                        if (dv == null) {
                            throw new CoseException("COSE_Key: missing y (-3)");
                        }
                        key = fromScalar(crv, dv);
                    } else if (!yObj.isTagged() && yObj.getType() == CBORType.Boolean) {
                        if (xv.length != crv.coordinateLength()) {
                            throw new CoseException("COSE_Key x (-2): wrong length for " + crv.jwkName());
                        }
                        byte[] comp = new byte[1 + xv.length];
                        comp[0] = (byte) (yObj.isTrue() ? 3 : 2);
                        System.arraycopy(xv, 0, comp, 1, xv.length);
                        CoseKey p = ec2Point(crv, comp);
                        key = dv == null ? p : ec2(crv, p.x, p.y, dv);
                    } else {
                        key = ec2(crv, xv, CborReader.bstr(yObj, "COSE_Key y (-3)"), dv);
                    }
                }
            }
            default -> throw new CoseException("COSE_Key: unsupported key type");
        }
        return new CoseKey(key.type, key.curve, kidv, algv, key.x, key.y, key.d, key.k);
    }

    private static CoseKey fromScalar(Curve crv, byte[] dv) throws CoseException {
        checkScalar(crv, dv);
        org.bouncycastle.math.ec.ECPoint q = EcCurves.domain(crv).getG().multiply(new BigInteger(1, dv)).normalize();
        int n = crv.coordinateLength();
        return ec2(crv, EcCurves.fixed(q.getAffineXCoord().toBigInteger(), n),
                EcCurves.fixed(q.getAffineYCoord().toBigInteger(), n), dv);
    }

    private static byte[] req(Map<Object, CBORObject> e, long label, String name) throws CoseException {
        CBORObject v = e.get(label);
        if (v == null) {
            throw new CoseException("COSE_Key: missing " + name);
        }
        return CborReader.bstr(v, "COSE_Key " + name);
    }

    // ---------------------------------------------------------------- JWK

    /** Parses a JWK (RFC 7517/7518/8037: kty EC, OKP or oct). */
    public static CoseKey fromJwk(String json) throws CoseException {
        Object o = Json.parse(json);
        if (!(o instanceof Map<?, ?> m)) {
            throw new CoseException("JWK: not a JSON object");
        }
        return fromJwk(m);
    }

    /** Reads a parsed JWK object (values are strings). */
    public static CoseKey fromJwk(Map<?, ?> m) throws CoseException {
        String kty = str(m, "kty");
        if (kty == null) {
            throw new CoseException("JWK: missing kty");
        }
        KeyType t = KeyType.fromJwkName(kty).orElseThrow(() -> new CoseException("JWK: unsupported kty " + kty));
        CoseKey key;
        switch (t) {
            case SYMMETRIC -> key = symmetric(b64(m, "k"));
            case EC2, OKP -> {
                String crv = str(m, "crv");
                Curve c = Curve.fromJwkName(crv == null ? "" : crv)
                        .orElseThrow(() -> new CoseException("JWK: unsupported crv " + crv));
                if (t == KeyType.EC2) {
                    byte[] yy = b64(m, "y");
                    byte[] dd = m.containsKey("d") ? b64(m, "d") : null;
                    key = yy == null && dd != null ? fromScalar(c, dd) : ec2(c, b64(m, "x"), yy, dd);
                } else {
                    key = okp(c, m.containsKey("x") ? b64(m, "x") : null, m.containsKey("d") ? b64(m, "d") : null);
                }
            }
            default -> throw new CoseException("JWK: unsupported kty");
        }
        String kidText = str(m, "kid");
        return kidText == null ? key : key.withKid(kidText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String str(Map<?, ?> m, String name) throws CoseException {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new CoseException("JWK: " + name + " must be a string");
        }
        return s;
    }

    private static byte[] b64(Map<?, ?> m, String name) throws CoseException {
        String s = str(m, name);
        if (s == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new CoseException("JWK: " + name + " is not base64url");
        }
    }

    /** This key as a JWK JSON object (private members included only if {@code includePrivate}). */
    public String toJwk(boolean includePrivate) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        StringBuilder sb = new StringBuilder("{\"kty\":\"").append(type.jwkName()).append('"');
        if (kid != null) {
            sb.append(",\"kid\":").append(Json.quote(new String(kid, java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (type == KeyType.SYMMETRIC) {
            if (includePrivate) {
                sb.append(",\"k\":\"").append(b.encodeToString(k)).append('"');
            }
        } else {
            sb.append(",\"crv\":\"").append(curve.jwkName()).append('"');
            sb.append(",\"x\":\"").append(b.encodeToString(x)).append('"');
            if (y != null) {
                sb.append(",\"y\":\"").append(b.encodeToString(y)).append('"');
            }
            if (includePrivate && d != null) {
                sb.append(",\"d\":\"").append(b.encodeToString(d)).append('"');
            }
        }
        return sb.append('}').toString();
    }

    /** Zeroes the private or secret bytes held by this object. */
    public void destroy() {
        if (d != null) {
            Arrays.fill(d, (byte) 0);
        }
        if (k != null) {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CoseKey[").append(type);
        if (curve != null) {
            sb.append(' ').append(curve.jwkName());
        }
        if (kid != null) {
            sb.append(" kid=").append(HexFormat.of().formatHex(kid));
        }
        if (type == KeyType.SYMMETRIC) {
            sb.append(' ').append(k.length * 8).append("-bit secret");
        } else if (d != null) {
            sb.append(" with private key");
        }
        return sb.append(']').toString();
    }
}

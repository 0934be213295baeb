package io.github.cai4j.cose.internal;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.key.Curve;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Domain parameters of the NIST curves. BouncyCastle's {@code CustomNamedCurves} (specialised field arithmetic) are
 * used: the generic SEC parameters are several times slower (cose.md §9).
 */
public final class EcCurves {
    private static final Map<Curve, ECDomainParameters> DOMAINS = new EnumMap<>(Curve.class);
    private static final Map<Curve, ECParameterSpec> JCA = new EnumMap<>(Curve.class);

    static {
        for (Curve c : new Curve[] {Curve.P_256, Curve.P_384, Curve.P_521}) {
            X9ECParameters x9 = CustomNamedCurves.getByName(c.standardName());
            DOMAINS.put(c, new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed()));
            try {
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(c.standardName()));
                JCA.put(c, p.getParameterSpec(ECParameterSpec.class));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks curve " + c.standardName(), e);
            }
        }
    }

    private EcCurves() {
    }

    public static ECDomainParameters domain(Curve c) throws CoseException {
        ECDomainParameters d = DOMAINS.get(c);
        if (d == null) {
            throw new CoseException("curve " + c.jwkName() + " is not a NIST curve");
        }
        return d;
    }

    public static ECParameterSpec jcaSpec(Curve c) throws CoseException {
        ECParameterSpec s = JCA.get(c);
        if (s == null) {
            throw new CoseException("curve " + c.jwkName() + " is not a NIST curve");
        }
        return s;
    }

    /** Identifies a JCA curve by its order and field. */
    public static Curve identify(ECParameterSpec spec) throws CoseException {
        for (Map.Entry<Curve, ECParameterSpec> e : JCA.entrySet()) {
            ECParameterSpec s = e.getValue();
            if (s.getOrder().equals(spec.getOrder()) && s.getCurve().getField().equals(spec.getCurve().getField())
                    && s.getCurve().getA().equals(spec.getCurve().getA())) {
                return e.getKey();
            }
        }
        throw new CoseException("EC key on an unsupported curve");
    }

    /**
     * Validates a peer point: coordinates in range, on the curve, not the identity, in the prime-order subgroup.
     */
    public static ECPoint validatePoint(Curve c, BigInteger x, BigInteger y) throws CoseException {
        ECDomainParameters d = domain(c);
        BigInteger p = d.getCurve().getField().getCharacteristic();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new CoseException("EC point coordinates out of range for " + c.jwkName());
        }
        ECPoint q;
        try {
            q = d.getCurve().validatePoint(x, y);
            return d.validatePublicPoint(q);
        } catch (IllegalArgumentException e) {
            throw new CoseException("EC point is not a valid point on " + c.jwkName());
        }
    }

    /** Decodes a SEC 1 point (uncompressed or compressed) and validates it. */
    public static ECPoint decodePoint(Curve c, byte[] encoded) throws CoseException {
        ECDomainParameters d = domain(c);
        int n = c.coordinateLength();
        if (encoded == null || (encoded.length != 1 + n && encoded.length != 1 + 2 * n)) {
            throw new CoseException("EC point: wrong length for " + c.jwkName());
        }
        try {
            ECPoint q = d.getCurve().decodePoint(encoded);
            return d.validatePublicPoint(q);
        } catch (RuntimeException e) {
            // BouncyCastle reports malformed encodings with several runtime exception types
            throw new CoseException("EC point is not a valid point on " + c.jwkName());
        }
    }

    /** Fixed-length big-endian bytes of a non-negative integer. */
    public static byte[] fixed(BigInteger v, int len) throws CoseException {
        byte[] b = v.toByteArray();
        if (b.length == len) {
            return b;
        }
        if (b.length == len + 1 && b[0] == 0) {
            return java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        if (b.length > len) {
            throw new CoseException("integer too large for " + len + " bytes");
        }
        byte[] out = new byte[len];
        System.arraycopy(b, 0, out, len - b.length, b.length);
        return out;
    }
}

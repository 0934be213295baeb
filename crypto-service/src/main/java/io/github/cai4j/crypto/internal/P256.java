package io.github.cai4j.crypto.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.util.BigIntegers;

/**
 * secp256r1 with BouncyCastle's specialised field arithmetic ({@code CustomNamedCurves}, about 5x faster than
 * the generic curve, {@code spec/cose.md} §9) and the base point's comb table computed once.
 */
final class P256 {
    static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
    static final ECCurve CURVE = X9.getCurve();
    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE, X9.getG(), X9.getN(), X9.getH(), X9.getSeed());
    static final BigInteger N = X9.getN();
    static final BigInteger N_MINUS_2 = N.subtract(BigInteger.TWO);
    static final int SCALAR_BYTES = 32;
    static final int POINT_BYTES = 65;

    static {
        FixedPointUtil.precompute(DOMAIN.getG());
    }

    private P256() {
    }

    /**
     * Decodes and validates an uncompressed public point {@code 04 || X || Y}: coordinates below p, on the
     * curve, not the identity.
     *
     * @throws PsaException INVALID_ARGUMENT otherwise
     */
    static ECPoint decodePublic(byte[] encoded) throws PsaException {
        if (encoded.length != POINT_BYTES || encoded[0] != 0x04) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT,
                    "a P-256 public key is 65 bytes 04||X||Y");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, 33));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 33, 65));
        BigInteger p = CURVE.getField().getCharacteristic();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "P-256 point coordinate not below p");
        }
        ECPoint q;
        try {
            q = CURVE.createPoint(x, y);
        } catch (IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "invalid P-256 point");
        }
        if (q.isInfinity() || !q.isValid()) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "P-256 point is not on the curve");
        }
        return q.normalize();
    }

    /** {@code true} if {@code d} is a valid private scalar, 1 &le; d &lt; n. */
    static boolean isValidScalar(BigInteger d) {
        return d.signum() > 0 && d.compareTo(N) < 0;
    }

    /**
     * One step of the PSA Weierstrass key method ({@code spec/mcuboot-psa.md} B7): the 32 drawn bytes as a
     * big-endian k; {@code null} if k &gt; n-2 (the caller draws again), else the private key d = k + 1.
     */
    static BigInteger scalarFromDraw(byte[] draw) {
        BigInteger k = new BigInteger(1, draw);
        if (k.compareTo(N_MINUS_2) > 0) {
            return null;
        }
        return k.add(BigInteger.ONE);
    }

    /** The public point of {@code d}. */
    static ECPoint publicPoint(BigInteger d) {
        return DOMAIN.getG().multiply(d).normalize();
    }

    /** {@code 04 || X || Y}. */
    static byte[] encode(ECPoint q) {
        return q.normalize().getEncoded(false);
    }

    /** A scalar as 32 big-endian bytes. */
    static byte[] scalarBytes(BigInteger v) {
        return BigIntegers.asUnsignedByteArray(SCALAR_BYTES, v);
    }
}

package io.github.cai4j.cose.internal;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.key.Curve;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/** ECDSA with raw r‖s signatures (RFC 9053 §2.1) on BouncyCastle's lightweight API. */
public final class Ecdsa {
    private Ecdsa() {
    }

    public static Algorithm algorithmFor(Curve c) throws CoseException {
        return switch (c) {
            case P_256 -> Algorithm.ES256;
            case P_384 -> Algorithm.ES384;
            case P_521 -> Algorithm.ES512;
            default -> throw new CoseException("no ECDSA algorithm for curve " + c.jwkName());
        };
    }

    public static Digest digest(Algorithm alg) throws CoseException {
        return switch (alg) {
            case ES256 -> new SHA256Digest();
            case ES384 -> new SHA384Digest();
            case ES512 -> new SHA512Digest();
            default -> throw new CoseException(alg + " is not an ECDSA algorithm");
        };
    }

    public static byte[] hash(Algorithm alg, byte[] data) throws CoseException {
        Digest d = digest(alg);
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * Signs with a random k, or with the RFC 6979 k whose HMAC-DRBG uses SHA-256 whatever the message hash (the
     * convention that reproduces the cose-wg Examples signatures) when {@code random} is null.
     */
    public static byte[] sign(Algorithm alg, Curve curve, ECPrivateKeyParameters key, byte[] tbs, SecureRandom random)
            throws CoseException {
        ECDSASigner s = random == null
                ? new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()))
                : new ECDSASigner();
        s.init(true, random == null ? key : new ParametersWithRandom(key, random));
        BigInteger[] rs = s.generateSignature(hash(alg, tbs));
        int n = curve.coordinateLength();
        byte[] out = new byte[2 * n];
        System.arraycopy(EcCurves.fixed(rs[0], n), 0, out, 0, n);
        System.arraycopy(EcCurves.fixed(rs[1], n), 0, out, n, n);
        return out;
    }

    /** Verifies raw r‖s; wrong length or out-of-range halves are simply invalid. */
    public static boolean verify(Algorithm alg, Curve curve, ECPublicKeyParameters key, byte[] tbs, byte[] sig)
            throws CoseException {
        int n = curve.coordinateLength();
        if (sig == null || sig.length != 2 * n) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, n));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, n, 2 * n));
        BigInteger order = key.getParameters().getN();
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return false;
        }
        ECDSASigner v = new ECDSASigner();
        v.init(false, key);
        return v.verifySignature(hash(alg, tbs), r, s);
    }

    /** Converts a DER ECDSA signature (JCA output) to raw r‖s. */
    public static byte[] derToRaw(byte[] der, int n) throws CoseException {
        try {
            org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
            if (seq.size() != 2) {
                throw new CoseException("DER signature: expected two integers");
            }
            BigInteger r = org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            BigInteger s = org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            byte[] out = new byte[2 * n];
            System.arraycopy(EcCurves.fixed(r, n), 0, out, 0, n);
            System.arraycopy(EcCurves.fixed(s, n), 0, out, n, n);
            return out;
        } catch (IllegalArgumentException e) {
            throw new CoseException("DER signature: malformed", e);
        }
    }
}

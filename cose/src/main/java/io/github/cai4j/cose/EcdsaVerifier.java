package io.github.cai4j.cose;

import io.github.cai4j.cose.internal.EcCurves;
import io.github.cai4j.cose.internal.Ecdsa;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.KeyType;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/** ECDSA verification for a validated public point; the algorithm follows the curve (ES256 for P-256, …). */
public final class EcdsaVerifier implements CoseVerifier {
    private final Curve curve;
    private final Algorithm alg;
    private final ECPublicKeyParameters key;

    private EcdsaVerifier(Curve curve, BigInteger x, BigInteger y) throws CoseException {
        this(curve, x, y, Ecdsa.algorithmFor(curve));
    }

    private EcdsaVerifier(Curve curve, BigInteger x, BigInteger y, Algorithm alg) throws CoseException {
        Ecdsa.digest(alg);
        this.curve = curve;
        this.alg = alg;
        this.key = new ECPublicKeyParameters(EcCurves.validatePoint(curve, x, y), EcCurves.domain(curve));
    }

    public static EcdsaVerifier of(ECPublicKey key) throws CoseException {
        return new EcdsaVerifier(EcCurves.identify(key.getParams()), key.getW().getAffineX(),
                key.getW().getAffineY());
    }

    public static EcdsaVerifier of(CoseKey key) throws CoseException {
        if (key.type() != KeyType.EC2) {
            throw new CoseException("ECDSA needs an EC2 key");
        }
        return new EcdsaVerifier(key.curve().orElseThrow(), new BigInteger(1, key.x()), new BigInteger(1, key.y()));
    }

    /**
     * A verifier for an explicit ECDSA algorithm, for messages that pair a hash with another curve than the usual
     * one (e.g. ES512 with P-256, which RFC 9053 permits).
     */
    public static EcdsaVerifier of(CoseKey key, Algorithm alg) throws CoseException {
        if (key.type() != KeyType.EC2) {
            throw new CoseException("ECDSA needs an EC2 key");
        }
        return new EcdsaVerifier(key.curve().orElseThrow(), new BigInteger(1, key.x()), new BigInteger(1, key.y()),
                alg);
    }

    /** From an uncompressed (04‖X‖Y) or compressed SEC 1 point. */
    public static EcdsaVerifier of(Curve curve, byte[] encodedPoint) throws CoseException {
        return of(CoseKey.ec2Point(curve, encodedPoint));
    }

    @Override
    public Algorithm algorithm() {
        return alg;
    }

    @Override
    public boolean verify(byte[] toBeSigned, byte[] signature) throws CoseException {
        return Ecdsa.verify(alg, curve, key, toBeSigned, signature);
    }

    @Override
    public String toString() {
        return "EcdsaVerifier[" + alg.displayName() + "]";
    }
}

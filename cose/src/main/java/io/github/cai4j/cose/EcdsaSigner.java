package io.github.cai4j.cose;

import io.github.cai4j.cose.internal.EcCurves;
import io.github.cai4j.cose.internal.Ecdsa;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.KeyType;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Optional;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * ECDSA (ES256/ES384/ES512 by curve) with a key held in memory. Signatures are raw r‖s. By default k is random
 * (from a {@link SecureRandom}); {@link #deterministic} uses RFC 6979 with an HMAC-SHA-256 DRBG for every hash size,
 * which reproduces the published cose-wg example signatures byte for byte.
 */
public final class EcdsaSigner implements CoseSigner {
    private final Curve curve;
    private final Algorithm alg;
    private final ECPrivateKeyParameters key;
    private final SecureRandom random;
    private final byte[] kid;

    private EcdsaSigner(Curve curve, BigInteger d, SecureRandom random, byte[] kid) throws CoseException {
        this(curve, d, random, kid, Ecdsa.algorithmFor(curve));
    }

    private EcdsaSigner(Curve curve, BigInteger d, SecureRandom random, byte[] kid, Algorithm alg)
            throws CoseException {
        Ecdsa.digest(alg);
        this.curve = curve;
        this.alg = alg;
        this.key = new ECPrivateKeyParameters(d, EcCurves.domain(curve));
        this.random = random;
        this.kid = kid;
    }

    public static EcdsaSigner of(ECPrivateKey key) throws CoseException {
        return new EcdsaSigner(EcCurves.identify(key.getParams()), key.getS(), new SecureRandom(), null);
    }

    public static EcdsaSigner of(CoseKey key) throws CoseException {
        return new EcdsaSigner(ec2Curve(key), scalar(key), new SecureRandom(), key.kid().orElse(null));
    }

    /** A signer whose k comes from the given source. */
    public static EcdsaSigner of(CoseKey key, SecureRandom random) throws CoseException {
        return new EcdsaSigner(ec2Curve(key), scalar(key), random, key.kid().orElse(null));
    }

    /** Deterministic ECDSA (RFC 6979 k, HMAC-DRBG over SHA-256 for every curve). */
    public static EcdsaSigner deterministic(CoseKey key) throws CoseException {
        return new EcdsaSigner(ec2Curve(key), scalar(key), null, key.kid().orElse(null));
    }

    /** Deterministic ECDSA with an explicit algorithm (e.g. ES512 on P-256). */
    public static EcdsaSigner deterministic(CoseKey key, Algorithm alg) throws CoseException {
        return new EcdsaSigner(ec2Curve(key), scalar(key), null, key.kid().orElse(null), alg);
    }

    public static EcdsaSigner deterministic(ECPrivateKey key) throws CoseException {
        return new EcdsaSigner(EcCurves.identify(key.getParams()), key.getS(), null, null);
    }

    private static Curve ec2Curve(CoseKey key) throws CoseException {
        if (key.type() != KeyType.EC2) {
            throw new CoseException("ECDSA needs an EC2 key");
        }
        return key.curve().orElseThrow();
    }

    private static BigInteger scalar(CoseKey key) throws CoseException {
        byte[] d = key.privateBytes();
        try {
            return new BigInteger(1, d);
        } finally {
            java.util.Arrays.fill(d, (byte) 0);
        }
    }

    @Override
    public Algorithm algorithm() {
        return alg;
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws CoseException {
        return Ecdsa.sign(alg, curve, key, toBeSigned, random);
    }

    @Override
    public Optional<byte[]> keyId() {
        return Optional.ofNullable(kid).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "EcdsaSigner[" + alg.displayName() + "]";
    }
}

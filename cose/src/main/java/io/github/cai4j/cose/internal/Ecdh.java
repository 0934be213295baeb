package io.github.cai4j.cose.internal;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.KeyType;
import java.math.BigInteger;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** Raw ECDH: the x coordinate of the shared point, fixed length (RFC 9053 §6.3.1). */
public final class Ecdh {
    private Ecdh() {
    }

    /** The shared secret of a private key and a (validated) peer public key on the same curve. */
    public static byte[] agree(CoseKey priv, CoseKey peer) throws CoseException {
        Curve c = priv.curve().orElseThrow(() -> new CoseException("ECDH: not an EC key"));
        if (peer.curve().orElse(null) != c) {
            throw new CoseException("ECDH: peer key is not on " + c.jwkName());
        }
        byte[] d = priv.privateBytes();
        try {
            if (c.keyType() == KeyType.EC2) {
                ECPrivateKeyParameters sk = new ECPrivateKeyParameters(new BigInteger(1, d), EcCurves.domain(c));
                ECPublicKeyParameters pk = new ECPublicKeyParameters(
                        EcCurves.validatePoint(c, new BigInteger(1, peer.x()), new BigInteger(1, peer.y())),
                        EcCurves.domain(c));
                ECDHBasicAgreement a = new ECDHBasicAgreement();
                a.init(sk);
                try {
                    return EcCurves.fixed(a.calculateAgreement(pk), c.coordinateLength());
                } catch (IllegalStateException e) {
                    throw new CoseException("ECDH: invalid shared point");
                }
            }
            if (c == Curve.X25519) {
                X25519Agreement a = new X25519Agreement();
                a.init(new X25519PrivateKeyParameters(d, 0));
                byte[] out = new byte[32];
                try {
                    a.calculateAgreement(new X25519PublicKeyParameters(peer.x(), 0), out, 0);
                } catch (IllegalStateException e) {
                    throw new CoseException("ECDH: X25519 produced an all-zero secret");
                }
                return out;
            }
            throw new CoseException("ECDH: unsupported curve " + c.jwkName());
        } finally {
            java.util.Arrays.fill(d, (byte) 0);
        }
    }
}

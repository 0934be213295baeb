package io.github.cai4j.bootloader.image;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA P-256 verification of an image digest with BouncyCastle's precomputed curve (several times faster than
 * the JDK's provider). The signature must be strict DER, as MCUboot's parser requires: anything that does not
 * re-encode to the same bytes fails.
 */
final class P256Verifier {
    private static final ECDomainParameters P256;

    static {
        X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
        P256 = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    private P256Verifier() {
    }

    /** Verifies with the key's prepared parameters, preparing them on first use. */
    static boolean verify(TrustedKey key, byte[] digest, byte[] derSignature) {
        Object cached = key.p256Parameters();
        ECPublicKeyParameters params;
        if (cached instanceof ECPublicKeyParameters p) {
            params = p;
        } else {
            ECPublicKey ec = (ECPublicKey) key.publicKey();
            try {
                params = new ECPublicKeyParameters(P256.getCurve().validatePoint(ec.getW().getAffineX(),
                        ec.getW().getAffineY()), P256);
            } catch (IllegalArgumentException e) {
                return false;
            }
            key.p256Parameters(params);
        }
        return verify(params, digest, derSignature);
    }

    private static boolean verify(ECPublicKeyParameters params, byte[] digest, byte[] derSignature) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(derSignature);
            if (!(p instanceof ASN1Sequence seq) || seq.size() != 2
                    || !(seq.getObjectAt(0) instanceof ASN1Integer ri) || !(seq.getObjectAt(1) instanceof ASN1Integer si)
                    || !MessageDigest.isEqual(p.getEncoded(ASN1Encoding.DER), derSignature)) {
                return false;
            }
            r = ri.getValue();
            s = si.getValue();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, params);
        return verifier.verifySignature(digest, r, s);
    }
}

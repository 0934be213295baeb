package io.github.cai4j.cose;

import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** EdDSA (Ed25519) verification. */
public final class EdDsaVerifier implements CoseVerifier {
    private final Ed25519PublicKeyParameters key;

    private EdDsaVerifier(Ed25519PublicKeyParameters key) {
        this.key = key;
    }

    public static EdDsaVerifier of(CoseKey key) throws CoseException {
        if (key.curve().orElse(null) != Curve.ED25519) {
            throw new CoseException("EdDSA verification needs an Ed25519 OKP key");
        }
        try {
            return new EdDsaVerifier(new Ed25519PublicKeyParameters(key.x(), 0));
        } catch (IllegalArgumentException e) {
            throw new CoseException("Ed25519 public key is malformed");
        }
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.EDDSA;
    }

    @Override
    public boolean verify(byte[] toBeSigned, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, key);
        v.update(toBeSigned, 0, toBeSigned.length);
        return v.verifySignature(signature);
    }

    @Override
    public String toString() {
        return "EdDsaVerifier[Ed25519]";
    }
}

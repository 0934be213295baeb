package io.github.cai4j.cose;

import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** EdDSA with Ed25519 (RFC 8032, pure); signatures are 64 bytes and deterministic. */
public final class EdDsaSigner implements CoseSigner {
    private final Ed25519PrivateKeyParameters key;
    private final byte[] kid;

    private EdDsaSigner(Ed25519PrivateKeyParameters key, byte[] kid) {
        this.key = key;
        this.kid = kid;
    }

    public static EdDsaSigner of(CoseKey key) throws CoseException {
        if (key.curve().orElse(null) != Curve.ED25519) {
            throw new CoseException("EdDSA signing needs an Ed25519 OKP key");
        }
        byte[] d = key.privateBytes();
        try {
            return new EdDsaSigner(new Ed25519PrivateKeyParameters(d, 0), key.kid().orElse(null));
        } finally {
            java.util.Arrays.fill(d, (byte) 0);
        }
    }

    public static EdDsaSigner of(java.security.PrivateKey key) throws CoseException {
        return of(CoseKey.fromPrivateKey(key, null));
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.EDDSA;
    }

    @Override
    public byte[] sign(byte[] toBeSigned) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(toBeSigned, 0, toBeSigned.length);
        return s.generateSignature();
    }

    @Override
    public Optional<byte[]> keyId() {
        return Optional.ofNullable(kid).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "EdDsaSigner[Ed25519]";
    }
}

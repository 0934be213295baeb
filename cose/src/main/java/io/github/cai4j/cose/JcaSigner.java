package io.github.cai4j.cose;

import io.github.cai4j.cose.internal.Ecdsa;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;

/**
 * Signs through {@link java.security.Signature}, so the private key may be non-extractable (PKCS#11, an HSM, a
 * platform key store). ECDSA output (DER) is converted to raw r‖s.
 */
public final class JcaSigner implements CoseSigner {
    private final PrivateKey key;
    private final Algorithm alg;
    private final Provider provider;
    private final byte[] kid;

    private JcaSigner(PrivateKey key, Algorithm alg, Provider provider, byte[] kid) {
        this.key = key;
        this.alg = alg;
        this.provider = provider;
        this.kid = kid;
    }

    /** A signer for {@code alg} (ES256/384/512 or EdDSA) with the default provider for the key. */
    public static JcaSigner of(PrivateKey key, Algorithm alg) throws CoseException {
        return of(key, alg, null, null);
    }

    public static JcaSigner of(PrivateKey key, Algorithm alg, Provider provider, byte[] kid) throws CoseException {
        if (alg.kind() != Algorithm.Kind.SIGNATURE) {
            throw new CoseException(alg + " is not a signature algorithm");
        }
        return new JcaSigner(key, alg, provider, kid == null ? null : kid.clone());
    }

    @Override
    public Algorithm algorithm() {
        return alg;
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws CoseException {
        String name = switch (alg) {
            case ES256 -> "SHA256withECDSA";
            case ES384 -> "SHA384withECDSA";
            case ES512 -> "SHA512withECDSA";
            default -> "Ed25519";
        };
        try {
            Signature s = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
            s.initSign(key);
            s.update(toBeSigned);
            byte[] sig = s.sign();
            int n = switch (alg) {
                case ES256 -> 32;
                case ES384 -> 48;
                case ES512 -> 66;
                default -> 0;
            };
            return n == 0 ? sig : Ecdsa.derToRaw(sig, n);
        } catch (GeneralSecurityException e) {
            throw new CoseException("signing with " + alg + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Optional<byte[]> keyId() {
        return Optional.ofNullable(kid).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "JcaSigner[" + alg.displayName() + "]";
    }
}

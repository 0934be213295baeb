package io.github.cai4j.cloud.tls;

import io.github.cai4j.crypto.EcdsaSignatureFormat;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.psa.PsaException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Map;

/**
 * A JCA provider whose {@code SHA256withECDSA} and {@code NONEwithECDSA} sign with a {@link PsaPrivateKey} through
 * crypto-service's {@code psa_sign_hash} and return DER {@code Ecdsa-Sig-Value}s. It accepts no other key and offers
 * no verification, so JCA's delayed provider selection picks it only for PSA key handles; {@link #install()} adds it
 * after every other provider.
 */
public final class PsaSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider name. */
    public static final String NAME = "cai4j-PSA";

    private static final PsaSignatureProvider INSTANCE = new PsaSignatureProvider();

    private PsaSignatureProvider() {
        super(NAME, "1.0", "ECDSA signatures through the PSA Crypto API with keys held by crypto-service");
        Map<String, String> attrs = Map.of("SupportedKeyClasses", PsaPrivateKey.class.getName());
        putService(new SignatureService(this, "SHA256withECDSA", true, attrs));
        putService(new SignatureService(this, "NONEwithECDSA", false, attrs));
    }

    /** The provider. */
    public static PsaSignatureProvider instance() {
        return INSTANCE;
    }

    /** Registers the provider (last in the list) once; later calls do nothing. */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.addProvider(INSTANCE);
        }
    }

    private static final class SignatureService extends Provider.Service {
        private final boolean hashing;

        SignatureService(Provider p, String algorithm, boolean hashing, Map<String, String> attrs) {
            super(p, "Signature", algorithm, PsaEcdsa.class.getName(), null, attrs);
            this.hashing = hashing;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return new PsaEcdsa(hashing);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return parameter instanceof PsaPrivateKey;
        }
    }

    /** The signature engine. */
    static final class PsaEcdsa extends SignatureSpi {
        private static final int HASH_LENGTH = 32;

        private final boolean hashing;
        private MessageDigest digest;
        private final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        private PsaPrivateKey key;

        PsaEcdsa(boolean hashing) throws NoSuchAlgorithmException {
            this.hashing = hashing;
            this.digest = hashing ? MessageDigest.getInstance("SHA-256") : null;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("the PSA provider only signs with PSA key handles");
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof PsaPrivateKey k)) {
                throw new InvalidKeyException("not a PSA key handle: "
                        + (privateKey == null ? "null" : privateKey.getClass().getName()));
            }
            this.key = k;
            reset();
        }

        private void reset() {
            if (digest != null) {
                digest.reset();
            }
            raw.reset();
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            engineUpdate(new byte[] {b}, 0, 1);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            if (key == null) {
                throw new SignatureException("not initialised for signing");
            }
            if (hashing) {
                digest.update(b, off, len);
            } else {
                if (raw.size() + len > HASH_LENGTH) {
                    throw new SignatureException("NONEwithECDSA signs a 32-byte SHA-256 hash");
                }
                raw.write(b, off, len);
            }
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            if (key == null) {
                throw new SignatureException("not initialised for signing");
            }
            byte[] hash = hashing ? digest.digest() : raw.toByteArray();
            reset();
            if (hash.length != HASH_LENGTH) {
                throw new SignatureException("NONEwithECDSA signs a 32-byte SHA-256 hash, got " + hash.length);
            }
            try {
                byte[] rs = key.crypto().signHash(key.keyId(), PsaAlgorithm.ECDSA_SHA_256, hash);
                key.countSignature();
                return EcdsaSignatureFormat.rawToDer(rs);
            } catch (PsaException e) {
                throw new SignatureException("psa_sign_hash with key 0x" + Integer.toHexString(key.keyId())
                        + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("the PSA provider only signs");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}

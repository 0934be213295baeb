package io.github.cai4j.cloud.tls;

import io.github.cai4j.cloud.CloudException;
import io.github.cai4j.cloud.TlsCredentials;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DeviceKeys;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * TLS client contexts for a device: its client TLS key 0x5001 stays in crypto-service, the certificate comes from
 * protected storage ({@code keys ca 5001}), and the peer must chain to the CA root. TLS 1.2 and 1.3.
 */
public final class DeviceTls {
    private DeviceTls() {
    }

    /**
     * A context for an explicit key handle and certificate.
     *
     * @param crypto      the key owner's crypto client
     * @param keyId       the key id in crypto-service
     * @param certificate the certificate of that key
     * @param caRoot      the root the server must chain to
     */
    public static SSLContext context(CryptoClient crypto, int keyId, X509Certificate certificate,
                                     X509Certificate caRoot) throws CloudException {
        PsaSignatureProvider.install();
        PsaPrivateKey key = new PsaPrivateKey(crypto, keyId);
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new KeyManager[] {new PsaKeyManager(key, certificate)}, TlsCredentials.trusting(caRoot),
                    new SecureRandom());
            return c;
        } catch (GeneralSecurityException e) {
            throw new CloudException("cannot build the device's TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * The device's context: key 0x5001 of {@code keys} with the certificate stored by {@code keys ca 5001}.
     *
     * @throws CloudException if the TLS key has no certificate yet
     */
    public static SSLContext context(DeviceKeys keys, PsaClient nonSecure, X509Certificate caRoot)
            throws CloudException, PsaException {
        Optional<byte[]> der = keys.certificate(DeviceKey.CLIENT_TLS);
        if (der.isEmpty()) {
            throw new CloudException("the client TLS key has no certificate: run keys ca 5001 first");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CloudException("the stored TLS certificate does not parse", e);
        }
        return context(new CryptoClient(nonSecure), keys.tlsKeyId(), cert, caRoot);
    }
}

package io.github.cai4j.cloud;

import io.github.cai4j.cloud.internal.Pki;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A cloud-side TLS identity held in PEM files (the CA's server certificate, the shared bootstrap client certificate,
 * the cloud listener's certificate): a private key file and a certificate file.
 *
 * @param keyFile         PKCS#8 PEM private key
 * @param certificateFile PEM certificate
 */
public record TlsCredentials(Path keyFile, Path certificateFile) {
    public TlsCredentials {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(certificateFile, "certificateFile");
    }

    /** The certificate. */
    public X509Certificate certificate() throws CloudException {
        return Pki.readCertificate(certificateFile);
    }

    /** Key managers presenting this identity. */
    public KeyManager[] keyManagers() throws CloudException {
        PrivateKey key = Pki.readPrivateKey(keyFile);
        byte[] seed = new byte[16];
        new SecureRandom().nextBytes(seed);
        char[] password = new char[seed.length];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + (seed[i] & 0x0f));
        }
        Arrays.fill(seed, (byte) 0);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("identity", key, password, new Certificate[] {certificate()});
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(ks, password);
            return f.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CloudException("cannot load the TLS identity " + certificateFile + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Trust managers that trust exactly {@code root}. */
    public static TrustManager[] trusting(X509Certificate root) throws CloudException {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("root", root);
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(ts);
            return f.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CloudException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /** A TLS 1.2/1.3 context presenting this identity and trusting only {@code root}. */
    public SSLContext sslContext(X509Certificate root) throws CloudException {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keyManagers(), trusting(root), new SecureRandom());
            return c;
        } catch (GeneralSecurityException e) {
            throw new CloudException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}

package io.github.cai4j.cloud.internal;

import io.github.cai4j.psa.platform.PlatformLog;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Delegates to a PKIX trust manager and logs every client certificate it rejects. */
public final class LoggingTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final PlatformLog log;
    private final String source;

    public LoggingTrustManager(X509TrustManager delegate, PlatformLog log, String source) {
        this.delegate = delegate;
        this.log = log;
        this.source = source;
    }

    private void checkClient(X509Certificate[] chain, String authType, Object where) throws CertificateException {
        try {
            if (delegate instanceof X509ExtendedTrustManager x && where instanceof Socket s) {
                x.checkClientTrusted(chain, authType, s);
            } else if (delegate instanceof X509ExtendedTrustManager x && where instanceof SSLEngine e) {
                x.checkClientTrusted(chain, authType, e);
            } else {
                delegate.checkClientTrusted(chain, authType);
            }
        } catch (CertificateException e) {
            String subject = chain == null || chain.length == 0 ? "(none)"
                    : chain[0].getSubjectX500Principal().getName();
            log.warn(source, "Rejected TLS client certificate " + subject + ": it does not chain to the CA root");
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClient(chain, authType, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClient(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClient(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (delegate instanceof X509ExtendedTrustManager x) {
            x.checkServerTrusted(chain, authType, socket);
        } else {
            delegate.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (delegate instanceof X509ExtendedTrustManager x) {
            x.checkServerTrusted(chain, authType, engine);
        } else {
            delegate.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}

package io.github.cai4j.cloud.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client-side JSSE key manager with one identity: a device certificate and the {@link PsaPrivateKey} handle of its
 * key. The handshake's CertificateVerify is signed by crypto-service through {@link PsaSignatureProvider}.
 */
public final class PsaKeyManager extends X509ExtendedKeyManager {
    /** The one alias. */
    public static final String ALIAS = "device-tls";

    private final PsaPrivateKey key;
    private final X509Certificate[] chain;

    public PsaKeyManager(PsaPrivateKey key, X509Certificate... chain) {
        this.key = Objects.requireNonNull(key, "key");
        if (chain.length == 0) {
            throw new IllegalArgumentException("a certificate chain is required");
        }
        this.chain = chain.clone();
    }

    private boolean offers(String keyType) {
        return "EC".equals(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return offers(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return keyType != null && Arrays.stream(keyType).anyMatch(this::offers) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyType, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String toString() {
        return "PsaKeyManager[" + chain[0].getSubjectX500Principal().getName() + ", " + key + "]";
    }
}

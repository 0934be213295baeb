package io.github.cai4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cloud.internal.Pki;
import io.github.cai4j.cloud.tls.DeviceTls;
import io.github.cai4j.cloud.tls.PsaKeyManager;
import io.github.cai4j.cloud.tls.PsaPrivateKey;
import io.github.cai4j.cloud.tls.PsaSignatureProvider;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.psa.platform.RecordingLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS with the device's client TLS key 0x5001, which signs inside crypto-service. */
class DeviceTlsTest {
    @TempDir
    static Path dir;
    private static BootstrapCa ca;
    private static TestDevice device;
    private static TestDevice other;

    @BeforeAll
    static void provision() throws Exception {
        ca = BootstrapCa.open(dir, new BootstrapCa.Options().log(new RecordingLog())).start(0);
        device = TestDevice.boot(0x41);
        other = TestDevice.boot(0x42);
        BootstrapClient c = BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(), ca.rootCertificate());
        c.provision(device.keys, device.ps, DeviceKey.CLIENT_TLS);
        c.provision(other.keys, other.ps, DeviceKey.CLIENT_TLS);
    }

    @AfterAll
    static void stop() {
        ca.close();
        device.close();
        other.close();
    }

    private record Seen(String protocol, X509Certificate peer) {
    }

    /** Serves one TLS connection on 127.0.0.1 that requires a client certificate chaining to the CA. */
    private static CompletableFuture<Seen> serveOnce(SSLServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
                InputStream in = s.getInputStream();
                int b = in.read();
                OutputStream out = s.getOutputStream();
                out.write(b + 1);
                out.flush();
                return new Seen(s.getSession().getProtocol(), peer);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static SSLServerSocket server(String protocol) throws Exception {
        SSLContext sc = ca.serverCredentials().sslContext(ca.rootCertificate());
        SSLServerSocket s = (SSLServerSocket) sc.getServerSocketFactory().createServerSocket(0, 4,
                InetAddress.getLoopbackAddress());
        s.setSoTimeout(10_000);
        s.setNeedClientAuth(true);
        s.setEnabledProtocols(new String[] {protocol});
        return s;
    }

    private static int roundTrip(SSLContext client, int port, String protocol) throws IOException {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port)) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            s.getOutputStream().write(41);
            s.getOutputStream().flush();
            return s.getInputStream().read();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theDeviceAuthenticatesWithItsPsaHeldKey(String protocol) throws Exception {
        X509Certificate cert = Pki.certificate(device.keys.certificate(DeviceKey.CLIENT_TLS).orElseThrow());
        PsaPrivateKey key = new PsaPrivateKey(new CryptoClient(device.ns()), device.keys.tlsKeyId());
        PsaSignatureProvider.install();
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(new javax.net.ssl.KeyManager[] {new PsaKeyManager(key, cert)},
                TlsCredentials.trusting(ca.rootCertificate()), null);
        try (SSLServerSocket server = server(protocol)) {
            CompletableFuture<Seen> seen = serveOnce(server);
            assertEquals(42, roundTrip(client, server.getLocalPort(), protocol));
            Seen s = seen.get(20, TimeUnit.SECONDS);
            assertEquals(protocol, s.protocol());
            assertArrayEquals(cert.getEncoded(), s.peer().getEncoded());
            assertTrue(s.peer().getSubjectX500Principal().getName().contains("CN=" + device.uuid));
        }
        assertEquals(1, key.signatureCount(), "exactly one CertificateVerify signed by crypto-service");
        assertNull(key.getEncoded());
        assertNull(key.getFormat());
    }

    @Test
    void theStoredCertificateBuildsTheContext() throws Exception {
        SSLContext client = DeviceTls.context(device.keys, device.ns(), ca.rootCertificate());
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            try (SSLServerSocket server = server(protocol)) {
                CompletableFuture<Seen> seen = serveOnce(server);
                assertEquals(42, roundTrip(client, server.getLocalPort(), protocol));
                assertEquals(device.uuid, ca.registry().deviceOf(seen.get(20, TimeUnit.SECONDS).peer())
                        .orElseThrow());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anotherDevicesCertificateWithThisKeyFailsTheHandshake(String protocol) throws Exception {
        X509Certificate foreign = Pki.certificate(other.keys.certificate(DeviceKey.CLIENT_TLS).orElseThrow());
        SSLContext client = DeviceTls.context(new CryptoClient(device.ns()), device.keys.tlsKeyId(), foreign,
                ca.rootCertificate());
        try (SSLServerSocket server = server(protocol)) {
            CompletableFuture<Seen> seen = serveOnce(server);
            assertThrows(IOException.class, () -> roundTrip(client, server.getLocalPort(), protocol));
            assertThrows(java.util.concurrent.ExecutionException.class, () -> seen.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void theProviderSignsOnlyPsaHandlesAndItsSignaturesVerify() throws Exception {
        PsaSignatureProvider.install();
        PsaPrivateKey key = new PsaPrivateKey(new CryptoClient(device.ns()), device.keys.tlsKeyId());
        byte[] msg = "to be signed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(msg);
        byte[] der = s.sign();
        assertEquals(PsaSignatureProvider.NAME, s.getProvider().getName());
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(device.keys.publicKey(DeviceKey.CLIENT_TLS).toJca());
        v.update(msg);
        assertTrue(v.verify(der));
        assertTrue(!PsaSignatureProvider.NAME.equals(v.getProvider().getName()));
        // NONEwithECDSA over the SHA-256 hash gives a signature SHA256withECDSA verifies
        Signature n = Signature.getInstance("NONEwithECDSA");
        n.initSign(key);
        n.update(MessageDigest.getInstance("SHA-256").digest(msg));
        byte[] der2 = n.sign();
        v.initVerify(device.keys.publicKey(DeviceKey.CLIENT_TLS).toJca());
        v.update(msg);
        assertTrue(v.verify(der2));
        assertEquals(2, key.signatureCount());
        // a non-32-byte input to NONEwithECDSA is refused
        n.initSign(key);
        n.update(new byte[5]);
        assertThrows(java.security.SignatureException.class, n::sign);
        // the provider does not take ordinary keys
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        Signature direct = Signature.getInstance("SHA256withECDSA", PsaSignatureProvider.instance());
        assertThrows(java.security.InvalidKeyException.class, () -> direct.initSign(g.generateKeyPair().getPrivate()));
        assertThrows(java.security.InvalidKeyException.class,
                () -> direct.initVerify(device.keys.publicKey(DeviceKey.CLIENT_TLS).toJca()));
        assertTrue(!key.toString().isEmpty() && key.toString().contains("0x"));
    }

    @Test
    void aKeyWithoutCertificateCannotBuildAContext() throws Exception {
        try (TestDevice fresh = TestDevice.boot(0x43)) {
            CloudException e = assertThrows(CloudException.class,
                    () -> DeviceTls.context(fresh.keys, fresh.ns(), ca.rootCertificate()));
            assertTrue(e.getMessage().contains("keys ca 5001"));
        }
    }
}

package io.github.cai4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cloud.internal.Pki;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.HukShellCommands;
import io.github.cai4j.huk.KeyStatus;
import io.github.cai4j.psa.platform.RecordingLog;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA over HTTPS with mutual TLS, and the device's {@code keys ca} against it. */
class BootstrapHttpsTest {
    @TempDir
    static Path dir;
    private static final RecordingLog LOG = new RecordingLog();
    private static BootstrapCa ca;

    @BeforeAll
    static void start() throws Exception {
        ca = BootstrapCa.open(dir, new BootstrapCa.Options().log(LOG).hub(new HubEndpoint("127.0.0.1", 18883)))
                .start(0);
    }

    @AfterAll
    static void stop() {
        ca.close();
    }

    private static BootstrapClient client() throws CloudException {
        return BootstrapClient.of(ca.baseUri(), ca.bootstrapCredentials(), ca.rootCertificate());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", ca.baseUri().getHost());
        assertTrue(ca.port() > 0);
    }

    @Test
    void opensslSClientVerifiesTheCaEndpointAndIsAcceptedWithTheBootstrapCertificate() throws Exception {
        OpenSsl.require();
        for (String version : List.of("-tls1_2", "-tls1_3")) {
            Process p = new ProcessBuilder(List.of("openssl", "s_client", version, "-connect",
                    "127.0.0.1:" + ca.port(), "-servername", "localhost", "-verify_return_error",
                    "-verify_hostname", "localhost", "-CAfile", ca.rootCertificateFile().toString(),
                    "-cert", ca.bootstrapCredentials().certificateFile().toString(),
                    "-key", ca.bootstrapCredentials().keyFile().toString()))
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(("GET /api/v1/ccs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "openssl s_client did not finish");
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            // (OpenSSL 3 exits 1 when the server closes the connection without close_notify after the response)
            assertTrue(out.contains("Verify return code: 0 (ok)"), out);
            assertTrue(out.contains("HTTP/1.1 200"), out);
            assertTrue(out.contains("Content-type: application/cbor") || out.contains("Content-Type: application/cbor"),
                    out);
        }
    }

    @Test
    void keysCaProvisionsBothKeysIntoProtectedStorage() throws Exception {
        try (TestDevice d = TestDevice.boot(0x33)) {
            BootstrapClient c = client();
            assertEquals(KeyStatus.KEY_GENERATED, d.keys.status(DeviceKey.CLIENT_TLS));
            assertTrue(BootstrapClient.storedHub(d.ps).isEmpty());
            BootstrapClient.Provisioned tls = c.provision(d.keys, d.ps, DeviceKey.CLIENT_TLS);
            assertEquals(new HubEndpoint("127.0.0.1", 18883), tls.hub().orElseThrow());
            assertEquals(KeyStatus.X509_CERT_GENERATED, d.keys.status(DeviceKey.CLIENT_TLS));
            assertArrayEquals(tls.certificate(), d.keys.certificate(DeviceKey.CLIENT_TLS).orElseThrow());
            assertArrayEquals(tls.certificate(), d.ps.get(io.github.cai4j.huk.DeviceKeys.UID_TLS_CERT));
            assertEquals(new HubEndpoint("127.0.0.1", 18883), BootstrapClient.storedHub(d.ps).orElseThrow());

            List<String> lines = c.keysCa(d.keys, d.ps, "5002");
            assertTrue(lines.get(lines.size() - 1).equals("Key status: X.509 cert gen"), lines.toString());
            assertEquals("Subject: O=Linaro,CN=" + d.uuid + ",OU=Device COSE SIGN/Encrypt", lines.get(2));
            // 0x5002's status is set in the HUK partition itself (EC_KEY_STAT set)
            assertEquals(KeyStatus.X509_CERT_GENERATED, d.keys.hukClient().keyStatus(DeviceKey.COSE.keyId()));
            byte[] cose = d.keys.certificate(DeviceKey.COSE).orElseThrow();
            assertArrayEquals(cose, ca.registry().certificate(d.uuid, DeviceKey.COSE).orElseThrow().der());
            // keys cert prints what was stored
            List<String> cert = new HukShellCommands(d.keys).keysCert("5002");
            assertEquals("-----BEGIN CERTIFICATE-----", cert.get(2));
            X509Certificate parsed = Pki.parseCertificates(String.join("\n", cert.subList(2, cert.size())))
                    .get(0);
            assertArrayEquals(cose, parsed.getEncoded());
            assertEquals(List.of(d.uuid), ca.registry().devices().stream().filter(d.uuid::equals).toList());
        }
    }

    @Test
    void keysCaArgumentErrorsAndRefusals() throws Exception {
        try (TestDevice d = TestDevice.boot(0x34)) {
            BootstrapClient c = client();
            assertEquals(List.of("Error: missing argument: \"<Key ID>\"", ""), c.keysCa(d.keys, d.ps));
            assertEquals(List.of("Error: invalid argument \"5003\"", ""), c.keysCa(d.keys, d.ps, "5003"));
            assertEquals(List.of("Error: too many arguments \"x\"", ""), c.keysCa(d.keys, d.ps, "5001", "x"));
            assertEquals("Key status: X.509 cert gen", c.keysCa(d.keys, d.ps, "0x5001").get(5));
            ca.revoke(d.uuid);
            List<String> refused = c.keysCa(d.keys, d.ps, "5002");
            assertTrue(refused.contains("Error: The bootstrap server refused the CSR: \""
                    + CaStatus.REVOKED.code() + "\""), refused.toString());
            CaRefusedException e = assertThrows(CaRefusedException.class,
                    () -> c.provision(d.keys, d.ps, DeviceKey.COSE));
            assertEquals(CaStatus.REVOKED, e.status().orElseThrow());
            assertEquals(403, e.httpStatus());
            assertEquals(KeyStatus.KEY_GENERATED, d.keys.status(DeviceKey.COSE));
        }
    }

    @Test
    void malformedBodyOverHttpsGetsItsStatus() throws Exception {
        CaRefusedException e = assertThrows(CaRefusedException.class,
                () -> client().requestCertificate(new byte[] {0x01, 0x02}));
        assertEquals(CaStatus.MALFORMED_CBOR, e.status().orElseThrow());
        assertEquals(400, e.httpStatus());
        CaRefusedException big = assertThrows(CaRefusedException.class,
                () -> client().requestCertificate(new byte[BootstrapCa.MAX_BODY + 1]));
        assertEquals(CaStatus.TOO_LARGE, big.status().orElseThrow());
    }

    @Test
    void aClientWithoutACertificateIsRefusedAndLogged() throws Exception {
        SSLContext noCert = SSLContext.getInstance("TLS");
        noCert.init(null, TlsCredentials.trusting(ca.rootCertificate()), new SecureRandom());
        BootstrapClient c = new BootstrapClient(ca.baseUri(), noCert, ca.rootCertificate(), Duration.ofSeconds(10));
        CaRefusedException e = assertThrows(CaRefusedException.class, c::hubDetails);
        assertEquals(CaStatus.CLIENT_NOT_AUTHORISED.code(), e.statusCode());
        assertEquals(403, e.httpStatus());
        assertTrue(LOG.lines().stream().anyMatch(l -> l.contains("Refused GET /api/v1/ccs")
                && l.contains("client did not present the bootstrap certificate")), LOG.lines().toString());
    }

    @Test
    void aClientWithAnotherCaIssuedCertificateIsRefused() throws Exception {
        // the listener identity chains to the root but is not the bootstrap certificate
        BootstrapClient c = new BootstrapClient(ca.baseUri(), ca.listenerCredentials().sslContext(
                ca.rootCertificate()), ca.rootCertificate(), Duration.ofSeconds(10));
        CaRefusedException e = assertThrows(CaRefusedException.class,
                () -> c.requestCertificate(new byte[] {(byte) 0x80}));
        assertEquals(CaStatus.CLIENT_NOT_AUTHORISED.code(), e.statusCode());
    }

    @Test
    void aForeignClientCertificateFailsTheHandshakeAndIsLogged(@TempDir Path other) throws Exception {
        KeyPair kp = Pki.generateP256(new SecureRandom());
        X509Certificate self = Pki.issue(new X500Name("CN=intruder"), Pki.spki(kp.getPublic()),
                java.math.BigInteger.TEN, Instant.now().minusSeconds(60), Duration.ofDays(1), Pki.Profile.ROOT, null,
                kp.getPrivate());
        Path key = other.resolve("k.pem");
        Path cert = other.resolve("c.pem");
        Pki.writePem(key, Pki.pkcs8Pem(kp.getPrivate()), true);
        Pki.writePem(cert, Pki.pem(self), false);
        // a key manager that presents its certificate whatever issuers the server asks for
        javax.net.ssl.X509KeyManager km = (javax.net.ssl.X509KeyManager) new TlsCredentials(key, cert).keyManagers()[0];
        javax.net.ssl.X509ExtendedKeyManager always = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return new String[] {"identity"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers,
                                            java.net.Socket socket) {
                return "identity";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                                  javax.net.ssl.SSLEngine engine) {
                return "identity";
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers,
                                            java.net.Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return km.getCertificateChain(km.getClientAliases("EC", null)[0]);
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return km.getPrivateKey(km.getClientAliases("EC", null)[0]);
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(new javax.net.ssl.KeyManager[] {always}, TlsCredentials.trusting(ca.rootCertificate()),
                new SecureRandom());
        BootstrapClient c = new BootstrapClient(ca.baseUri(), ssl, ca.rootCertificate(), Duration.ofSeconds(10));
        CloudException e = assertThrows(CloudException.class, c::hubDetails);
        assertTrue(e.getMessage().startsWith("cannot reach the bootstrap CA"), e.getMessage());
        assertTrue(LOG.lines().stream().anyMatch(l -> l.contains("Rejected TLS client certificate CN=intruder")),
                LOG.lines().toString());
    }
}

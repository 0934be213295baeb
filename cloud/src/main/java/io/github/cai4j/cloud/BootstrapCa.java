package io.github.cai4j.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cloud.internal.CsrCheck;
import io.github.cai4j.cloud.internal.LoggingTrustManager;
import io.github.cai4j.cloud.internal.Pki;
import io.github.cai4j.psa.platform.PlatformLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The bootstrap certificate authority (the firmware's "bootstrap server", {@code spec/firmware.md} §8.2): a P-256 CA
 * whose key and self-signed root are generated into a directory on first start and loaded from it afterwards, an
 * HTTPS endpoint on the loopback interface that serves only clients presenting the shared bootstrap client
 * certificate, and the {@link DeviceRegistry} of what it issued.
 *
 * <ul>
 *   <li>{@code POST /api/v1/cr}, {@code Content-Type: application/cbor}, body a CBOR array of one byte string holding
 *       the DER CSR: answers {@code {1: status, 2: certificate DER}} ({@link CaStatus});</li>
 *   <li>{@code GET /api/v1/ccs}: answers {@code {1: hub name, 2: port}}.</li>
 * </ul>
 *
 * <p>Files in the directory: {@code ca-key.pem}/{@code ca-cert.pem} (root), {@code server-key.pem}/
 * {@code server-cert.pem} (TLS server identity for 127.0.0.1 and localhost, also used by the MQTT hub),
 * {@code bootstrap-key.pem}/{@code bootstrap-cert.pem} (the shared bootstrap client identity),
 * {@code listener-key.pem}/{@code listener-cert.pem} (the cloud subscriber), {@code registry.cbor} and
 * {@code crl.pem}. Every refusal is answered with its status and logged with its reason.
 */
public final class BootstrapCa implements AutoCloseable {
    /** The log source of the CA's lines. */
    public static final String LOG_SOURCE = "BOOTSTRAP CA";
    /** The common name of the shared bootstrap client certificate. */
    public static final String BOOTSTRAP_CLIENT_CN = "cai4j bootstrap client";
    /** The common name of the cloud listener's certificate (its MQTT user name). */
    public static final String LISTENER_CN = "cai4j-cloud-listener";
    /** The certificate request path. */
    public static final String PATH_CR = "/api/v1/cr";
    /** The hub details path. */
    public static final String PATH_CCS = "/api/v1/ccs";
    /** The largest request body accepted. */
    public static final int MAX_BODY = 16 * 1024;

    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    /** Options of a CA. */
    public static final class Options {
        private String organisation = "Linaro";
        private HubEndpoint hub = new HubEndpoint("127.0.0.1", 8883);
        private Duration deviceValidity = Duration.ofDays(365 * 2);
        private PlatformLog log = PlatformLog.discard();
        private SecureRandom random = new SecureRandom();
        private Supplier<Instant> clock = Instant::now;

        /** Defaults: organisation {@code Linaro}, hub 127.0.0.1:8883, two-year device certificates, no log. */
        public Options() {
            // the defaults above
        }

        /** The organisation every device subject must carry (the firmware writes {@code Linaro}). */
        public Options organisation(String o) {
            this.organisation = Objects.requireNonNull(o, "organisation");
            return this;
        }

        /** The hub {@code GET /api/v1/ccs} names. */
        public Options hub(HubEndpoint h) {
            this.hub = Objects.requireNonNull(h, "hub");
            return this;
        }

        public Options deviceValidity(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("validity must be positive");
            }
            this.deviceValidity = d;
            return this;
        }

        public Options log(PlatformLog l) {
            this.log = Objects.requireNonNull(l, "log");
            return this;
        }

        public Options random(SecureRandom r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        public Options clock(Supplier<Instant> c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }
    }

    private final Path dir;
    private final Options options;
    private final X509Certificate root;
    private final PrivateKey caKey;
    private final DeviceRegistry registry;
    private volatile HubEndpoint hub;
    private HttpsServer server;
    private ExecutorService executor;

    private BootstrapCa(Path dir, Options options, X509Certificate root, PrivateKey caKey, DeviceRegistry registry) {
        this.dir = dir;
        this.options = options;
        this.root = root;
        this.caKey = caKey;
        this.registry = registry;
        this.hub = options.hub;
    }

    /** Opens the CA in {@code dir}: loads its material, or generates it there on first use. */
    public static BootstrapCa open(Path dir, Options options) throws CloudException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CloudException("cannot create the CA directory " + dir + ": " + e.getMessage(), e);
        }
        Path keyFile = dir.resolve("ca-key.pem");
        Path certFile = dir.resolve("ca-cert.pem");
        X509Certificate root;
        PrivateKey key;
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            key = Pki.readPrivateKey(keyFile);
            root = Pki.readCertificate(certFile);
            options.log.info(LOG_SOURCE, "Loaded CA " + root.getSubjectX500Principal().getName() + " from " + dir);
        } else {
            KeyPair kp = Pki.generateP256(options.random);
            X500Name name = new X500Name("O=cai4j,CN=cai4j bootstrap CA");
            root = Pki.issue(name, Pki.spki(kp.getPublic()), Pki.randomSerial(options.random),
                    options.clock.get().minus(BACKDATE), ROOT_VALIDITY, Pki.Profile.ROOT, null, kp.getPrivate());
            key = kp.getPrivate();
            Pki.writePem(keyFile, Pki.pkcs8Pem(key), true);
            Pki.writePem(certFile, Pki.pem(root), false);
            options.log.info(LOG_SOURCE, "Generated CA " + root.getSubjectX500Principal().getName() + " in " + dir);
        }
        BootstrapCa ca = new BootstrapCa(dir, options, root, key, DeviceRegistry.load(dir));
        ca.ensureIdentity("server", "O=cai4j,CN=localhost", Pki.Profile.SERVER);
        ca.ensureIdentity("bootstrap", "O=cai4j,CN=" + BOOTSTRAP_CLIENT_CN, Pki.Profile.CLIENT);
        ca.ensureIdentity("listener", "O=cai4j,CN=" + LISTENER_CN, Pki.Profile.CLIENT);
        ca.writeCrl();
        ca.ensureFlowKey();
        return ca;
    }

    private void ensureFlowKey() throws CloudException {
        Path priv = dir.resolve("flow-key.pem");
        Path pub = dir.resolve("flow-pub.pem");
        if (Files.exists(priv) && Files.exists(pub)) {
            return;
        }
        KeyPair kp = Pki.generateP256(options.random);
        Pki.writePem(priv, Pki.pkcs8Pem(kp.getPrivate()), true);
        Pki.writePem(pub, Pki.pem(Pki.spki(kp.getPublic())), false);
    }

    /**
     * The cloud's P-256 key pair of the "flow" encryption scheme (generated with the CA): devices configured with its
     * public key send COSE_Encrypt0 results that only the cloud listener can read.
     */
    public KeyPair cloudFlowKey() throws CloudException {
        return new KeyPair(Pki.readPublicKey(dir.resolve("flow-pub.pem")),
                Pki.readPrivateKey(dir.resolve("flow-key.pem")));
    }

    private void ensureIdentity(String name, String subject, Pki.Profile profile) throws CloudException {
        TlsCredentials c = credentials(name);
        if (Files.exists(c.keyFile()) && Files.exists(c.certificateFile())) {
            return;
        }
        KeyPair kp = Pki.generateP256(options.random);
        X509Certificate cert = Pki.issue(new X500Name(subject), Pki.spki(kp.getPublic()), newSerial(),
                options.clock.get().minus(BACKDATE), ROOT_VALIDITY.minusDays(1), profile, root, caKey);
        Pki.writePem(c.keyFile(), Pki.pkcs8Pem(kp.getPrivate()), true);
        Pki.writePem(c.certificateFile(), Pki.pem(cert), false);
    }

    private TlsCredentials credentials(String name) {
        return new TlsCredentials(dir.resolve(name + "-key.pem"), dir.resolve(name + "-cert.pem"));
    }

    private BigInteger newSerial() {
        BigInteger s;
        do {
            s = Pki.randomSerial(options.random);
        } while (registry.serialInUse(s) || s.equals(root.getSerialNumber()));
        registry.reserveSerial(s);
        return s;
    }

    // ------------------------------------------------------------------ issuing

    /**
     * Handles a {@code POST /api/v1/cr} body without HTTP: checks the CSR, issues a certificate and records it in the
     * registry. Every refusal is logged.
     */
    public synchronized CaResponse handleCertificateRequest(byte[] body) {
        return handleCertificateRequest(body, "local caller");
    }

    private synchronized CaResponse handleCertificateRequest(byte[] body, String peer) {
        CsrCheck.Result r = CsrCheck.check(body, options.organisation);
        if (r.status() != CaStatus.OK) {
            return refuse(r.status(), r.detail(), peer);
        }
        if (registry.isRevoked(r.uuid())) {
            return refuse(CaStatus.REVOKED, "device " + r.uuid() + " is revoked", peer);
        }
        Optional<IssuedCertificate> previous = registry.certificate(r.uuid(), r.key());
        if (previous.isPresent() && !previous.get().publicKey().equals(r.publicKey())) {
            return refuse(CaStatus.KEY_MISMATCH, "device " + r.uuid() + " already holds a certificate for '"
                    + r.key().label() + "' with another public key", peer);
        }
        try {
            X509Certificate cert = Pki.issue(r.subject(), r.publicKey().subjectPublicKeyInfo(), newSerial(),
                    options.clock.get().minus(BACKDATE), options.deviceValidity,
                    r.key() == io.github.cai4j.huk.DeviceKey.CLIENT_TLS ? Pki.Profile.CLIENT : Pki.Profile.SIGNING,
                    root, caKey);
            IssuedCertificate issued = new IssuedCertificate(r.uuid(), r.key(), cert, r.publicKey());
            registry.add(issued);
            options.log.info(LOG_SOURCE, "Issued certificate serial " + cert.getSerialNumber().toString(16)
                    + " for " + r.uuid() + " (" + r.key().label() + ") to " + peer);
            return new CaResponse(CaStatus.OK, "", Optional.of(issued));
        } catch (CloudException e) {
            return refuse(CaStatus.INTERNAL_ERROR, e.getMessage(), peer);
        }
    }

    private CaResponse refuse(CaStatus s, String detail, String peer) {
        options.log.warn(LOG_SOURCE, "Refused certificate request from " + peer + ": status " + s.code() + " ("
                + s.text() + "): " + detail);
        return CaResponse.refused(s, detail);
    }

    /** The body of {@code GET /api/v1/ccs}: {@code {1: hub name, 2: port}}. */
    public byte[] hubDetails() {
        HubEndpoint h = hub;
        CBORObject m = CBORObject.NewMap();
        m.Add(1, h.name());
        m.Add(2, h.port());
        return m.EncodeToBytes();
    }

    /** Changes the hub {@code GET /api/v1/ccs} names (e.g. once the broker's port is known). */
    public void setHub(HubEndpoint h) {
        this.hub = Objects.requireNonNull(h, "hub");
    }

    public HubEndpoint hub() {
        return hub;
    }

    /** Revokes a device: no new certificates, and its certificates go on the CRL ({@link #crlFile()}). */
    public synchronized void revoke(String uuid) throws CloudException {
        registry.revoke(uuid);
        writeCrl();
        options.log.info(LOG_SOURCE, "Revoked device " + uuid);
    }

    private void writeCrl() throws CloudException {
        Instant now = options.clock.get();
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(root, Date.from(now.minus(BACKDATE)));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
        for (BigInteger s : registry.revokedSerials()) {
            b.addCRLEntry(s, Date.from(now.minus(BACKDATE)), CRLReason.keyCompromise);
        }
        try {
            java.security.cert.X509CRL crl = new JcaX509CRLConverter().getCRL(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
            Pki.writePem(crlFile(), Pki.pem(crl), false);
        } catch (OperatorCreationException | java.security.cert.CRLException e) {
            throw new CloudException("cannot sign the CRL: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ HTTPS

    /**
     * Starts the HTTPS endpoint on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     */
    public synchronized BootstrapCa start(int port) throws CloudException {
        if (server != null) {
            throw new CloudException("the CA is already serving on port " + port());
        }
        if (port < 0 || port > 65535) {
            throw new CloudException("port must be 0..65535, got " + port);
        }
        SSLContext ssl;
        try {
            ssl = SSLContext.getInstance("TLS");
            TrustManager[] tms = TlsCredentials.trusting(root);
            ssl.init(serverCredentials().keyManagers(),
                    new TrustManager[] {new LoggingTrustManager((X509TrustManager) tms[0], options.log, LOG_SOURCE)},
                    options.random);
        } catch (GeneralSecurityException e) {
            throw new CloudException("cannot build the CA's TLS context: " + e.getMessage(), e);
        }
        HttpsServer s;
        try {
            s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new CloudException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        s.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = ssl.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                // the handler answers a client without a certificate with CLIENT_NOT_AUTHORISED and a log line;
                // a certificate that does not chain to the root fails the handshake (and is logged by the trust
                // manager)
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        s.createContext("/", this::serve);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bootstrap-ca");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(executor);
        s.start();
        server = s;
        options.log.info(LOG_SOURCE, "Serving " + baseUri());
        return this;
    }

    private void serve(HttpExchange ex) throws IOException {
        String peer = ex.getRemoteAddress() == null ? "?" : ex.getRemoteAddress().toString();
        try (ex) {
            if (!isBootstrapClient(ex)) {
                options.log.warn(LOG_SOURCE, "Refused " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath()
                        + " from " + peer + ": client did not present the bootstrap certificate");
                reply(ex, CaResponse.refused(CaStatus.CLIENT_NOT_AUTHORISED, "").cbor(),
                        CaStatus.CLIENT_NOT_AUTHORISED.httpStatus());
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (PATH_CR.equals(path) && "POST".equals(method)) {
                byte[] body = readBounded(ex.getRequestBody());
                if (body == null) {
                    CaResponse r = refuse(CaStatus.TOO_LARGE, "body exceeds " + MAX_BODY + " bytes", peer);
                    reply(ex, r.cbor(), r.status().httpStatus());
                    return;
                }
                CaResponse r = handleCertificateRequest(body, peer);
                reply(ex, r.cbor(), r.status().httpStatus());
            } else if (PATH_CCS.equals(path) && "GET".equals(method)) {
                reply(ex, hubDetails(), 200);
            } else {
                options.log.warn(LOG_SOURCE, "Refused " + method + " " + path + " from " + peer + ": no such resource");
                reply(ex, CaResponse.refused(CaStatus.NOT_FOUND, "").cbor(), CaStatus.NOT_FOUND.httpStatus());
            }
        } catch (IOException | RuntimeException e) {
            options.log.error(LOG_SOURCE, "Request from " + peer + " failed: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    private boolean isBootstrapClient(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return false;
        }
        SSLSession session = https.getSSLSession();
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
        if (chain.length == 0) {
            return false;
        }
        try {
            byte[] presented = chain[0].getEncoded();
            byte[] expected = bootstrapCredentials().certificate().getEncoded();
            return java.security.MessageDigest.isEqual(presented, expected);
        } catch (GeneralSecurityException | CloudException e) {
            return false;
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void reply(HttpExchange ex, byte[] body, int status) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/cbor");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** The port the endpoint listens on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the CA is not serving");
        }
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("https://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port());
    }

    // ------------------------------------------------------------------ material

    public Path directory() {
        return dir;
    }

    /** The self-signed root every issued certificate chains to. */
    public X509Certificate rootCertificate() {
        return root;
    }

    /** The PEM file of the root (what brokers and devices trust). */
    public Path rootCertificateFile() {
        return dir.resolve("ca-cert.pem");
    }

    /** The PEM CRL listing the certificates of revoked devices. */
    public Path crlFile() {
        return dir.resolve("crl.pem");
    }

    /** The TLS server identity (127.0.0.1, localhost) of the CA endpoint and of the MQTT hub. */
    public TlsCredentials serverCredentials() {
        return credentials("server");
    }

    /** The shared bootstrap client identity every device uses to reach the CA. */
    public TlsCredentials bootstrapCredentials() {
        return credentials("bootstrap");
    }

    /** The cloud listener's client identity. */
    public TlsCredentials listenerCredentials() {
        return credentials("listener");
    }

    /** What the CA has issued. */
    public DeviceRegistry registry() {
        return registry;
    }

    /** Stops the endpoint (the material stays in the directory). */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public String toString() {
        return "BootstrapCa[" + dir + ", " + registry + "]";
    }
}

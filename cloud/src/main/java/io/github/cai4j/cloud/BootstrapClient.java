package io.github.cai4j.cloud;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cloud.internal.Pki;
import io.github.cai4j.huk.DeviceCsr;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DeviceKeys;
import io.github.cai4j.huk.DevicePublicKey;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.storage.ProtectedStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The device side of the bootstrap server ({@code keys ca <hex id>}, {@code spec/firmware.md} §8.2): builds the CSR of
 * a device key, posts it as CBOR to {@code /api/v1/cr} over mutual TLS with the shared bootstrap client certificate,
 * checks the certificate it gets back (it must certify the key it asked for, carry the device UUID and chain to the CA
 * root the device trusts), stores it in protected storage under the firmware's uid and sets the key's status to
 * X.509-cert-generated (for 0x5002 through the HUK partition's {@code EC_KEY_STAT} set). For the TLS key it also
 * fetches the hub details from {@code /api/v1/ccs} and stores them under {@code APP_PS_BASE + 2} (name, UTF-8
 * without terminator) and {@code + 3} (port, 32-bit little-endian).
 *
 * <p>Every request is bounded in time; responses are bounded in size.
 */
public final class BootstrapClient {
    /** The largest response accepted. */
    public static final int MAX_RESPONSE = 16 * 1024;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final X509Certificate caRoot;

    /**
     * @param base    the CA's base URI, e.g. {@code https://127.0.0.1:1443}
     * @param ssl     a TLS context presenting the bootstrap client certificate and trusting the CA
     * @param caRoot  the root issued certificates must chain to
     * @param timeout the bound of each request
     */
    public BootstrapClient(URI base, SSLContext ssl, X509Certificate caRoot, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.caRoot = Objects.requireNonNull(caRoot, "caRoot");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A client presenting {@code bootstrap} and trusting only {@code caRoot}, with a 10 s bound per request. */
    public static BootstrapClient of(URI base, TlsCredentials bootstrap, X509Certificate caRoot)
            throws CloudException {
        return new BootstrapClient(base, bootstrap.sslContext(caRoot), caRoot, Duration.ofSeconds(10));
    }

    /**
     * Posts a CSR body (the firmware's CBOR form) and returns the DER certificate.
     *
     * @throws CaRefusedException when the CA answers a non-zero status
     * @throws CloudException     when the CA cannot be reached or answers something malformed
     */
    public byte[] requestCertificate(byte[] cborCsr) throws CloudException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(BootstrapCa.PATH_CR)).timeout(timeout)
                .header("Content-Type", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cborCsr)).build();
        Response r = send(req);
        CBORObject m = r.body;
        CBORObject status = m.get(1);
        if (status == null || status.getType() != CBORType.Integer || !status.CanValueFitInInt32()) {
            throw new CloudException("the CA's answer has no status (HTTP " + r.http + ")");
        }
        int code = status.AsInt32Value();
        if (code != CaStatus.OK.code()) {
            throw new CaRefusedException(code, r.http, "the CA refused the request: status " + code
                    + CaStatus.fromCode(code).map(s -> " (" + s.text() + ")").orElse("") + ", HTTP " + r.http);
        }
        CBORObject cert = m.get(2);
        if (cert == null || cert.getType() != CBORType.ByteString) {
            throw new CloudException("the CA's answer has status 0 but no certificate");
        }
        return cert.GetByteString();
    }

    /** {@code GET /api/v1/ccs}: the hub the device should connect to. */
    public HubEndpoint hubDetails() throws CloudException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(BootstrapCa.PATH_CCS)).timeout(timeout).GET().build();
        Response r = send(req);
        CBORObject status = r.body.get(1);
        if (r.http != 200 && status != null && status.getType() == CBORType.Integer && status.CanValueFitInInt32()
                && status.AsInt32Value() != CaStatus.OK.code()) {
            int code = status.AsInt32Value();
            throw new CaRefusedException(code, r.http, "the CA refused the hub details: status " + code
                    + CaStatus.fromCode(code).map(s -> " (" + s.text() + ")").orElse("") + ", HTTP " + r.http);
        }
        if (r.http != 200) {
            throw new CloudException("the CA answered HTTP " + r.http + " for the hub details");
        }
        CBORObject name = r.body.get(1);
        CBORObject port = r.body.get(2);
        if (name == null || name.getType() != CBORType.TextString || port == null
                || port.getType() != CBORType.Integer || !port.CanValueFitInInt32()) {
            throw new CloudException("the hub details are not {1: name, 2: port}");
        }
        try {
            return new HubEndpoint(name.AsString(), port.AsInt32Value());
        } catch (IllegalArgumentException e) {
            throw new CloudException("invalid hub details: " + e.getMessage(), e);
        }
    }

    private record Response(int http, CBORObject body) {
    }

    private Response send(HttpRequest req) throws CloudException {
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new CloudException("cannot reach the bootstrap CA at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("interrupted while talking to the bootstrap CA", e);
        }
        byte[] body;
        try (InputStream in = resp.body()) {
            body = in.readNBytes(MAX_RESPONSE + 1);
        } catch (IOException e) {
            throw new CloudException("cannot read the bootstrap CA's answer: " + e.getMessage(), e);
        }
        if (body.length > MAX_RESPONSE) {
            throw new CloudException("the bootstrap CA's answer exceeds " + MAX_RESPONSE + " bytes");
        }
        CBORObject m;
        try {
            m = CBORObject.DecodeFromBytes(body);
        } catch (CBORException | IllegalArgumentException e) {
            throw new CloudException("the bootstrap CA answered HTTP " + resp.statusCode() + " with no CBOR body", e);
        }
        if (m.getType() != CBORType.Map) {
            throw new CloudException("the bootstrap CA's answer is not a CBOR map");
        }
        return new Response(resp.statusCode(), m);
    }

    /**
     * What {@code keys ca} did.
     *
     * @param key         the key provisioned
     * @param certificate the DER certificate stored
     * @param hub         for the TLS key, the hub details stored
     */
    public record Provisioned(DeviceKey key, byte[] certificate, Optional<HubEndpoint> hub) {
    }

    /**
     * {@code keys ca <hex id>}: CSR, request, checks, PS, key status.
     *
     * @param keys the device's key management (from the non-secure side)
     * @param ps   the non-secure protected storage client
     */
    public Provisioned provision(DeviceKeys keys, ProtectedStorage ps, DeviceKey key)
            throws CloudException, PsaException {
        DeviceCsr csr = keys.csr(key);
        byte[] der = requestCertificate(csr.cbor());
        checkIssued(der, keys.uuid().value(), keys.publicKey(key));
        Optional<HubEndpoint> hub = Optional.empty();
        if (key == DeviceKey.CLIENT_TLS) {
            HubEndpoint h = hubDetails();
            ps.set(DeviceKeys.UID_HUB_NAME, h.name().getBytes(StandardCharsets.UTF_8), 0);
            int p = h.port();
            ps.set(DeviceKeys.UID_HUB_PORT, new byte[] {(byte) p, (byte) (p >>> 8), (byte) (p >>> 16),
                (byte) (p >>> 24)}, 0);
            hub = Optional.of(h);
        }
        keys.storeCertificate(key, der);
        return new Provisioned(key, der, hub);
    }

    private void checkIssued(byte[] der, String uuid, DevicePublicKey expected) throws CloudException {
        X509Certificate c = Pki.certificate(der);
        try {
            c.verify(caRoot.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CloudException("the issued certificate does not chain to the CA root", e);
        }
        byte[] spki = c.getPublicKey().getEncoded();
        if (!java.security.MessageDigest.isEqual(spki, expected.spkiDer())) {
            throw new CloudException("the issued certificate certifies another public key");
        }
        String subject = c.getSubjectX500Principal().getName();
        if (!subject.contains("CN=" + uuid)) {
            throw new CloudException("the issued certificate is not for " + uuid + ": " + subject);
        }
    }

    /** The hub details {@code keys ca 5001} stored, if any. */
    public static Optional<HubEndpoint> storedHub(ProtectedStorage ps) throws PsaException {
        byte[] name;
        byte[] port;
        try {
            name = ps.get(DeviceKeys.UID_HUB_NAME);
            port = ps.get(DeviceKeys.UID_HUB_PORT);
        } catch (PsaException e) {
            if (e.statusValue() == PsaStatus.ERROR_DOES_NOT_EXIST.value()) {
                return Optional.empty();
            }
            throw e;
        }
        if (port.length != 4) {
            throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, "the stored hub port is " + port.length + " bytes");
        }
        int p = (port[0] & 0xff) | (port[1] & 0xff) << 8 | (port[2] & 0xff) << 16 | (port[3] & 0xff) << 24;
        try {
            return Optional.of(new HubEndpoint(new String(name, StandardCharsets.UTF_8), p));
        } catch (IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, "the stored hub details are invalid");
        }
    }

    /**
     * The shell's {@code keys ca <hex id>}: the lines it prints. Errors follow the firmware's
     * {@code Error: <text>: "<rc>"} form.
     */
    public java.util.List<String> keysCa(DeviceKeys keys, ProtectedStorage ps, String... args) {
        String[] a = args == null ? new String[0] : args;
        if (a.length == 0) {
            return java.util.List.of("Error: missing argument: \"<Key ID>\"", "");
        }
        if (a.length > 1) {
            return java.util.List.of("Error: too many arguments \"" + a[1] + "\"", "");
        }
        Optional<DeviceKey> key = parseKeyId(a[0]);
        if (key.isEmpty()) {
            return java.util.List.of("Error: invalid argument \"" + a[0] + "\"", "");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        try {
            out.add("");
            out.add("Generating X.509 CSR for '" + key.get().label() + "' key:");
            out.add("Subject: " + DeviceCsr.subjectString(keys.uuid(), key.get().label()));
            Provisioned p = provision(keys, ps, key.get());
            out.add("Certificate received from the bootstrap server (" + p.certificate().length + " bytes), "
                    + "stored in PS uid 0x" + Long.toHexString(DeviceKeys.certificateUid(key.get())));
            p.hub().ifPresent(h -> out.add("IoT hub: " + h.name() + ":" + h.port()));
            out.add("Key status: " + keys.status(key.get()).shellText());
        } catch (CaRefusedException e) {
            out.add("Error: The bootstrap server refused the CSR: \"" + e.statusCode() + "\"");
            out.add("");
        } catch (CloudException e) {
            out.add("Error: " + e.getMessage() + ": \"" + PsaStatus.ERROR_COMMUNICATION_FAILURE.value() + "\"");
            out.add("");
        } catch (PsaException e) {
            out.add("Error: Failed to provision the key: \"" + e.statusValue() + "\"");
            out.add("");
        }
        return out;
    }

    /** {@code strtoul(arg, NULL, 16)} as the firmware reads key ids (leading hex digits, optional 0x). */
    private static Optional<DeviceKey> parseKeyId(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        long v = 0;
        for (int i = 0; i < t.length() && i < 8; i++) {
            int d = Character.digit(t.charAt(i), 16);
            if (d < 0) {
                break;
            }
            v = v * 16 + d;
        }
        return DeviceKey.byId(v);
    }

    @Override
    public String toString() {
        return "BootstrapClient[" + base + "]";
    }

}

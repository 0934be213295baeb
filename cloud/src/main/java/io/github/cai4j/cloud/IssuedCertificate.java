package io.github.cai4j.cloud;

import io.github.cai4j.cloud.internal.Pki;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DevicePublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** One certificate the bootstrap CA issued for a device key. Immutable. */
public final class IssuedCertificate {
    private final String uuid;
    private final DeviceKey key;
    private final X509Certificate certificate;
    private final byte[] der;
    private final DevicePublicKey publicKey;

    IssuedCertificate(String uuid, DeviceKey key, X509Certificate certificate, DevicePublicKey publicKey)
            throws CloudException {
        this.uuid = Objects.requireNonNull(uuid, "uuid");
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = certificate;
        try {
            this.der = certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CloudException("cannot encode the certificate of " + uuid, e);
        }
        this.publicKey = publicKey;
    }

    /** Rebuilds an entry from a certificate the CA issued earlier (subject {@code O=…,CN=<uuid>,OU=<label>}). */
    static IssuedCertificate fromDer(byte[] der) throws CloudException {
        X509Certificate c = Pki.certificate(der);
        org.bouncycastle.asn1.x500.X500Name n =
                org.bouncycastle.asn1.x500.X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        String cn = null;
        String ou = null;
        for (org.bouncycastle.asn1.x500.RDN r : n.getRDNs()) {
            org.bouncycastle.asn1.x500.AttributeTypeAndValue a = r.getFirst();
            if (a.getType().equals(org.bouncycastle.asn1.x500.style.BCStyle.CN)) {
                cn = a.getValue().toString();
            } else if (a.getType().equals(org.bouncycastle.asn1.x500.style.BCStyle.OU)) {
                ou = a.getValue().toString();
            }
        }
        DeviceKey k = null;
        for (DeviceKey d : DeviceKey.values()) {
            if (d.label().equals(ou)) {
                k = d;
            }
        }
        if (cn == null || k == null || !(c.getPublicKey() instanceof ECPublicKey)) {
            throw new CloudException("registry entry is not a device certificate: " + n);
        }
        byte[] spki = c.getPublicKey().getEncoded();
        byte[] point = Arrays.copyOfRange(spki, spki.length - 65, spki.length);
        DevicePublicKey pub;
        try {
            pub = DevicePublicKey.fromUncompressedPoint(point);
        } catch (IllegalArgumentException e) {
            throw new CloudException("registry entry of " + cn + " holds no P-256 key", e);
        }
        return new IssuedCertificate(cn, k, c, pub);
    }

    /** The device UUID (the certificate's CN). */
    public String uuid() {
        return uuid;
    }

    /** Which device key the certificate is for (from its OU). */
    public DeviceKey key() {
        return key;
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The DER certificate. */
    public byte[] der() {
        return der.clone();
    }

    /** The certified public key. */
    public DevicePublicKey publicKey() {
        return publicKey;
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    /** Whether {@code other} is this very certificate (constant-time comparison of the DER). */
    public boolean sameCertificate(byte[] otherDer) {
        return MessageDigest.isEqual(der, otherDer);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + uuid + ", " + key + ", serial " + serial().toString(16) + "]";
    }
}

package io.github.cai4j.cloud.internal;

import io.github.cai4j.cloud.CloudException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key and certificate helpers of the CA: P-256 keys, certificate building, PEM files. */
public final class Pki {
    /** What a certificate is for (decides its extensions). */
    public enum Profile {
        /** A CA root: CA true, keyCertSign and cRLSign. */
        ROOT,
        /** A TLS server (the CA's HTTPS endpoint, the MQTT hub): serverAuth, names 127.0.0.1 and localhost. */
        SERVER,
        /** A TLS client (bootstrap client, device TLS key, cloud listener): clientAuth. */
        CLIENT,
        /** A signing key that never does TLS (the device's COSE key): digitalSignature only. */
        SIGNING
    }

    private Pki() {
    }

    /** A fresh P-256 key pair. */
    public static KeyPair generateP256(SecureRandom random) throws CloudException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CloudException("cannot generate a P-256 key: " + e.getMessage(), e);
        }
    }

    /** A positive 127-bit random serial number. */
    public static BigInteger randomSerial(SecureRandom random) {
        byte[] b = new byte[16];
        BigInteger s;
        do {
            random.nextBytes(b);
            b[0] &= 0x7f;
            s = new BigInteger(1, b);
        } while (s.signum() == 0);
        return s;
    }

    /**
     * Builds and signs a version 3 certificate.
     *
     * @param issuerCert the issuer's certificate, or {@code null} for a self-signed root
     */
    public static X509Certificate issue(X500Name subject, SubjectPublicKeyInfo publicKey, BigInteger serial,
                                        Instant notBefore, Duration validity, Profile profile,
                                        X509Certificate issuerCert, PrivateKey issuerKey) throws CloudException {
        try {
            X500Name issuer = issuerCert == null ? subject
                    : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), subject, publicKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerCert));
            }
            switch (profile) {
                case ROOT -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                }
                case SERVER -> {
                    leaf(b);
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
                }
                case CLIENT -> {
                    leaf(b);
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                case SIGNING -> leaf(b);
                default -> throw new IllegalStateException("unknown profile " + profile);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            X509CertificateHolder holder = b.build(signer);
            return certificate(holder.getEncoded());
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new CloudException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CloudException("cannot encode a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static void leaf(X509v3CertificateBuilder b) throws CertIOException {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }

    /** Parses a DER certificate. */
    public static X509Certificate certificate(byte[] der) throws CloudException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new CloudException("not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The SubjectPublicKeyInfo of a JCA public key. */
    public static SubjectPublicKeyInfo spki(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded());
    }

    /** PEM text of one object (certificate, private key, CRL). */
    public static String pem(Object o) throws CloudException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        } catch (IOException e) {
            throw new CloudException("cannot write PEM: " + e.getMessage(), e);
        }
        return w.toString();
    }

    /** PEM text of a private key in PKCS#8 form ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8Pem(PrivateKey key) throws CloudException {
        return pem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /** Writes a file atomically (temporary file, then rename); owner-only permissions when {@code secret}. */
    public static void writeAtomically(Path file, byte[] content, boolean secret) throws CloudException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CloudException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes PEM text atomically. */
    public static void writePem(Path file, String pem, boolean secret) throws CloudException {
        writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII), secret);
    }

    /** Reads every certificate of a PEM file. */
    public static List<X509Certificate> readCertificates(Path file) throws CloudException {
        List<X509Certificate> out = new ArrayList<>();
        for (Object o : readPemObjects(file)) {
            if (o instanceof X509CertificateHolder h) {
                try {
                    out.add(certificate(h.getEncoded()));
                } catch (IOException e) {
                    throw new CloudException(file + ": cannot re-encode a certificate", e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new CloudException(file + " holds no certificate");
        }
        return out;
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path file) throws CloudException {
        return readCertificates(file).get(0);
    }

    /** Reads a private key (PKCS#8 or SEC1) from a PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws CloudException {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try {
            for (Object o : readPemObjects(file)) {
                if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo pki) {
                    return conv.getPrivateKey(pki);
                }
                if (o instanceof PEMKeyPair kp) {
                    return conv.getKeyPair(kp).getPrivate();
                }
            }
        } catch (IOException e) {
            throw new CloudException(file + ": unreadable private key", e);
        }
        throw new CloudException(file + " holds no private key");
    }

    /** Reads a public key (SubjectPublicKeyInfo) from a PEM file. */
    public static PublicKey readPublicKey(Path file) throws CloudException {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try {
            for (Object o : readPemObjects(file)) {
                if (o instanceof SubjectPublicKeyInfo spki) {
                    return conv.getPublicKey(spki);
                }
            }
        } catch (IOException e) {
            throw new CloudException(file + ": unreadable public key", e);
        }
        throw new CloudException(file + " holds no public key");
    }

    /** Parses PEM text into certificates. */
    public static List<X509Certificate> parseCertificates(String pem) throws CloudException {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(certificate(h.getEncoded()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CloudException("unreadable PEM: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Object> readPemObjects(Path file) throws CloudException {
        List<Object> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new CloudException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** DER of an ASN.1 object. */
    public static byte[] der(ASN1Encodable e) throws CloudException {
        try {
            return e.toASN1Primitive().getEncoded("DER");
        } catch (IOException ex) {
            throw new CloudException("DER encoding failed", ex);
        }
    }
}

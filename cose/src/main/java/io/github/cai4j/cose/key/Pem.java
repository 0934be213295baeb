package io.github.cai4j.cose.key;

import io.github.cai4j.cose.CoseException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/** PEM reading and writing of SPKI public keys, PKCS#8 / SEC 1 private keys and X.509 certificates. */
public final class Pem {
    private Pem() {
    }

    /** The DER body of the first PEM block with the given label. */
    public static byte[] decodeBlock(String pem, String label) throws CoseException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        if (b < 0) {
            throw new CoseException("PEM: no " + label + " block");
        }
        int e = pem.indexOf(end, b);
        if (e < 0) {
            throw new CoseException("PEM: unterminated " + label + " block");
        }
        String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException ex) {
            throw new CoseException("PEM: " + label + " block is not base64");
        }
    }

    /** The label of the first PEM block, e.g. {@code PUBLIC KEY}. */
    public static String firstLabel(String pem) throws CoseException {
        int b = pem.indexOf("-----BEGIN ");
        if (b < 0) {
            throw new CoseException("PEM: no BEGIN line");
        }
        int e = pem.indexOf("-----", b + 11);
        if (e < 0) {
            throw new CoseException("PEM: malformed BEGIN line");
        }
        return pem.substring(b + 11, e);
    }

    /** A public key from a {@code PUBLIC KEY} (SPKI) block or from a {@code CERTIFICATE} block. */
    public static PublicKey publicKey(String pem) throws CoseException {
        String label = firstLabel(pem);
        if (label.equals("CERTIFICATE")) {
            return certificate(pem).getPublicKey();
        }
        if (!label.equals("PUBLIC KEY")) {
            throw new CoseException("PEM: expected PUBLIC KEY or CERTIFICATE, found " + label);
        }
        return publicKeyFromSpki(decodeBlock(pem, "PUBLIC KEY"));
    }

    /** A public key from DER SubjectPublicKeyInfo (EC, Ed25519 or X25519). */
    public static PublicKey publicKeyFromSpki(byte[] spki) throws CoseException {
        for (String alg : new String[] {"EC", "Ed25519", "X25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next key type
            }
        }
        throw new CoseException("SPKI: not an EC, Ed25519 or X25519 public key");
    }

    public static X509Certificate certificate(String pem) throws CoseException {
        return certificate(decodeBlock(pem, "CERTIFICATE"));
    }

    public static X509Certificate certificate(byte[] der) throws CoseException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CoseException("X.509: malformed certificate", e);
        }
    }

    /** A private key from a {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC 1) block. */
    public static PrivateKey privateKey(String pem) throws CoseException {
        String label = firstLabel(pem);
        byte[] der = decodeBlock(pem, label);
        try {
            if (label.equals("EC PRIVATE KEY")) {
                org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
                org.bouncycastle.asn1.ASN1Encodable params = sec1.getParametersObject();
                if (params == null) {
                    throw new CoseException("SEC 1 key: no curve parameters");
                }
                org.bouncycastle.asn1.x509.AlgorithmIdentifier id = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey, params);
                byte[] p8 = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(id, sec1).getEncoded();
                try {
                    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(p8));
                } finally {
                    Arrays.fill(p8, (byte) 0);
                }
            }
            if (!label.equals("PRIVATE KEY")) {
                throw new CoseException("PEM: expected PRIVATE KEY or EC PRIVATE KEY, found " + label);
            }
            for (String alg : new String[] {"EC", "Ed25519", "X25519"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // try the next key type
                }
            }
            throw new CoseException("PKCS#8: not an EC, Ed25519 or X25519 private key");
        } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new CoseException("PEM: malformed private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** Writes a public key as a {@code PUBLIC KEY} block. */
    public static String encodePublicKey(PublicKey key) {
        return encode("PUBLIC KEY", key.getEncoded());
    }

    public static String encode(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label.toUpperCase(Locale.ROOT) + "-----\n" + b64 + "\n-----END "
                + label.toUpperCase(Locale.ROOT) + "-----\n";
    }
}

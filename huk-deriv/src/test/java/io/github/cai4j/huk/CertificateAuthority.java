package io.github.cai4j.huk;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** A throw-away CA that issues a certificate for a device CSR, as the bootstrap server would. */
final class CertificateAuthority {
    private CertificateAuthority() {
    }

    static byte[] issue(DeviceCsr csr) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ca = g.generateKeyPair();
        PKCS10CertificationRequest req = csr.toPkcs10();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(new X500Name("O=Linaro,CN=Test CA"),
                BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L), req.getSubject(),
                req.getSubjectPublicKeyInfo());
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())).getEncoded();
    }
}

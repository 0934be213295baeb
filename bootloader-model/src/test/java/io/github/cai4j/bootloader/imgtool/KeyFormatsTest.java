package io.github.cai4j.bootloader.imgtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.SignatureAlgorithm;
import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

/** Keys in every PEM form imgtool reads sign images that verify; the private key never shows in text. */
class KeyFormatsTest {
    static String traditional(KeyPair kp) throws IOException {
        if (kp.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec) {
            // SEC1 with the curve parameters, as openssl writes it
            byte[] spki = kp.getPublic().getEncoded();
            var point = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData();
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(), point,
                    org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
            return "-----BEGIN EC PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(sec1.getEncoded()) + "\n-----END EC PRIVATE KEY-----\n";
        }
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(kp);
        }
        return w.toString();
    }

    @Test
    void everyKeyFormatSignsAndVerifies() throws Exception {
        SecureRandom rnd = new SecureRandom();
        byte[] app = new byte[1000];
        rnd.nextBytes(app);
        SignOptions o = SignOptions.builder().version("3.2.1+0").headerSize(0x100).slotSize(0x4000)
                .padHeader(true).securityCounterAuto().build();
        List<String> forms = new ArrayList<>();
        for (KeyFiles.KeyType t : KeyFiles.KeyType.values()) {
            KeyPair kp = KeyFiles.generate(t, rnd);
            List<String> pems = new ArrayList<>(List.of(KeyFiles.privateKeyPem(kp.getPrivate())));
            if (t != KeyFiles.KeyType.ED25519) {
                String trad = traditional(kp);
                assertTrue(trad.contains(t == KeyFiles.KeyType.ECDSA_P256 ? "EC PRIVATE KEY" : "RSA PRIVATE KEY"));
                pems.add(trad);
            }
            for (String pem : pems) {
                KeyPair loaded = KeyFiles.parseKeyPair(pem, t.cliName());
                ImageSigningKey key = ImageSigningKey.of(loaded.getPrivate(), loaded.getPublic());
                byte[] img = new ImageSigner(rnd).sign(app, o, key);
                McubootImage m = McubootImage.parse(img);
                assertTrue(ImageVerifier.verify(m, KeyTable.ofPublicKeys(kp.getPublic())).valid(), t + " " + pem);
                assertEquals(SignatureAlgorithm.forKey(kp.getPublic()).tlvType(), m.tlvs().get(2).type());
                assertFalse(key.toString().contains("PRIVATE"));
                forms.add(t.cliName());
            }
        }
        assertEquals(7, forms.size());
    }

    @Test
    void badPemIsAnIoException() {
        assertThrows(IOException.class, () -> KeyFiles.parseKeyPair("not a key", "x"));
        assertThrows(IOException.class, () -> KeyFiles.parseKeyPair(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "x"));
    }
}

package io.github.cai4j.bootloader.imgtool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;

/**
 * Runs in a child JVM (SoftHSM2 reads its configuration from the environment): generates a key inside the
 * token through the JDK's SunPKCS11 provider and signs an image with it in one step.
 * Arguments: library, pin, algorithm (ec|rsa), input, output image, output public key PEM.
 */
public final class SoftHsmSigner {
    private SoftHsmSigner() {
    }

    public static void main(String[] args) throws Exception {
        Provider p = Security.getProvider("SunPKCS11").configure("--name=cai4j\nlibrary=" + args[0]
                + "\nslotListIndex=0\n");
        Security.addProvider(p);
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS11", p);
        ks.load(null, args[1].toCharArray());
        KeyPair kp;
        if (args[2].equals("ec")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            kp = g.generateKeyPair();
        } else {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", p);
            g.initialize(2048);
            kp = g.generateKeyPair();
        }
        SignOptions o = SignOptions.builder().version("1.2.3+4").headerSize(0x200).padHeader(true).slotSize(0x20000)
                .securityCounter(5).build();
        byte[] img = new ImageSigner().sign(Files.readAllBytes(Path.of(args[3])), o,
                ImageSigningKey.of(kp.getPrivate(), kp.getPublic(), p));
        Files.write(Path.of(args[4]), img);
        Files.writeString(Path.of(args[5]), KeyFiles.publicKeyPem(
                java.security.KeyFactory.getInstance(kp.getPublic().getAlgorithm())
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(kp.getPublic().getEncoded()))),
                StandardCharsets.US_ASCII);
    }
}

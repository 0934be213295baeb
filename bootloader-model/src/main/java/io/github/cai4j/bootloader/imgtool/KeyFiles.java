package io.github.cai4j.bootloader.imgtool;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * PEM key files as imgtool reads and writes them: private keys in PKCS#8 or the traditional forms (SEC1
 * {@code EC PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}), Ed25519 in PKCS#8, public keys as
 * SubjectPublicKeyInfo. Key material is never included in messages.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** Key types of {@code imgtool keygen -t}. */
    public enum KeyType {
        RSA_2048("rsa-2048"), RSA_3072("rsa-3072"), ECDSA_P256("ecdsa-p256"), ED25519("ed25519");

        private final String cliName;

        KeyType(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static KeyType fromCliName(String name) {
            for (KeyType t : values()) {
                if (t.cliName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown key type '" + name + "' (one of rsa-2048, rsa-3072, "
                    + "ecdsa-p256, ed25519)");
        }
    }

    /** Reads a private key file as a key pair (the public half derived when the file lacks it). */
    public static KeyPair readKeyPair(Path file) throws IOException {
        return parseKeyPair(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** Reads a signing key file. */
    public static ImageSigningKey readSigningKey(Path file) throws IOException {
        KeyPair kp = readKeyPair(file);
        return ImageSigningKey.of(kp.getPrivate(), kp.getPublic());
    }

    /** Reads a public key from a public or private key file. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Object o = parseObject(pem, file.toString());
        if (o instanceof SubjectPublicKeyInfo spki) {
            return publicKey(spki, file.toString());
        }
        return toKeyPair(o, file.toString()).getPublic();
    }

    /** Parses PEM text holding a private key. */
    public static KeyPair parseKeyPair(String pem, String label) throws IOException {
        return toKeyPair(parseObject(pem, label), label);
    }

    private static Object parseObject(String pem, String label) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (o == null) {
                throw new IOException(label + ": no PEM key found");
            }
            return o;
        } catch (PEMException | RuntimeException e) {
            throw new IOException(label + ": not a readable PEM key (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static KeyPair toKeyPair(Object o, String label) throws IOException {
        PrivateKeyInfo pki;
        if (o instanceof PEMKeyPair kp) {
            pki = kp.getPrivateKeyInfo();
        } else if (o instanceof PrivateKeyInfo info) {
            pki = info;
        } else {
            throw new IOException(label + ": expected a private key, found " + o.getClass().getSimpleName());
        }
        try {
            AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(pki);
            AsymmetricKeyParameter pub;
            String alg;
            if (priv instanceof ECPrivateKeyParameters ec) {
                pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(),
                        ec.getParameters());
                alg = "EC";
            } else if (priv instanceof RSAPrivateCrtKeyParameters rsa) {
                pub = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
                alg = "RSA";
            } else if (priv instanceof Ed25519PrivateKeyParameters ed) {
                pub = ed.generatePublicKey();
                alg = "Ed25519";
            } else {
                throw new IOException(label + ": unsupported private key type " + priv.getClass().getSimpleName());
            }
            PrivateKey jcaPriv = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pki.getEncoded()));
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
            return new KeyPair(publicKey(spki, label), jcaPriv);
        } catch (GeneralSecurityException | RuntimeException e) {
            // BouncyCastle reports malformed structures with unchecked exceptions.
            throw new IOException(label + ": cannot load the private key (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo spki, String label) throws IOException {
        String alg;
        var oid = spki.getAlgorithm().getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            alg = "EC";
        } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            alg = "RSA";
        } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            alg = "Ed25519";
        } else {
            throw new IOException(label + ": unsupported public key algorithm " + oid);
        }
        try {
            return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki.getEncoded("DER")));
        } catch (GeneralSecurityException e) {
            throw new IOException(label + ": invalid public key (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Generates a key pair as {@code imgtool keygen -t}. */
    public static KeyPair generate(KeyType type, SecureRandom random) {
        try {
            KeyPairGenerator g;
            switch (type) {
                case RSA_2048, RSA_3072 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(type == KeyType.RSA_2048 ? 2048 : 3072, random);
                }
                case ECDSA_P256 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case ED25519 -> {
                    g = KeyPairGenerator.getInstance("Ed25519");
                    g.initialize(255, random);
                }
                default -> throw new IllegalStateException(type.name());
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key generation unavailable: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 PEM text of a private key (the caller should clear its copy when done). */
    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** SubjectPublicKeyInfo PEM text of a public key. */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }
}

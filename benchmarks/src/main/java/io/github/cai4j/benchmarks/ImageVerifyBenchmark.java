package io.github.cai4j.benchmarks;

import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.VerificationResult;
import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import io.github.cai4j.bootloader.image.Tlv;
import io.github.cai4j.bootloader.image.TlvType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PSSSigner;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MCUboot image verification of a 1 MiB payload (SHA256 TLV, KEYHASH, one signature, as MCUboot checks before
 * booting) against plain SHA-256 of the same hash region. The image is parsed once; each operation verifies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ImageVerifyBenchmark {
    static final int PAYLOAD = 1 << 20;

    @Param({"ECDSA_P256", "RSA3072"})
    public String key;

    private McubootImage image;
    private KeyTable keys;
    private byte[] region;
    private MessageDigest sha256;
    // the floor: SHA-256 and one raw BouncyCastle signature check, nothing else
    private ECDSASigner ecdsa;
    private BigInteger sigR;
    private BigInteger sigS;
    private RSAKeyParameters rsa;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPair pair;
        switch (key) {
            case "ECDSA_P256" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                pair = g.generateKeyPair();
            }
            case "RSA3072" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(3072);
                pair = g.generateKeyPair();
            }
            default -> throw new IllegalArgumentException("key must be ECDSA_P256 or RSA3072, not " + key);
        }
        byte[] payload = new byte[PAYLOAD];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) r.nextInt(256);
        }
        SignOptions options = SignOptions.builder().version("1.2.3").headerSize(0x400).padHeader(true)
                .slotSize(PAYLOAD + 0x10000).align(8).maxAlign(8).build();
        byte[] signed = new ImageSigner(new SecureRandom()).sign(payload, options,
                ImageSigningKey.of(pair.getPrivate(), pair.getPublic()));
        image = McubootImage.parse(signed);
        keys = KeyTable.ofPublicKeys(pair.getPublic());
        region = image.hashRegion();
        sha256 = MessageDigest.getInstance("SHA-256");
        for (Tlv t : image.tlvs()) {
            if (t.type() == TlvType.ECDSA_SIG || t.type() == TlvType.RSA3072_PSS) {
                signature = t.value();
            }
        }
        if (pair.getPublic() instanceof ECPublicKey ec) {
            X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
            ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
            ecdsa = new ECDSASigner();
            ecdsa.init(false, new ECPublicKeyParameters(domain.getCurve().validatePoint(ec.getW().getAffineX(),
                    ec.getW().getAffineY()), domain));
            ASN1Sequence seq = ASN1Sequence.getInstance(signature);
            sigR = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            sigS = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        } else {
            RSAPublicKey k = (RSAPublicKey) pair.getPublic();
            rsa = new RSAKeyParameters(false, k.getModulus(), k.getPublicExponent());
        }
        if (!sha256AndOneSignatureCheck()) {
            throw new IllegalStateException("the floor's signature check fails");
        }
        VerificationResult v = verify();
        if (!v.valid()) {
            throw new IllegalStateException("the benchmark image does not verify: " + v.reason());
        }
    }

    @Benchmark
    public VerificationResult verify() {
        return ImageVerifier.verify(image, keys);
    }

    @Benchmark
    public byte[] sha256() {
        return sha256.digest(region);
    }

    /** The floor of any verifier: SHA-256 of the region and one raw BouncyCastle check of the same signature. */
    @Benchmark
    public boolean sha256AndOneSignatureCheck() {
        byte[] digest = sha256.digest(region);
        if (ecdsa != null) {
            return ecdsa.verifySignature(digest, sigR, sigS);
        }
        PSSSigner pss = PSSSigner.createRawSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), 32,
                PSSSigner.TRAILER_IMPLICIT);
        pss.init(false, rsa);
        pss.update(digest, 0, digest.length);
        return pss.verifySignature(signature);
    }
}

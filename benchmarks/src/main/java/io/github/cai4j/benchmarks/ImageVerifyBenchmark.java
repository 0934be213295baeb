package io.github.cai4j.benchmarks;

import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.VerificationResult;
import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
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
}

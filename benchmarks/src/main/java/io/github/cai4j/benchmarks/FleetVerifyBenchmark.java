package io.github.cai4j.benchmarks;

import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.key.CoseKey;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
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
 * A cloud verifier for a fleet: one {@link EcdsaVerifier} kept per device (as the cloud listener keeps them), each
 * result verified with its own device's verifier, the devices taken in turn. With one device this is
 * {@code Sign1Benchmark.cai4jVerify}; with a thousand, each verifier's BouncyCastle precomputation must survive
 * between that device's results for the rate to hold.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FleetVerifyBenchmark {
    @Param({"1", "1000"})
    public int devices;

    private EcdsaVerifier[] verifiers;
    private byte[][] messages;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        verifiers = new EcdsaVerifier[devices];
        messages = new byte[devices][];
        for (int d = 0; d < devices; d++) {
            CoseKey key = CoseKey.fromKeyPair(g.generateKeyPair());
            verifiers[d] = EcdsaVerifier.of(key.publicOnly());
            messages[d] = FirmwareSign1.sign(FirmwarePayload.encodeCbor(0.5f + d, 0, d), EcdsaSigner.of(key));
            if (!Sign1Message.decode(messages[d]).verify(verifiers[d])) {
                throw new IllegalStateException("device " + d + ": its own result does not verify");
            }
        }
    }

    @Benchmark
    public boolean verify() throws Exception {
        int d = next;
        next = d + 1 == devices ? 0 : d + 1;
        return Sign1Message.decode(messages[d]).verify(verifiers[d]);
    }
}

package io.github.cai4j.benchmarks;

import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.device.Device;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.inference.service.InferenceResult;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.inference.service.TflmSinePartition;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.StorageFlags;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One signed inference result. {@code fullPath}: a booted simulated device, the non-secure app's
 * {@code infer(TFLM_SINE, COSE_SIGN1)} through the call gate to the TFLM partition (quantize, int8 model,
 * dequantize), which calls the HUK partition (NV counter increment, CBOR payload, COSE_Sign1 with the
 * HUK-derived key in crypto-service through the gate again, the counter written to protected storage every
 * 100th result). {@code partsDirect}: the same steps called directly, with the key in memory: the model, the
 * payload, FirmwareSign1 with an in-memory {@link EcdsaSigner}, and the counter's protected-storage write every
 * 100th result. {@code partsWithoutSignature}: everything of {@code partsDirect} but the signature.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SecurePathBenchmark {
    static final long COUNTER_UID = 0x4001;
    static final long THRESHOLD = 100;

    private Device device;
    private InferenceClient inference;
    private TflmSinePartition model;
    private EcdsaSigner signer;
    private ProtectedStorage ps;
    private long counter;
    private int degrees;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        device = Device.boot();
        inference = device.nonSecure().inference();
        InferenceResult r = inference.inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 90);
        if (r.encoded().length != FirmwareSign1.encodedLength(Sign1Benchmark.PAYLOAD_LENGTH)
                && r.encoded().length != FirmwareSign1.encodedLength(Sign1Benchmark.PAYLOAD_LENGTH - 1)) {
            throw new IllegalStateException("unexpected COSE_Sign1 of " + r.encoded().length + " bytes");
        }
        model = new TflmSinePartition();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        signer = EcdsaSigner.of(CoseKey.fromKeyPair(g.generateKeyPair()));
        ps = Fixtures.protectedStorage();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        device.close();
    }

    private float nextDegrees() {
        degrees = degrees >= 359 ? 0 : degrees + 1;
        return degrees;
    }

    @Benchmark
    public InferenceResult fullPath() throws Exception {
        return inference.inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, nextDegrees());
    }

    private byte[] payloadDirect() throws Exception {
        float x = InferenceClient.radians(nextDegrees());
        float y = model.dequantize(model.invoke(model.quantize(x)));
        counter++;
        byte[] payload = FirmwarePayload.encodeCbor(y, 0, counter);
        if (counter % THRESHOLD == 0) {
            int c = (int) counter;
            ps.set(COUNTER_UID, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)},
                    StorageFlags.NONE);
        }
        return payload;
    }

    @Benchmark
    public byte[] partsDirect() throws Exception {
        return FirmwareSign1.sign(payloadDirect(), signer);
    }

    @Benchmark
    public byte[] partsWithoutSignature() throws Exception {
        return payloadDirect();
    }
}

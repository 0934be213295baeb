package io.github.cai4j.benchmarks;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
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
 * The SPM call gate: one {@code psa_call} from the non-secure side on an open connection, with a 16-byte input
 * vector and a 16-byte output vector, to a partition that transforms the input into the output; against the same
 * transform called as a plain method. The difference is the gate's cost (checks, copies in and out, message,
 * dispatch, result).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GateBenchmark {
    static final int SID = 0x4c69_0f01;
    static final int VECTOR = 16;

    /** A partition whose one service writes {@code in[0] xor 0x5a} to {@code out[0]}. */
    static final class EchoPartition implements SecurePartition {
        private final PartitionManifest manifest = PartitionManifest.builder("BENCH_ECHO", 0x4c69_0f00)
                .service(ServiceManifest.connectionBased("BENCH_ECHO_SERVICE", SID, true)).build();

        @Override
        public PartitionManifest manifest() {
            return manifest;
        }

        @Override
        public int handle(Message m) throws PsaException {
            if (m.type() != Psa.IPC_CALL) {
                return PsaStatus.SUCCESS.value();
            }
            m.requireInSize(0, VECTOR, PsaStatus.ERROR_INVALID_ARGUMENT);
            byte[] in = m.input(0);
            byte[] out = new byte[VECTOR];
            transform(in, out);
            m.write(0, out);
            return PsaStatus.SUCCESS.value();
        }
    }

    /** The service's work, shared by both paths. */
    static void transform(byte[] in, byte[] out) {
        for (int i = 0; i < VECTOR; i++) {
            out[i] = (byte) (in[i] ^ 0x5a);
        }
    }

    private final byte[] in = new byte[VECTOR];
    private final byte[] out = new byte[VECTOR];
    private PsaClient client;
    private int handle;
    private InVec[] ins;
    private OutVec[] outs;

    @Setup(Level.Trial)
    public void setUp() throws PsaException {
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new EchoPartition());
        gate.start();
        client = gate.nonSecureClient();
        handle = client.connect(SID, 1);
        if (handle <= 0) {
            throw new IllegalStateException("connect failed: " + handle);
        }
        for (int i = 0; i < VECTOR; i++) {
            in[i] = (byte) i;
        }
        ins = new InVec[] {InVec.of(in)};
        outs = new OutVec[] {OutVec.of(out)};
        CallResult r = client.call(handle, ins, outs);
        if (r.status() != PsaStatus.SUCCESS.value() || r.outLength(0) != VECTOR || out[1] != (byte) (1 ^ 0x5a)) {
            throw new IllegalStateException("echo call failed: " + r);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws PsaException {
        client.close(handle);
    }

    @Benchmark
    public int gateCall() throws PsaException {
        in[0]++;
        CallResult r = client.call(handle, ins, outs);
        return r.status() + out[0];
    }

    @Benchmark
    public int directCall() {
        in[0]++;
        transform(in, out);
        return out[0];
    }
}

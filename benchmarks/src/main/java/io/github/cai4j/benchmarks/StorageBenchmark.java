package io.github.cai4j.benchmarks;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.StorageFlags;
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
 * Protected storage from the non-secure side on in-memory flash: {@code psa_ps_set} (AEAD under a HUK-derived
 * key through crypto-service, a new bank image written and erased, the rollback NV counter incremented) and
 * {@code psa_ps_get} (authenticated decryption) of one object of 4 B or 4 KiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StorageBenchmark {
    static final long UID = 0x42;

    @Param({"4", "4096"})
    public int size;

    private ProtectedStorage ps;
    private byte[] data;
    private byte[] buffer;

    @Setup(Level.Trial)
    public void setUp() throws PsaException {
        ps = Fixtures.protectedStorage();
        data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        buffer = new byte[size];
        ps.set(UID, data, StorageFlags.NONE);
        if (ps.get(UID, 0, buffer, 0, size) != size || buffer[size - 1] != data[size - 1]) {
            throw new IllegalStateException("the stored object does not read back");
        }
    }

    @Benchmark
    public byte[] set() throws PsaException {
        data[0]++;
        ps.set(UID, data, StorageFlags.NONE);
        return data;
    }

    @Benchmark
    public int get() throws PsaException {
        return ps.get(UID, 0, buffer, 0, size) + buffer[0];
    }
}

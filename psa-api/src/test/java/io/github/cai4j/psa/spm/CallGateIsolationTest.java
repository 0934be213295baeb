package io.github.cai4j.psa.spm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.PlatformLog;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Inputs are copied in, outputs copied out: neither side can reach the other's arrays. */
class CallGateIsolationTest {
    private static final int SID = 0x500;
    private static final int HANDLE = Psa.statelessHandle(1, 1);

    private final AtomicReference<StandardGate.Action> behaviour = new AtomicReference<>();
    private final TestPartition partition;
    private final PsaClient ns;

    CallGateIsolationTest() throws PsaException {
        CallGate g = new CallGate(PlatformLog.discard());
        partition = new TestPartition(PartitionManifest.builder("KEEPER", 0x10)
                .service(ServiceManifest.stateless("KEEPER", SID, true, 1)).build(),
                (m, c) -> behaviour.get().run(m, c));
        g.register(partition);
        g.start();
        ns = g.nonSecureClient();
    }

    @Test
    void callerMutatingItsInputAfterTheCallChangesNothingInThePartition() throws PsaException {
        AtomicReference<byte[]> kept = new AtomicReference<>();
        behaviour.set((m, c) -> {
            kept.set(m.input(0));
            return 0;
        });
        byte[] mine = {1, 2, 3, 4};
        assertEquals(0, ns.call(HANDLE, new InVec[] {InVec.of(mine)}, new OutVec[0]).status());
        Arrays.fill(mine, (byte) 0x55);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, kept.get());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, partition.seen().get(0).inputs().get(0));
    }

    @Test
    void callerMutatingItsInputDuringTheCallChangesNothingInThePartition() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch mutated = new CountDownLatch(1);
        AtomicReference<byte[]> readAfter = new AtomicReference<>();
        behaviour.set((m, c) -> {
            entered.countDown();
            awaitUninterruptibly(mutated);
            readAfter.set(m.input(0));
            m.write(0, m.input(0));
            return 0;
        });
        byte[] mine = {1, 2, 3, 4};
        byte[] result = new byte[4];
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                Future<CallResult> f = ex.submit(() -> ns.call(HANDLE, new InVec[] {InVec.of(mine)},
                        new OutVec[] {OutVec.of(result)}));
                entered.await();
                Arrays.fill(mine, (byte) 0x55); // e.g. another non-secure thread writing the buffer
                mutated.countDown();
                assertEquals(4, f.get().outLength(0));
            } finally {
                ex.shutdownNow();
                assertTrue(ex.awaitTermination(10, TimeUnit.SECONDS));
            }
        });
        assertArrayEquals(new byte[] {1, 2, 3, 4}, readAfter.get());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, result);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void partitionMutatingItsInputCopyChangesNothingForTheCaller() throws PsaException {
        AtomicReference<byte[]> kept = new AtomicReference<>();
        AtomicReference<byte[]> reread = new AtomicReference<>();
        behaviour.set((m, c) -> {
            byte[] in = m.input(0);
            kept.set(in);
            Arrays.fill(in, (byte) 0x77);
            reread.set(m.input(0));
            return 0;
        });
        byte[] mine = {1, 2, 3, 4};
        assertEquals(0, ns.call(HANDLE, new InVec[] {InVec.of(mine)}, new OutVec[0]).status());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, mine);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, reread.get(), "psa_read returns the gate's copy again");
        // the partition keeps mutating its reference after the call: still nothing reaches the caller
        Arrays.fill(kept.get(), (byte) 0x11);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, mine);
    }

    @Test
    void partitionKeepingItsOutputDataChangesNothingForTheCaller() throws PsaException {
        AtomicReference<byte[]> kept = new AtomicReference<>();
        behaviour.set((m, c) -> {
            byte[] data = {10, 20, 30};
            kept.set(data);
            m.write(0, data);
            Arrays.fill(data, (byte) 99); // after psa_write, before the reply
            return 0;
        });
        byte[] out = new byte[8];
        CallResult r = ns.call(HANDLE, new InVec[0], new OutVec[] {OutVec.of(out)});
        assertEquals(3, r.outLength(0));
        assertArrayEquals(new byte[] {10, 20, 30, 0, 0, 0, 0, 0}, out);
        Arrays.fill(kept.get(), (byte) 42); // after the reply
        assertArrayEquals(new byte[] {10, 20, 30, 0, 0, 0, 0, 0}, out);
        Arrays.fill(out, (byte) 1); // and the caller writing its buffer does not reach the partition
        assertArrayEquals(new byte[] {42, 42, 42}, kept.get());
    }

    @Test
    void outputSlicesAreWrittenInPlaceAndNothingElse() throws PsaException {
        behaviour.set((m, c) -> {
            assertEquals(6, m.outCapacity(0));
            assertEquals(3, m.outCapacity(1));
            assertEquals(0, m.outCapacity(2));
            m.write(0, new byte[] {1, 2, 3});
            m.write(1, new byte[] {7, 8, 9});
            return 0;
        });
        byte[] buf = new byte[20];
        Arrays.fill(buf, (byte) 0xEE);
        CallResult r = ns.call(HANDLE, new InVec[0], new OutVec[] {OutVec.of(buf, 4, 6), OutVec.of(buf, 15, 3),
            OutVec.of(buf, 20, 0)});
        assertEquals(0, r.status());
        assertEquals(3, r.outCount());
        assertEquals(3, r.outLength(0));
        assertEquals(3, r.outLength(1));
        assertEquals(0, r.outLength(2));
        byte[] expected = new byte[20];
        Arrays.fill(expected, (byte) 0xEE);
        expected[4] = 1;
        expected[5] = 2;
        expected[6] = 3;
        expected[15] = 7;
        expected[16] = 8;
        expected[17] = 9;
        assertArrayEquals(expected, buf);
    }

    @Test
    void inputSlicesDeliverExactlyTheSlice() throws PsaException {
        behaviour.set((m, c) -> 0);
        byte[] buf = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(0, ns.call(HANDLE, new InVec[] {InVec.of(buf, 2, 3), InVec.of(buf, 9, 1), InVec.of(buf, 5, 0)},
                new OutVec[0]).status());
        TestPartition.Seen s = partition.seen().get(0);
        assertArrayEquals(new byte[] {2, 3, 4}, s.inputs().get(0));
        assertArrayEquals(new byte[] {9}, s.inputs().get(1));
        assertArrayEquals(new byte[0], s.inputs().get(2));
    }

    @Test
    void outLengthIsWhatWasWrittenEvenOnErrorStatus() throws PsaException {
        behaviour.set((m, c) -> {
            m.write(0, new byte[] {5});
            return -135;
        });
        byte[] out = {9, 9};
        CallResult r = ns.call(HANDLE, new InVec[0], new OutVec[] {OutVec.of(out)});
        assertEquals(-135, r.status());
        assertEquals(1, r.outLength(0));
        assertArrayEquals(new byte[] {5, 9}, out);
    }

    @Test
    void refusedCallWritesNothing() throws PsaException {
        behaviour.set((m, c) -> {
            m.write(0, new byte[] {5});
            return 0;
        });
        byte[] out = {9, 9};
        CallResult r = ns.call(HANDLE, -1, new InVec[0], new OutVec[] {OutVec.of(out)});
        assertEquals(-129, r.status());
        assertEquals(0, r.outLength(0));
        assertArrayEquals(new byte[] {9, 9}, out);
        assertEquals(0, partition.seen().size());
    }

    @Test
    void outputMayAliasAnInputBuffer() throws PsaException {
        behaviour.set((m, c) -> {
            byte[] in = m.input(0);
            byte[] rev = new byte[in.length];
            for (int i = 0; i < in.length; i++) {
                rev[i] = in[in.length - 1 - i];
            }
            m.write(0, rev);
            return 0;
        });
        byte[] buf = {1, 2, 3, 4};
        CallResult r = ns.call(HANDLE, new InVec[] {InVec.of(buf)}, new OutVec[] {OutVec.of(buf)});
        assertEquals(4, r.outLength(0));
        assertArrayEquals(new byte[] {4, 3, 2, 1}, buf, "the input was copied before the output was written");
    }
}

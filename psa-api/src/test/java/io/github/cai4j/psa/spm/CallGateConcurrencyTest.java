package io.github.cai4j.psa.spm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many non-secure threads against partitions that call each other: each partition handles one message at a
 * time, and nested calls do not deadlock.
 */
class CallGateConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 500;

    private static final int FRONT_SID = 0x300;
    private static final int BACK_SID = 0x301;
    private static final int SESSION_SID = 0x302;
    private static final int FRONT = Psa.statelessHandle(1, 1);
    private static final int BACK = Psa.statelessHandle(1, 2);

    /** Detects a second thread entering a partition's handler. */
    private static final class Occupancy {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger violations = new AtomicInteger();
        final AtomicInteger entries = new AtomicInteger();

        void enter() {
            entries.incrementAndGet();
            if (inside.incrementAndGet() != 1) {
                violations.incrementAndGet();
            }
            Thread.yield(); // widen the window for a concurrent entry
        }

        void leave() {
            inside.decrementAndGet();
        }
    }

    private static int readInt(byte[] b) {
        return ByteBuffer.wrap(b).getInt();
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    @Test
    void manyNonSecureThreadsWithNestedCalls() throws Exception {
        Occupancy front = new Occupancy();
        Occupancy back = new Occupancy();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CallGate gate = new CallGate(PlatformLog.discard());
        // BACK: returns 3x+1 of its input and checks who is calling
        gate.register(new TestPartition(PartitionManifest.builder("BACK", 0x21)
                .service(ServiceManifest.stateless("BACK", BACK_SID, true, 2)).build(), (m, c) -> {
                    back.enter();
                    try {
                        int x = readInt(m.input(0));
                        m.write(0, intBytes(3 * x + 1));
                        return 0;
                    } finally {
                        back.leave();
                    }
                }));
        // FRONT: calls BACK (nested), adds the caller id, keeps a per-caller session count via SESSION
        gate.register(new TestPartition(PartitionManifest.builder("FRONT", 0x20)
                .service(ServiceManifest.stateless("FRONT", FRONT_SID, true, 1))
                .service(ServiceManifest.connectionBased("SESSION", SESSION_SID, true))
                .dependsOn(BACK_SID).build(), (m, c) -> {
                    front.enter();
                    try {
                        if (m.sid() == SESSION_SID) {
                            return m.type() < 0 ? 0 : m.inSize(0);
                        }
                        int x = readInt(m.input(0));
                        byte[] r = new byte[4];
                        CallResult nested = c.client().call(BACK, new InVec[] {InVec.of(intBytes(x))},
                                new OutVec[] {OutVec.of(r)});
                        if (nested.status() != 0 || nested.outLength(0) != 4) {
                            errors.add("nested call " + nested);
                        }
                        m.write(0, intBytes(readInt(r) + m.clientId()));
                        return 0;
                    } finally {
                        front.leave();
                    }
                }));
        gate.start();

        AtomicInteger frontCalls = new AtomicInteger();
        AtomicInteger backCalls = new AtomicInteger();
        AtomicInteger sessionCalls = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int clientId = -1 - t;
                    futures.add(pool.submit(() -> {
                        PsaClient ns = gate.nonSecureClient(clientId);
                        start.await();
                        int session = ns.connect(SESSION_SID, 1);
                        if (session <= 0) {
                            errors.add("connect " + session);
                        }
                        for (int i = 0; i < CALLS_PER_THREAD; i++) {
                            int x = clientId * 100_000 + i;
                            byte[] out = new byte[4];
                            if (i % 5 == 4) {
                                CallResult r = ns.call(BACK, new InVec[] {InVec.of(intBytes(x))},
                                        new OutVec[] {OutVec.of(out)});
                                backCalls.incrementAndGet();
                                if (r.status() != 0 || readInt(out) != 3 * x + 1) {
                                    errors.add("direct " + x + " -> " + r + " " + readInt(out));
                                }
                            } else if (i % 5 == 3) {
                                CallResult r = ns.call(session, new InVec[] {InVec.of(new byte[i % 7])},
                                        new OutVec[0]);
                                sessionCalls.incrementAndGet();
                                if (r.status() != i % 7) {
                                    errors.add("session " + r);
                                }
                            } else {
                                CallResult r = ns.call(FRONT, new InVec[] {InVec.of(intBytes(x))},
                                        new OutVec[] {OutVec.of(out)});
                                frontCalls.incrementAndGet();
                                if (r.status() != 0 || readInt(out) != 3 * x + 1 + clientId) {
                                    errors.add("nested " + x + " -> " + r + " " + readInt(out));
                                }
                            }
                        }
                        if (ns.close(session) != 0) {
                            errors.add("close");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
        });
        assertEquals(List.of(), new ArrayList<>(errors));
        assertEquals(THREADS * CALLS_PER_THREAD, frontCalls.get() + backCalls.get() + sessionCalls.get());
        assertEquals(THREADS * CALLS_PER_THREAD * 3 / 5, frontCalls.get());
        assertEquals(THREADS * CALLS_PER_THREAD / 5, backCalls.get());
        assertEquals(0, front.violations.get(), "FRONT entered concurrently");
        assertEquals(0, back.violations.get(), "BACK entered concurrently");
        // FRONT: nested calls + session calls + CONNECT/DISCONNECT; BACK: direct + nested
        assertEquals(frontCalls.get() + sessionCalls.get() + 2 * THREADS, front.entries.get());
        assertEquals(frontCalls.get() + backCalls.get(), back.entries.get());
        assertEquals(0, gate.openConnections());
        assertFalse(gate.isHalted());
    }

    @Test
    void secondConcurrentCallOnTheSameConnectionIsProgrammerError() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new TestPartition(PartitionManifest.builder("SLOW", 0x30)
                .service(ServiceManifest.connectionBased("SLOW", 0x400, true))
                .service(ServiceManifest.connectionBased("OTHER", 0x401, true)).build(), (m, c) -> {
                    if (m.type() == 1) {
                        calls.incrementAndGet();
                        inside.countDown();
                        try {
                            if (!release.await(20, TimeUnit.SECONDS)) {
                                return PsaStatus.ERROR_GENERIC_ERROR.value();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return PsaStatus.ERROR_GENERIC_ERROR.value();
                        }
                        return 11;
                    }
                    return 0;
                }));
        gate.start();
        PsaClient ns = gate.nonSecureClient();
        int h = ns.connect(0x400, 1);
        assertTrue(h > 0);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                Future<CallResult> first = ex.submit(() -> ns.call(h, 1, new InVec[0], new OutVec[0]));
                inside.await();
                // the same handle from another thread while the first call is in the service
                assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), ns.call(h, 1, new InVec[0], new OutVec[0])
                        .status());
                assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), ns.close(h));
                release.countDown();
                assertEquals(11, first.get().status());
            } finally {
                release.countDown();
                ex.shutdownNow();
                assertTrue(ex.awaitTermination(10, TimeUnit.SECONDS));
            }
        });
        assertEquals(1, calls.get(), "the refused call never reached the service");
        assertEquals(1, gate.openConnections(), "the busy refusal does not drop the connection");
        assertEquals(0, ns.call(h, 2, new InVec[0], new OutVec[0]).status(), "usable again once idle");
        assertEquals(0, ns.close(h));
        assertFalse(gate.isHalted());
    }

    @Test
    void haltWhileAMessageIsInFlightReachesItsNonSecureCaller() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch halted = new CountDownLatch(1);
        AtomicInteger nestedAttempts = new AtomicInteger();
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(TestPartition.echo(PartitionManifest.builder("INNER", 0x41)
                .service(ServiceManifest.stateless("INNER", 0x501, false, 2)).build()));
        gate.register(new TestPartition(PartitionManifest.builder("OUTER", 0x40)
                .service(ServiceManifest.stateless("OUTER", 0x500, true, 1))
                .dependsOn(0x501).build(), (m, c) -> {
                    inside.countDown();
                    try {
                        if (!halted.await(20, TimeUnit.SECONDS)) {
                            return PsaStatus.ERROR_GENERIC_ERROR.value();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return PsaStatus.ERROR_GENERIC_ERROR.value();
                    }
                    nestedAttempts.incrementAndGet();
                    // a typical handler lets the PsaException of a nested call propagate
                    return c.client().call(Psa.statelessHandle(1, 2), new InVec[0], new OutVec[0]).status();
                }));
        gate.start();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                Future<CallResult> f = ex.submit(() -> gate.nonSecureClient().call(Psa.statelessHandle(1, 1),
                        new InVec[0], new OutVec[0]));
                inside.await();
                gate.halt("power loss in the middle of a call");
                halted.countDown();
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertTrue(e.getCause() instanceof DeviceHaltedException, String.valueOf(e.getCause()));
            } finally {
                halted.countDown();
                ex.shutdownNow();
                assertTrue(ex.awaitTermination(10, TimeUnit.SECONDS));
            }
        });
        assertEquals(1, nestedAttempts.get());
        assertEquals("power loss in the middle of a call", gate.haltReason().orElseThrow());
    }
}

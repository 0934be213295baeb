package io.github.cai4j.psa.spm;

import static io.github.cai4j.psa.spm.StandardGate.CLIENT_ID;
import static io.github.cai4j.psa.spm.StandardGate.CONN;
import static io.github.cai4j.psa.spm.StandardGate.CRYPTO_LIKE;
import static io.github.cai4j.psa.spm.StandardGate.DRIVE;
import static io.github.cai4j.psa.spm.StandardGate.HIDDEN;
import static io.github.cai4j.psa.spm.StandardGate.ITS_LIKE;
import static io.github.cai4j.psa.spm.StandardGate.RELAXED;
import static io.github.cai4j.psa.spm.StandardGate.SECURE_ONLY;
import static io.github.cai4j.psa.spm.StandardGate.handle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Secure callers: a partition's programmer error panics the simulated device ({@code tfm_core_panic}), after
 * which every call is refused; a partition calls its declared dependencies as itself.
 */
class CallGatePanicTest {
    private final StandardGate sg;
    private final PsaClient ns;

    CallGatePanicTest() throws PsaException {
        sg = new StandardGate();
        ns = sg.gate.nonSecureClient();
    }

    private CallResult drive() throws PsaException {
        return ns.call(handle(DRIVE), new InVec[] {InVec.of(new byte[] {1})}, new OutVec[] {OutVec.allocate(16)});
    }

    /** Runs {@code action} inside CLIENT and expects the device to halt. */
    private DeviceHaltedException expectPanic(StandardGate.Action action) {
        sg.action.set(action);
        DeviceHaltedException e = assertThrows(DeviceHaltedException.class, this::drive);
        assertTrue(sg.gate.isHalted());
        assertEquals(PsaStatus.ERROR_COMMUNICATION_FAILURE.value(), e.statusValue());
        assertEquals(sg.gate.haltReason().orElseThrow(), e.reason());
        assertTrue(sg.log.contains("secure world halted"), String.valueOf(sg.log.lines()));
        assertEverythingRefused();
        return e;
    }

    private void assertEverythingRefused() {
        int before = sg.server.seen().size() + sg.stateless.seen().size() + sg.client.seen().size();
        List<PsaClient> clients = List.of(ns, sg.gate.nonSecureClient(-42), sg.client.context().client());
        int refused = 0;
        for (PsaClient c : clients) {
            assertThrows(DeviceHaltedException.class, () -> c.version(CONN));
            assertThrows(DeviceHaltedException.class, () -> c.connect(CONN, 1));
            assertThrows(DeviceHaltedException.class,
                    () -> c.call(handle(CRYPTO_LIKE), new InVec[0], new OutVec[0]));
            assertThrows(DeviceHaltedException.class, () -> c.close(Psa.NULL_HANDLE));
            refused += 4;
        }
        assertEquals(12, refused);
        assertEquals(before, sg.server.seen().size() + sg.stateless.seen().size() + sg.client.seen().size(),
                "a halted device delivers nothing");
    }

    @Test
    void partitionCallsItsDependenciesAsItself() throws PsaException {
        List<Integer> results = new ArrayList<>();
        sg.action.set((m, c) -> {
            PsaClient me = c.client();
            assertEquals(CLIENT_ID, me.clientId());
            assertEquals(CLIENT_ID, c.partitionId());
            results.add(me.version(CONN));
            results.add(me.version(HIDDEN));
            int h = me.connect(CONN, 1);
            byte[] got = new byte[4];
            CallResult r = me.call(h, new InVec[] {InVec.of(new byte[] {5, 6, 7, 8})},
                    new OutVec[] {OutVec.of(got)});
            results.add(r.status());
            results.add(r.outLength(0));
            results.add(me.close(h));
            results.add(me.call(handle(HIDDEN), new InVec[0], new OutVec[0]).status());
            m.write(0, got);
            return 3;
        });
        CallResult r = drive();
        assertEquals(3, r.status());
        assertEquals(4, r.outLength(0));
        assertEquals(List.of(1, 1, 0, 4, 0, 0), results);
        List<TestPartition.Seen> serverSaw = sg.server.seen();
        assertEquals(3, serverSaw.size());
        for (TestPartition.Seen s : serverSaw) {
            assertEquals(CLIENT_ID, s.clientId(), "the callee sees the partition id");
        }
        assertEquals(CLIENT_ID, sg.stateless.seen().get(0).clientId());
        assertEquals(-1, sg.client.seen().get(0).clientId());
        assertFalse(sg.gate.isHalted());
    }

    @Test
    void versionOfUndeclaredSidIsVersionNoneWithoutPanic() throws PsaException {
        List<Integer> results = new ArrayList<>();
        sg.action.set((m, c) -> {
            results.add(c.client().version(RELAXED));
            results.add(c.client().version(ITS_LIKE));
            results.add(c.client().version(0xdead));
            return 0;
        });
        assertEquals(0, drive().status());
        assertEquals(List.of(0, 0, 0), results);
        assertFalse(sg.gate.isHalted());
    }

    @Test
    void connectToUndeclaredDependencyPanics() {
        DeviceHaltedException e = expectPanic((m, c) -> c.client().connect(RELAXED, 1));
        assertTrue(e.reason().contains("0x102"), e.reason());
        assertTrue(e.reason().contains("PSA_ERROR_CONNECTION_REFUSED"), e.reason());
    }

    @Test
    void connectToSecureOnlyServiceNotDeclaredPanics() {
        expectPanic((m, c) -> c.client().connect(SECURE_ONLY, 1));
    }

    @Test
    void callOfUndeclaredStatelessServicePanics() {
        DeviceHaltedException e = expectPanic((m, c) -> c.client().call(handle(ITS_LIKE), new InVec[0],
                new OutVec[0]).status());
        assertTrue(e.reason().contains("PSA_ERROR_PROGRAMMER_ERROR"), e.reason());
        assertEquals(0, sg.stateless.seen().size());
    }

    @Test
    void connectWithRefusedVersionPanics() {
        expectPanic((m, c) -> c.client().connect(CONN, 2));
    }

    @Test
    void connectToUnknownSidPanics() {
        expectPanic((m, c) -> c.client().connect(0xdead, 1));
    }

    @Test
    void secureCallWithBadTypePanics() {
        expectPanic((m, c) -> c.client().call(handle(CRYPTO_LIKE), -3, new InVec[0], new OutVec[0]).status());
    }

    @Test
    void secureCallWithTooManyVectorsPanics() {
        expectPanic((m, c) -> c.client().call(handle(CRYPTO_LIKE), new InVec[3], new OutVec[2]).status());
    }

    @Test
    void secureCallWithInvalidHandlePanics() {
        expectPanic((m, c) -> c.client().call(777, new InVec[0], new OutVec[0]).status());
    }

    @Test
    void secureCallOfForeignHandlePanics() throws PsaException {
        int nsHandle = ns.connect(CONN, 1);
        assertTrue(nsHandle > 0);
        expectPanic((m, c) -> c.client().call(nsHandle, new InVec[0], new OutVec[0]).status());
    }

    @Test
    void secureCloseOfStatelessHandlePanics() {
        expectPanic((m, c) -> c.client().close(handle(CRYPTO_LIKE)));
    }

    @Test
    void secureConnectToStatelessServicePanics() {
        expectPanic((m, c) -> c.client().connect(CRYPTO_LIKE, 1));
    }

    @Test
    void serviceReplyingProgrammerErrorToSecureCallerPanics() {
        expectPanic((m, c) -> c.client().call(handle(CRYPTO_LIKE), StandardGate.TYPE_REPLY_PROGRAMMER_ERROR,
                new InVec[0], new OutVec[0]).status());
    }

    @Test
    void partitionCannotSwallowThePanic() {
        AtomicInteger caught = new AtomicInteger();
        expectPanic((m, c) -> {
            try {
                c.client().connect(RELAXED, 1);
            } catch (Exception e) {
                caught.incrementAndGet();
            }
            return 0;
        });
        assertEquals(0, caught.get());
    }

    @Test
    void partitionThrowingRuntimeExceptionPanics() {
        DeviceHaltedException e = expectPanic((m, c) -> {
            throw new IllegalStateException("bug");
        });
        assertTrue(e.reason().contains("CLIENT"), e.reason());
        assertTrue(e.reason().contains("IllegalStateException"), e.reason());
    }

    @Test
    void nestedPartitionFaultPanicsTheWholeDevice() throws PsaException {
        StandardGate g = new StandardGate();
        g.action.set((m, c) -> c.client().call(handle(CRYPTO_LIKE), StandardGate.TYPE_RETURN_INPUT,
                new InVec[0], new OutVec[0]).status()); // STATELESS reads a missing input: a fault
        DeviceHaltedException e = assertThrows(DeviceHaltedException.class,
                () -> g.gate.nonSecureClient().call(handle(DRIVE), new InVec[0], new OutVec[0]));
        assertTrue(e.reason().contains("STATELESS"), e.reason());
        assertTrue(g.gate.isHalted());
    }

    @Test
    void psaWriteOverflowPanics() {
        DeviceHaltedException e = expectPanic((m, c) -> {
            m.write(0, new byte[10]);
            m.write(0, new byte[7]); // capacity 16
            return 0;
        });
        assertTrue(e.reason().contains("overflows output vector 0"), e.reason());
    }

    @Test
    void psaWriteToMissingOutputVectorPanics() {
        expectPanic((m, c) -> {
            m.write(1, new byte[1]);
            return 0;
        });
    }

    @Test
    void psaWriteWithBadSliceOfItsOwnArrayPanics() {
        expectPanic((m, c) -> {
            m.write(0, new byte[4], 2, 3);
            return 0;
        });
    }

    @Test
    void psaWriteUpToCapacityIsFine() throws PsaException {
        sg.action.set((m, c) -> {
            assertEquals(16, m.outCapacity(0));
            m.write(0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertEquals(8, m.written(0));
            m.write(0, new byte[] {0, 9, 10, 11, 12, 13, 14, 15, 16, 0}, 1, 8);
            assertEquals(16, m.written(0));
            m.write(0, new byte[0]);
            return 0;
        });
        byte[] buf = new byte[16];
        CallResult r = ns.call(handle(DRIVE), new InVec[0], new OutVec[] {OutVec.of(buf)});
        assertEquals(16, r.outLength(0));
        byte[] expected = new byte[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = (byte) (i + 1);
        }
        assertArrayEquals(expected, buf);
    }

    @Test
    void haltIsStickyAndKeepsTheFirstReason() {
        sg.gate.halt("first");
        sg.gate.halt("second");
        assertEquals("first", sg.gate.haltReason().orElseThrow());
        DeviceHaltedException e = assertThrows(DeviceHaltedException.class, () -> ns.version(CONN));
        assertEquals("first", e.reason());
        assertTrue(e.getMessage().contains("first"));
    }

    @Test
    void busyConnectionPoolIsAStatusForASecureCallerNotAPanic() throws PsaException {
        StandardGate small = new StandardGate(1);
        PsaClient c = small.gate.nonSecureClient();
        int h = c.connect(CONN, 1);
        assertTrue(h > 0);
        List<Integer> results = new ArrayList<>();
        small.action.set((m, ctx) -> {
            results.add(ctx.client().connect(CONN, 1));
            return 0;
        });
        assertEquals(0, c.call(handle(DRIVE), new InVec[0], new OutVec[0]).status());
        assertEquals(List.of(PsaStatus.ERROR_CONNECTION_BUSY.value()), results);
        assertFalse(small.gate.isHalted());
    }
}

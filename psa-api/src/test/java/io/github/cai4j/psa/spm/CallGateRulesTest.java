package io.github.cai4j.psa.spm;

import static io.github.cai4j.psa.spm.StandardGate.CONN;
import static io.github.cai4j.psa.spm.StandardGate.CRYPTO_LIKE;
import static io.github.cai4j.psa.spm.StandardGate.HIDDEN;
import static io.github.cai4j.psa.spm.StandardGate.ITS_LIKE;
import static io.github.cai4j.psa.spm.StandardGate.RELAXED;
import static io.github.cai4j.psa.spm.StandardGate.SECURE_ONLY;
import static io.github.cai4j.psa.spm.StandardGate.V2_RELAXED;
import static io.github.cai4j.psa.spm.StandardGate.handle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule of the gate for a non-secure caller, with its exact status ({@code spec/mcuboot-psa.md} B9). */
class CallGateRulesTest {
    private static final int PROGRAMMER_ERROR = PsaStatus.ERROR_PROGRAMMER_ERROR.value();
    private static final int CONNECTION_REFUSED = PsaStatus.ERROR_CONNECTION_REFUSED.value();
    private static final int CONNECTION_BUSY = PsaStatus.ERROR_CONNECTION_BUSY.value();

    private final StandardGate sg;
    private final PsaClient ns;

    CallGateRulesTest() throws PsaException {
        sg = new StandardGate();
        ns = sg.gate.nonSecureClient();
    }

    private static InVec[] in(byte[]... arrays) {
        InVec[] v = new InVec[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            v[i] = InVec.of(arrays[i]);
        }
        return v;
    }

    private static OutVec[] out(int... capacities) {
        OutVec[] v = new OutVec[capacities.length];
        for (int i = 0; i < capacities.length; i++) {
            v[i] = OutVec.allocate(capacities[i]);
        }
        return v;
    }

    private int connect() throws PsaException {
        int h = ns.connect(CONN, 1);
        assertTrue(h > 0, "connect returned " + h);
        return h;
    }

    // ---------------------------------------------------------------- psa_version

    @Test
    void versionOfUnknownSidIsVersionNone() throws PsaException {
        assertEquals(Psa.VERSION_NONE, ns.version(0xdead));
        assertEquals(0, Psa.VERSION_NONE);
    }

    @Test
    void versionOfReachableServices() throws PsaException {
        assertEquals(1, ns.version(CONN));
        assertEquals(3, ns.version(RELAXED));
        assertEquals(1, ns.version(CRYPTO_LIKE));
        assertEquals(2, ns.version(V2_RELAXED));
    }

    @Test
    void versionOfServiceClosedToNonSecureIsVersionNone() throws PsaException {
        assertEquals(Psa.VERSION_NONE, ns.version(SECURE_ONLY));
        assertEquals(Psa.VERSION_NONE, ns.version(HIDDEN));
    }

    // ---------------------------------------------------------------- psa_connect

    @Test
    void connectToUnknownSidIsRefused() throws PsaException {
        assertEquals(CONNECTION_REFUSED, ns.connect(0xdead, 1));
        assertEquals(0, sg.gate.openConnections());
    }

    @Test
    void connectToStatelessServiceIsProgrammerError() throws PsaException {
        assertEquals(PROGRAMMER_ERROR, ns.connect(CRYPTO_LIKE, 1));
        assertEquals(PROGRAMMER_ERROR, ns.connect(HIDDEN, 1));
        assertFalse(sg.gate.isHalted());
    }

    @Test
    void connectFromNonSecureToSecureOnlyServiceIsRefused() throws PsaException {
        assertEquals(CONNECTION_REFUSED, ns.connect(SECURE_ONLY, 1));
        assertEquals(CONNECTION_REFUSED, sg.gate.nonSecureClient(-7).connect(SECURE_ONLY, 1));
        assertEquals(0, sg.server.seen().size(), "no CONNECT may reach the service");
    }

    @Test
    void strictVersionPolicy() throws PsaException {
        assertEquals(CONNECTION_REFUSED, ns.connect(CONN, 0));
        assertEquals(CONNECTION_REFUSED, ns.connect(CONN, 2));
        assertEquals(CONNECTION_REFUSED, ns.connect(CONN, 255));
        int h = ns.connect(CONN, 1);
        assertTrue(h > 0);
        assertEquals(1, sg.gate.openConnections());
    }

    @Test
    void relaxedVersionPolicy() throws PsaException {
        for (int v = 1; v <= 3; v++) {
            int h = ns.connect(RELAXED, v);
            assertTrue(h > 0, "version " + v + " -> " + h);
            assertEquals(0, ns.close(h));
        }
        assertEquals(CONNECTION_REFUSED, ns.connect(RELAXED, 4));
        assertEquals(CONNECTION_REFUSED, ns.connect(RELAXED, 100));
        assertEquals(0, sg.gate.openConnections());
    }

    @Test
    void versionPolicyTable() {
        assertTrue(VersionPolicy.STRICT.accepts(2, 2));
        assertFalse(VersionPolicy.STRICT.accepts(1, 2));
        assertFalse(VersionPolicy.STRICT.accepts(3, 2));
        assertTrue(VersionPolicy.RELAXED.accepts(1, 2));
        assertTrue(VersionPolicy.RELAXED.accepts(2, 2));
        assertFalse(VersionPolicy.RELAXED.accepts(3, 2));
    }

    @Test
    void exhaustedConnectionPoolIsBusy() throws PsaException {
        StandardGate small = new StandardGate(2);
        PsaClient c = small.gate.nonSecureClient();
        int h1 = c.connect(CONN, 1);
        int h2 = c.connect(RELAXED, 1);
        assertTrue(h1 > 0 && h2 > 0 && h1 != h2);
        assertEquals(CONNECTION_BUSY, c.connect(CONN, 1));
        assertEquals(CONNECTION_BUSY, small.gate.nonSecureClient(-9).connect(CONN, 1));
        assertEquals(2, small.gate.openConnections());
        assertEquals(0, c.close(h1));
        int h3 = c.connect(CONN, 1);
        assertTrue(h3 > 0, "a freed slot is reusable: " + h3);
        assertEquals(2, small.gate.openConnections());
        assertFalse(small.gate.isHalted());
    }

    @Test
    void connectAndCloseDeliverMessagesWithTheCallerId() throws PsaException {
        PsaClient custom = sg.gate.nonSecureClient(-0x3c000005);
        assertEquals(-0x3c000005, custom.clientId());
        int h = custom.connect(CONN, 1);
        assertTrue(h > 0);
        byte[] data = {1, 2, 3};
        CallResult r = custom.call(h, 42, in(data), out(3));
        assertEquals(0, r.status());
        assertEquals(0, custom.close(h));
        List<TestPartition.Seen> seen = sg.server.seen();
        assertEquals(3, seen.size());
        assertEquals(Psa.IPC_CONNECT, seen.get(0).type());
        assertEquals(42, seen.get(1).type());
        assertEquals(Psa.IPC_DISCONNECT, seen.get(2).type());
        for (TestPartition.Seen s : seen) {
            assertEquals(-0x3c000005, s.clientId());
            assertEquals(CONN, s.sid());
        }
        assertEquals(0, seen.get(0).inputs().size());
        assertArrayEquals(data, seen.get(1).inputs().get(0));
        assertEquals(0, sg.gate.openConnections());
    }

    @Test
    void defaultNonSecureClientIsMinusOne() throws PsaException {
        assertEquals(-1, ns.clientId());
        assertEquals(0, ns.call(handle(CRYPTO_LIKE), in(new byte[1]), out()).status());
        assertEquals(-1, sg.stateless.seen().get(0).clientId());
    }

    @Test
    void nonSecureClientIdsMustBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> sg.gate.nonSecureClient(0));
        assertThrows(IllegalArgumentException.class, () -> sg.gate.nonSecureClient(StandardGate.SERVER_ID));
    }

    @Test
    void serviceRefusingTheConnectionLeavesNoConnection() throws PsaException {
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(new TestPartition(PartitionManifest.builder("PICKY", 0x10)
                .service(ServiceManifest.connectionBased("PICKY", 0x500, true)).build(),
                (m, c) -> m.type() == Psa.IPC_CONNECT && m.clientId() == -2
                        ? PsaStatus.ERROR_CONNECTION_REFUSED.value() : 0));
        g.start();
        assertEquals(CONNECTION_REFUSED, g.nonSecureClient(-2).connect(0x500, 1));
        assertEquals(0, g.openConnections());
        assertTrue(g.nonSecureClient(-3).connect(0x500, 1) > 0);
        assertEquals(1, g.openConnections());
    }

    // ---------------------------------------------------------------- psa_call: vectors and type

    @Test
    void atMostFourVectors() throws PsaException {
        int h = connect();
        byte[] a = new byte[1];
        byte[] b = new byte[1];
        byte[] c = new byte[1];
        byte[] d = new byte[1];
        byte[] e = new byte[1];
        assertEquals(PROGRAMMER_ERROR, ns.call(h, in(a, b, c), out(1, 1)).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(h, in(a, b, c, d, e), out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(h, in(), out(1, 1, 1, 1, 1)).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(handle(CRYPTO_LIKE), in(a, b), out(1, 1, 1)).status());
        int delivered = sg.server.seen().size();
        assertEquals(0, ns.call(h, in(a, b, c, d), out()).status());
        assertEquals(0, ns.call(h, in(), out(1, 1, 1, 1)).status());
        assertEquals(0, ns.call(h, in(a, b), out(1, 1)).status());
        assertEquals(0, ns.call(h, null, null).status());
        assertEquals(delivered + 4, sg.server.seen().size());
        assertEquals(0, sg.stateless.seen().size());
        assertEquals(1, sg.gate.openConnections(), "a refused NS call does not drop the connection");
    }

    @Test
    void callTypeRange() throws PsaException {
        int h = connect();
        for (int bad : new int[] {-1, -2, Integer.MIN_VALUE, 32768, 65535, Integer.MAX_VALUE}) {
            assertEquals(PROGRAMMER_ERROR, ns.call(h, bad, in(), out()).status(), "type " + bad);
            assertEquals(PROGRAMMER_ERROR, ns.call(handle(CRYPTO_LIKE), bad, in(), out()).status(), "type " + bad);
        }
        assertEquals(1, sg.server.seen().size(), "only the CONNECT was delivered");
        assertEquals(0, ns.call(h, 0, in(), out()).status());
        assertEquals(0, ns.call(h, 32767, in(), out()).status());
        assertEquals(32767, sg.server.seen().get(2).type());
        assertEquals(Psa.MAX_CALL_TYPE, 32767);
    }

    @Test
    void invalidHandles() throws PsaException {
        int h = connect();
        for (int bad : new int[] {Psa.NULL_HANDLE, -1, -129, Integer.MIN_VALUE, h + 1000, 0x3fff_ffff}) {
            assertEquals(PROGRAMMER_ERROR, ns.call(bad, in(), out()).status(), "handle " + bad);
        }
        assertEquals(1, sg.server.seen().size());
    }

    @Test
    void foreignHandleIsProgrammerError() throws PsaException {
        int h = connect();
        PsaClient other = sg.gate.nonSecureClient(-2);
        assertEquals(PROGRAMMER_ERROR, other.call(h, in(new byte[2]), out(2)).status());
        assertEquals(PROGRAMMER_ERROR, other.close(h));
        assertEquals(1, sg.gate.openConnections(), "the owner's connection survives");
        assertEquals(0, ns.call(h, in(new byte[2]), out(2)).status());
        assertEquals(0, ns.close(h));
    }

    @Test
    void closedHandleIsInvalid() throws PsaException {
        int h = connect();
        assertEquals(0, ns.close(h));
        assertEquals(PROGRAMMER_ERROR, ns.call(h, in(), out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.close(h));
    }

    @Test
    void inaccessibleVectorsAreProgrammerErrors() throws PsaException {
        int h = connect();
        byte[] buf = new byte[8];
        List<InVec> badIn = List.of(InVec.of(buf, -1, 2), InVec.of(buf, 7, 2), InVec.of(buf, 0, 9),
                InVec.of(buf, 9, 0), InVec.of(buf, 1, Integer.MAX_VALUE), InVec.of(buf, Integer.MAX_VALUE, 1),
                InVec.of(buf, 2, -1), InVec.of(null, 0, 1), InVec.of(buf, -1, 0));
        for (InVec v : badIn) {
            assertEquals(PROGRAMMER_ERROR, ns.call(h, new InVec[] {v}, out()).status(),
                    "in offset " + v.offset() + " length " + v.length());
        }
        List<OutVec> badOut = List.of(OutVec.of(buf, -1, 2), OutVec.of(buf, 7, 2), OutVec.of(buf, 0, 9),
                OutVec.of(buf, 9, 0), OutVec.of(buf, 1, Integer.MAX_VALUE), OutVec.of(buf, 2, -1),
                OutVec.of(null, 0, 1), OutVec.of(buf, -5, 0));
        for (OutVec v : badOut) {
            assertEquals(PROGRAMMER_ERROR, ns.call(h, in(), new OutVec[] {v}).status(),
                    "out offset " + v.offset() + " length " + v.length());
            assertEquals(PROGRAMMER_ERROR, ns.call(handle(CRYPTO_LIKE), in(), new OutVec[] {v}).status());
        }
        assertEquals(PROGRAMMER_ERROR, ns.call(h, new InVec[] {null}, out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(h, in(), new OutVec[] {null}).status());
        assertEquals(1, sg.server.seen().size(), "nothing but the CONNECT was delivered");
        assertEquals(17, badIn.size() + badOut.size());
    }

    @Test
    void overlappingInputVectorsAreProgrammerErrors() throws PsaException {
        int h = connect();
        byte[] buf = new byte[16];
        assertEquals(PROGRAMMER_ERROR, ns.call(h, new InVec[] {InVec.of(buf, 0, 4), InVec.of(buf, 2, 4)},
                out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(h, new InVec[] {InVec.of(buf, 4, 4), InVec.of(buf, 0, 5)},
                out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(h, new InVec[] {InVec.of(buf), InVec.of(buf)}, out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(h, new InVec[] {InVec.of(buf, 0, 2), InVec.of(new byte[2]),
            InVec.of(buf, 8, 8), InVec.of(buf, 15, 1)}, out()).status());
        assertEquals(1, sg.server.seen().size());
        // adjacent slices, different arrays and an empty slice inside another are fine
        assertEquals(0, ns.call(h, new InVec[] {InVec.of(buf, 0, 4), InVec.of(buf, 4, 4)}, out()).status());
        assertEquals(0, ns.call(h, new InVec[] {InVec.of(new byte[4]), InVec.of(new byte[4])}, out()).status());
        assertEquals(0, ns.call(h, new InVec[] {InVec.of(buf, 0, 8), InVec.of(buf, 4, 0)}, out()).status());
        assertEquals(4, sg.server.seen().size());
    }

    @Test
    void zeroLengthVectorsAreAllowed() throws PsaException {
        int h = connect();
        byte[] buf = new byte[4];
        InVec[] ins = {InVec.empty(), InVec.of(buf, 4, 0), InVec.of(null, 0, 0)};
        OutVec[] outs = {OutVec.of(null, 0, 0)};
        CallResult r = ns.call(h, ins, outs);
        assertEquals(0, r.status());
        assertEquals(0, r.outLength(0));
        CallResult r2 = ns.call(handle(CRYPTO_LIKE), new InVec[] {InVec.empty()}, new OutVec[] {OutVec.allocate(0),
            OutVec.of(buf, 4, 0)});
        assertEquals(0, r2.status());
        assertEquals(2, r2.outCount());
        TestPartition.Seen seen = sg.server.seen().get(1);
        assertEquals(3, seen.inputs().size());
        for (byte[] b : seen.inputs()) {
            assertEquals(0, b.length);
        }
        assertEquals(List.of(0), seen.capacities());
    }

    // ---------------------------------------------------------------- stateless handles

    @Test
    void statelessHandleEncoding() {
        assertEquals(0x4000_0100, Psa.statelessHandle(1, 1));
        assertEquals(0x4000_0101, Psa.statelessHandle(1, 2));
        assertEquals(0x4000_0102, Psa.statelessHandle(1, 3));
        assertEquals(0x4000_0103, Psa.statelessHandle(1, 4));
        assertEquals(0x4000_0104, Psa.statelessHandle(1, 5));
        assertEquals(0x4000_0105, Psa.statelessHandle(1, 6));
        assertEquals(0x4000_ff1f, Psa.statelessHandle(255, 32));
        assertEquals(0x4000_0000, Psa.statelessHandle(256, 1), "version is masked to 8 bits");
        assertThrows(IllegalArgumentException.class, () -> Psa.statelessHandle(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Psa.statelessHandle(1, 33));
        int checked = 0;
        for (int version = 1; version <= 255; version += 17) {
            for (int index = 1; index <= 32; index++) {
                int h = Psa.statelessHandle(version, index);
                assertEquals(0x4000_0000 | version << 8 | (index - 1), h);
                assertTrue(Psa.isStatelessHandle(h));
                checked++;
            }
        }
        assertEquals(15 * 32, checked);
        assertFalse(Psa.isStatelessHandle(1));
        assertFalse(Psa.isStatelessHandle(0));
        assertFalse(Psa.isStatelessHandle(-1));
        assertEquals(0x4000_0100, ServiceManifest.stateless("CRYPTO", 0x80, true, 1).statelessHandle());
        assertEquals(0x4000_0103, ServiceManifest.stateless("ATTEST", 0x20, true, 4).statelessHandle());
        assertThrows(IllegalStateException.class,
                () -> ServiceManifest.connectionBased("C", 1, true).statelessHandle());
    }

    @Test
    void standardGateHandlesMatchTheManifests() {
        int checked = 0;
        for (PartitionManifest m : sg.gate.manifests()) {
            for (ServiceManifest s : m.services()) {
                if (s.isStateless()) {
                    assertEquals(handle(s.sid()), s.statelessHandle(), s.name());
                    checked++;
                }
            }
        }
        assertEquals(5, checked);
    }

    @Test
    void statelessCallWorksWithoutConnecting() throws PsaException {
        byte[] data = {9, 8, 7};
        byte[] outBuf = new byte[3];
        CallResult r = ns.call(handle(CRYPTO_LIKE), in(data), new OutVec[] {OutVec.of(outBuf)});
        assertEquals(0, r.status());
        assertEquals(3, r.outLength(0));
        assertArrayEquals(data, outBuf);
        assertEquals(CRYPTO_LIKE, sg.stateless.seen().get(0).sid());
        assertEquals(0, ns.call(handle(ITS_LIKE), in(data), out()).status());
        assertEquals(ITS_LIKE, sg.stateless.seen().get(1).sid());
        assertEquals(0, sg.gate.openConnections());
    }

    @Test
    void statelessHandleWithWrongVersionIsProgrammerError() throws PsaException {
        assertEquals(PROGRAMMER_ERROR, ns.call(Psa.statelessHandle(2, 1), in(), out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(Psa.statelessHandle(0, 1), in(), out()).status());
        // V2_RELAXED (v2, RELAXED): version 1 and 2 accepted, 3 refused
        assertEquals(0, ns.call(Psa.statelessHandle(1, 5), in(), out()).status());
        assertEquals(0, ns.call(Psa.statelessHandle(2, 5), in(), out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(Psa.statelessHandle(3, 5), in(), out()).status());
        assertEquals(2, sg.stateless.seen().size());
    }

    @Test
    void statelessHandleOfUnauthorizedOrUnknownServiceIsProgrammerError() throws PsaException {
        assertEquals(PROGRAMMER_ERROR, ns.call(handle(HIDDEN), in(), out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.call(Psa.statelessHandle(1, 2), in(), out()).status(), "unused index");
        assertEquals(PROGRAMMER_ERROR, ns.call(Psa.statelessHandle(1, 32), in(), out()).status(), "unused index");
        assertEquals(PROGRAMMER_ERROR, ns.call(0x4001_0100, in(), out()).status(), "stray bits");
        assertEquals(PROGRAMMER_ERROR, ns.call(0x4000_0120, in(), out()).status(), "index bits beyond 5");
        assertEquals(0, sg.stateless.seen().size());
        assertFalse(sg.gate.isHalted());
    }

    // ---------------------------------------------------------------- psa_close

    @Test
    void closeOfNullHandleIsNoOp() throws PsaException {
        assertEquals(0, ns.close(Psa.NULL_HANDLE));
        assertEquals(0, sg.server.seen().size());
    }

    @Test
    void closeOfStatelessOrInvalidHandleIsProgrammerError() throws PsaException {
        assertEquals(PROGRAMMER_ERROR, ns.close(handle(CRYPTO_LIKE)));
        assertEquals(PROGRAMMER_ERROR, ns.close(-5));
        assertEquals(PROGRAMMER_ERROR, ns.close(12345));
        assertEquals(0, sg.stateless.seen().size());
        assertFalse(sg.gate.isHalted());
    }

    // ---------------------------------------------------------------- service replies

    @Test
    void serviceReplyingProgrammerErrorDropsTheConnection() throws PsaException {
        int h = connect();
        int other = connect();
        assertEquals(2, sg.gate.openConnections());
        CallResult r = ns.call(h, StandardGate.TYPE_REPLY_PROGRAMMER_ERROR, in(), out());
        assertEquals(PROGRAMMER_ERROR, r.status());
        assertEquals(1, sg.gate.openConnections());
        int delivered = sg.server.seen().size();
        assertEquals(PROGRAMMER_ERROR, ns.call(h, in(), out()).status());
        assertEquals(PROGRAMMER_ERROR, ns.close(h));
        assertEquals(delivered, sg.server.seen().size(), "a dropped connection reaches nobody");
        assertEquals(0, ns.call(other, in(), out()).status());
        assertFalse(sg.gate.isHalted());
    }

    @Test
    void serviceStatusIsPassedThrough() throws PsaException {
        int h = connect();
        for (int status : new int[] {0, 1, 5, 0x7fff_ffff, -1, -7, -128, -135, -140, -257, Integer.MIN_VALUE}) {
            byte[] b = ByteBuffer.allocate(4).putInt(status).array();
            assertEquals(status, ns.call(h, StandardGate.TYPE_RETURN_INPUT, in(b), out()).status());
            assertEquals(status, ns.call(handle(CRYPTO_LIKE), StandardGate.TYPE_RETURN_INPUT, in(b), out()).status());
        }
        assertEquals(1, sg.gate.openConnections());
    }

    @Test
    void thrownPsaExceptionBecomesTheStatus() throws PsaException {
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(new TestPartition(PartitionManifest.builder("THROWER", 0x10)
                .service(ServiceManifest.stateless("T", 0x500, true, 1)).build(), (m, c) -> {
                    m.requireInSize(0, 4, PsaStatus.ERROR_INVALID_ARGUMENT);
                    throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED);
                }));
        g.start();
        PsaClient c = g.nonSecureClient();
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), c.call(Psa.statelessHandle(1, 1), in(new byte[3]),
                out()).status());
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), c.call(Psa.statelessHandle(1, 1), in(), out()).status());
        assertEquals(PsaStatus.ERROR_NOT_SUPPORTED.value(), c.call(Psa.statelessHandle(1, 1), in(new byte[4]),
                out()).status());
        assertFalse(g.isHalted());
    }

    @Test
    void callsBeforeBootAreRefused() {
        CallGate g = new CallGate(PlatformLog.discard());
        PsaClient c = g.nonSecureClient();
        assertThrows(io.github.cai4j.psa.DeviceHaltedException.class, () -> c.version(1));
        assertThrows(io.github.cai4j.psa.DeviceHaltedException.class, () -> c.connect(1, 1));
        assertThrows(io.github.cai4j.psa.DeviceHaltedException.class, () -> c.call(1, in(), out()));
        assertThrows(io.github.cai4j.psa.DeviceHaltedException.class, () -> c.close(1));
    }
}

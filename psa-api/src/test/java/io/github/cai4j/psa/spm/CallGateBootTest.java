package io.github.cai4j.psa.spm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.PlatformLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Registration, manifests and the boot order of the gate. */
class CallGateBootTest {

    private static PartitionManifest partition(String name, int id, int sid, int... deps) {
        return PartitionManifest.builder(name, id)
                .service(ServiceManifest.connectionBased(name, sid, true))
                .dependsOn(deps)
                .build();
    }

    @Test
    void bootOrderFollowsDependencies() throws PsaException {
        // D -> C -> B -> A, and D -> A; registered in an order that is not the boot order
        List<String> booted = Collections.synchronizedList(new ArrayList<>());
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(new TestPartition(partition("D", 4, 0x40, 0x30, 0x10), (m, c) -> 0, booted));
        g.register(new TestPartition(partition("B", 2, 0x20, 0x10), (m, c) -> 0, booted));
        g.register(new TestPartition(partition("C", 3, 0x30, 0x20), (m, c) -> 0, booted));
        g.register(new TestPartition(partition("E", 5, 0x50), (m, c) -> 0, booted));
        g.register(new TestPartition(partition("A", 1, 0x10), (m, c) -> 0, booted));
        List<String> planned = new ArrayList<>();
        for (PartitionManifest m : g.bootOrderManifests()) {
            planned.add(m.name());
        }
        g.start();
        assertEquals(planned, booted);
        assertEquals(5, booted.size());
        assertBefore(booted, "A", "B");
        assertBefore(booted, "B", "C");
        assertBefore(booted, "C", "D");
        assertBefore(booted, "A", "D");
        assertEquals(5, g.manifests().size());
    }

    private static void assertBefore(List<String> order, String first, String then) {
        assertTrue(order.indexOf(first) < order.indexOf(then), first + " must boot before " + then + ": " + order);
    }

    @Test
    void initMayCallDependencies() throws PsaException {
        CallGate g = new CallGate(PlatformLog.discard());
        List<Integer> statuses = new ArrayList<>();
        g.register(new SecurePartition() {
            @Override
            public PartitionManifest manifest() {
                return partition("USER", 2, 0x20, 0x10);
            }

            @Override
            public void init(PartitionContext context) throws PsaException {
                int h = context.client().connect(0x10, 1);
                statuses.add(context.client().call(h, new InVec[0], new OutVec[0]).status());
                statuses.add(context.client().close(h));
            }

            @Override
            public int handle(Message message) {
                return 0;
            }
        });
        TestPartition provider = TestPartition.echo(partition("PROVIDER", 1, 0x10));
        g.register(provider);
        g.start();
        assertEquals(List.of(0, 0), statuses);
        assertEquals(3, provider.seen().size());
        assertEquals(2, provider.seen().get(0).clientId());
    }

    @Test
    void dependencyCycleIsRefusedAtStart() {
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(TestPartition.echo(partition("A", 1, 0x10, 0x30)));
        g.register(TestPartition.echo(partition("B", 2, 0x20, 0x10)));
        g.register(TestPartition.echo(partition("C", 3, 0x30, 0x20)));
        IllegalStateException e = assertThrows(IllegalStateException.class, g::start);
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        // not started: still refuses non-secure calls
        assertThrows(DeviceHaltedException.class, () -> g.nonSecureClient().version(0x10));
    }

    @Test
    void unknownDependencyIsRefusedAtStart() {
        CallGate g = new CallGate(PlatformLog.discard());
        TestPartition a = TestPartition.echo(partition("A", 1, 0x10, 0x99));
        g.register(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::start);
        assertTrue(e.getMessage().contains("0x99"), e.getMessage());
        assertEquals(null, a.context(), "nothing was initialised");
    }

    @Test
    void initFaultHaltsTheDevice() {
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(new SecurePartition() {
            @Override
            public PartitionManifest manifest() {
                return partition("BROKEN", 1, 0x10);
            }

            @Override
            public void init(PartitionContext context) {
                throw new IllegalArgumentException("bad config");
            }

            @Override
            public int handle(Message message) {
                return 0;
            }
        });
        DeviceHaltedException e = assertThrows(DeviceHaltedException.class, g::start);
        assertTrue(e.reason().contains("BROKEN"), e.reason());
        assertTrue(g.isHalted());
        assertThrows(DeviceHaltedException.class, () -> g.nonSecureClient().version(0x10));
    }

    @Test
    void initProgrammerErrorHaltsTheDevice() {
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(new SecurePartition() {
            @Override
            public PartitionManifest manifest() {
                return partition("RUDE", 1, 0x10);
            }

            @Override
            public void init(PartitionContext context) throws PsaException {
                context.client().connect(0x20, 1); // not a declared dependency
            }

            @Override
            public int handle(Message message) {
                return 0;
            }
        });
        g.register(TestPartition.echo(partition("OTHER", 2, 0x20)));
        assertThrows(DeviceHaltedException.class, g::start);
        assertTrue(g.isHalted());
    }

    @Test
    void registrationRules() throws PsaException {
        CallGate g = new CallGate(PlatformLog.discard());
        g.register(TestPartition.echo(PartitionManifest.builder("A", 1)
                .service(ServiceManifest.connectionBased("S1", 0x10, true))
                .service(ServiceManifest.stateless("S2", 0x11, true, 4)).build()));
        assertThrows(IllegalArgumentException.class, () -> g.register(TestPartition.echo(partition("A2", 1, 0x20))),
                "duplicate partition id");
        assertThrows(IllegalArgumentException.class, () -> g.register(TestPartition.echo(partition("B", 2, 0x10))),
                "duplicate SID");
        assertThrows(IllegalArgumentException.class, () -> g.register(TestPartition.echo(
                PartitionManifest.builder("C", 3).service(ServiceManifest.stateless("S3", 0x12, true, 4)).build())),
                "duplicate stateless index");
        assertEquals(1, g.manifests().size());
        g.start();
        assertThrows(IllegalStateException.class, () -> g.register(TestPartition.echo(partition("L", 9, 0x90))));
        assertThrows(IllegalStateException.class, g::start);
        assertEquals(0, g.nonSecureClient().call(Psa.statelessHandle(1, 4), new InVec[0], new OutVec[0]).status());
        assertThrows(IllegalArgumentException.class, () -> new CallGate(PlatformLog.discard(), 0));
    }

    @Test
    void manifestValidation() {
        assertThrows(IllegalArgumentException.class, () -> partition("Z", 0, 0x10));
        assertThrows(IllegalArgumentException.class, () -> partition("N", -1, 0x10));
        assertThrows(IllegalArgumentException.class, () -> partition("SELF", 1, 0x10, 0x10));
        assertThrows(IllegalArgumentException.class, () -> PartitionManifest.builder("DUP", 1)
                .service(ServiceManifest.connectionBased("X", 0x10, true))
                .service(ServiceManifest.stateless("Y", 0x10, true, 1)).build());
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceManifest("V0", 1, 0, VersionPolicy.STRICT, true, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceManifest("V256", 1, 256, VersionPolicy.STRICT, true, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceManifest("I33", 1, 1, VersionPolicy.STRICT, true, 33));
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceManifest("I-1", 1, 1, VersionPolicy.STRICT, true, -1));
        assertThrows(IllegalArgumentException.class, () -> ServiceManifest.stateless("I0", 1, true, 0));
        assertThrows(NullPointerException.class, () -> new ServiceManifest("P", 1, 1, null, true, 0));

        ServiceManifest d = ServiceManifest.connectionBased("DEF", 0x10, false);
        assertEquals(1, d.version(), "default version 1");
        assertEquals(VersionPolicy.STRICT, d.policy(), "default policy STRICT");
        assertFalse(d.isStateless());
        ServiceManifest s = ServiceManifest.stateless("ST", 0x11, true, 2);
        assertEquals(1, s.version());
        assertEquals(VersionPolicy.STRICT, s.policy());
        assertTrue(s.isStateless());

        PartitionManifest m = partition("M", 7, 0x10, 0x20, 0x30);
        assertEquals(Set.of(0x20, 0x30), m.dependencies());
        assertThrows(UnsupportedOperationException.class, () -> m.dependencies().add(0x40));
        assertThrows(UnsupportedOperationException.class, () -> m.services().clear());
    }
}

package io.github.cai4j.psa.spm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.RecordingLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * When the secure world halts, every partition's {@code shutdown()} runs exactly once and never under a running
 * handler: idle partitions at once, a busy one as soon as its message completes, and no message follows.
 */
class CallGateShutdownTest {
    private final RecordingLog log = new RecordingLog();
    private final CallGate gate = new CallGate(log);
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** A partition with one stateless service that runs {@code body}, logging its handling and its shutdown. */
    private final class Recorder implements SecurePartition {
        final String name;
        final int id;
        final int sid;
        final int index;
        final int[] dependencies;
        volatile PartitionContext context;
        volatile Body body = m -> 0;

        Recorder(String name, int id, int sid, int index, int... dependencies) {
            this.name = name;
            this.id = id;
            this.sid = sid;
            this.index = index;
            this.dependencies = dependencies;
            gate.register(this);
        }

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder(name, id).service(ServiceManifest.stateless(name + "_SERVICE", sid,
                    true, index)).dependsOn(dependencies).build();
        }

        @Override
        public void init(PartitionContext ctx) {
            context = ctx;
        }

        @Override
        public int handle(Message message) throws PsaException {
            events.add(name + " handles");
            int r = body.run(message);
            events.add(name + " returns");
            return r;
        }

        @Override
        public void shutdown() {
            events.add(name + " shuts down");
        }

        int handle() {
            return Psa.statelessHandle(1, index);
        }
    }

    @FunctionalInterface
    interface Body {
        int run(Message m) throws PsaException;
    }

    private static CallResultHolder call(PsaClient c, int handle) throws DeviceHaltedException {
        return new CallResultHolder(c.call(handle, new InVec[0], new OutVec[0]).status());
    }

    record CallResultHolder(int status) {
    }

    @Test
    void idlePartitionsShutDownOnceWhenTheDeviceHalts() throws Exception {
        Recorder a = new Recorder("A", 0x101, 0x60, 1);
        Recorder b = new Recorder("B", 0x102, 0x61, 2);
        gate.start();
        assertEquals(0, call(gate.nonSecureClient(), a.handle()).status());
        gate.halt("power lost");
        gate.halt("again");
        assertEquals(1, events.stream().filter(e -> e.equals("A shuts down")).count(), events::toString);
        assertEquals(1, events.stream().filter(e -> e.equals("B shuts down")).count(), events::toString);
        assertThrows(DeviceHaltedException.class, () -> gate.nonSecureClient().call(b.handle(), new InVec[0],
                new OutVec[0]));
        assertFalse(events.contains("B handles"));
    }

    @Test
    void aPartitionHaltingTheDeviceFromItsOwnHandlerShutsDownAfterReturning() throws Exception {
        Recorder store = new Recorder("STORE", 0x101, 0x60, 1);
        Recorder crypto = new Recorder("CRYPTO", 0x103, 0x80, 3, 0x60);
        // crypto calls the store, and the store's flash loses power in the middle: the device halts from inside
        store.body = m -> {
            gate.halt("power lost during a flash write");
            return 0;
        };
        crypto.body = m -> {
            crypto.context.client().call(store.handle(), new InVec[0], new OutVec[0]);
            return 0;
        };
        gate.start();
        // the message in flight completes (its reply is the caller's last); every later call is refused
        call(gate.nonSecureClient(), crypto.handle());
        assertThrows(DeviceHaltedException.class, () -> call(gate.nonSecureClient(), crypto.handle()));
        assertTrue(events.indexOf("STORE shuts down") > events.indexOf("STORE returns"), events::toString);
        assertTrue(events.indexOf("CRYPTO shuts down") > events.indexOf("CRYPTO returns"), events::toString);
        assertTrue(events.indexOf("CRYPTO shuts down") > events.indexOf("CRYPTO handles"), events::toString);
        assertEquals(2, events.stream().filter(e -> e.endsWith("shuts down")).count(), events::toString);
    }

    @Test
    void aPartitionBusyOnAnotherThreadShutsDownWhenItsMessageCompletes() throws Exception {
        Recorder slow = new Recorder("SLOW", 0x101, 0x60, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slow.body = m -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        };
        gate.start();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                call(gate.nonSecureClient(), slow.handle());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        gate.halt("reboot");
        assertFalse(events.contains("SLOW shuts down"), "not while its handler runs");
        release.countDown();
        caller.join(10_000);
        assertEquals(List.of("SLOW handles", "SLOW returns", "SLOW shuts down"), events);
    }

    @Test
    void aShutdownThatThrowsIsLoggedAndTheOthersStillRun() throws Exception {
        Recorder ok = new Recorder("OK", 0x101, 0x60, 1);
        gate.register(new SecurePartition() {
            @Override
            public PartitionManifest manifest() {
                return PartitionManifest.builder("BAD", 0x104).build();
            }

            @Override
            public int handle(Message message) {
                return 0;
            }

            @Override
            public void shutdown() {
                throw new IllegalStateException("broken");
            }
        });
        gate.start();
        gate.halt("closed");
        assertTrue(events.contains("OK shuts down"));
        assertTrue(log.contains("BAD faulted while shutting down: IllegalStateException"), log.lines()::toString);
        assertThrows(DeviceHaltedException.class, () -> call(gate.nonSecureClient(), ok.handle()));
    }
}

package io.github.cai4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.FaultInjectingFlash;
import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.flash.testing.PowerLossSweep;
import io.github.cai4j.storage.StorageFixture.Kind;
import io.github.cai4j.storage.internal.ObjectStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code spec/style-and-reliability.md} B4: a scripted workload (creates, overwrites, removes, a write-once
 * object) is cut at every flash operation with every fault mode of the harness; after the reboot every object
 * holds its old or its new value, the acknowledged writes are all there, what the store reported in the same
 * session survives, and the store keeps working.
 */
class StorePowerLossTest {
    private static final int CLIENT = -1;
    private static final long PROBE_UID = 99;
    private static final long AFTER_UID = 100;

    /** One step: {@code data == null} is a remove. */
    private record Op(long uid, byte[] data, int flags) {
        void apply(Map<Long, byte[]> model) {
            if (data == null) {
                model.remove(uid);
            } else {
                model.put(uid, data);
            }
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + 7 * i);
        }
        return b;
    }

    private static final List<Op> SCRIPT = List.of(
            new Op(5, bytes(40, 1), StorageFlags.NONE),
            new Op(6, bytes(100, 2), StorageFlags.NONE),
            new Op(5, bytes(17, 3), StorageFlags.NO_CONFIDENTIALITY),
            new Op(6, null, 0),
            new Op(7, bytes(8, 4), StorageFlags.WRITE_ONCE),
            new Op(5, bytes(0, 5), StorageFlags.NONE),
            new Op(6, bytes(64, 6), StorageFlags.NO_REPLAY_PROTECTION),
            new Op(8, bytes(128, 7), StorageFlags.NONE));
    private static final long[] UIDS = {5, 6, 7, 8};

    private static void run(ObjectStore store, Op op) throws PsaException {
        if (op.data() == null) {
            store.remove(CLIENT, op.uid());
        } else {
            store.set(CLIENT, op.uid(), op.data(), op.flags());
        }
    }

    /** The object's bytes, or null if it does not exist; any other failure propagates. */
    private static byte[] read(ObjectStore store, long uid) throws PsaException {
        try {
            return store.get(CLIENT, uid, 0, Integer.MAX_VALUE);
        } catch (PsaException e) {
            if (e.is(PsaStatus.ERROR_DOES_NOT_EXIST)) {
                return null;
            }
            throw e;
        }
    }

    private static String hex(byte[] b) {
        return b == null ? "absent" : HexFormat.of().formatHex(b);
    }

    private static MemoryFlash formatted(StorageFixture f, Kind kind) {
        MemoryFlash flash = f.newFlash();
        try {
            f.store(flash, kind).mount();
        } catch (PsaException e) {
            throw new AssertionError(e);
        }
        return flash;
    }

    private static PowerLossSweep.Workload workload(StorageFixture f, Kind kind) {
        return (flash, acks) -> {
            ObjectStore store = f.store(flash, kind);
            for (int i = 0; i < SCRIPT.size(); i++) {
                Op op = SCRIPT.get(i);
                try {
                    run(store, op);
                } catch (PsaException e) {
                    if (flash instanceof FaultInjectingFlash fi && fi.isPoweredOff()) {
                        throw e;
                    }
                    // A fault the store survived: what it now says must be the old or the new value ...
                    byte[] seen = read(store, op.uid());
                    acks.add("observed:" + op.uid() + ":" + hex(seen));
                    // ... and it must keep working in the same session.
                    store.set(CLIENT, PROBE_UID, bytes(9, 9), StorageFlags.NONE);
                    assertArrayEquals(bytes(9, 9), read(store, PROBE_UID), "probe after " + e.getMessage());
                    acks.add("probe");
                    return;
                }
                acks.add("op:" + i);
            }
        };
    }

    private static PowerLossSweep.Verifier verifier(StorageFixture f, Kind kind) {
        return (device, acks, cut) -> {
            int done = (int) acks.stream().filter(a -> a.startsWith("op:")).count();
            Map<Long, byte[]> before = new LinkedHashMap<>();
            for (int i = 0; i < done; i++) {
                SCRIPT.get(i).apply(before);
            }
            Map<Long, byte[]> after = new LinkedHashMap<>(before);
            if (done < SCRIPT.size()) {
                SCRIPT.get(done).apply(after);
            }
            Map<Long, String> observed = new LinkedHashMap<>();
            for (String a : acks) {
                if (a.startsWith("observed:")) {
                    String[] p = a.split(":", -1);
                    observed.put(Long.parseLong(p[1]), p[2]);
                }
            }
            ObjectStore store = f.store(device, kind);
            List<String> actual = new ArrayList<>();
            for (long uid : UIDS) {
                actual.add(hex(read(store, uid)));
            }
            boolean matchesBefore = true;
            boolean matchesAfter = true;
            for (int i = 0; i < UIDS.length; i++) {
                matchesBefore &= actual.get(i).equals(hex(before.get(UIDS[i])));
                matchesAfter &= actual.get(i).equals(hex(after.get(UIDS[i])));
                String seen = observed.get(UIDS[i]);
                if (seen != null) {
                    assertEquals(seen, actual.get(i), "uid " + UIDS[i] + " changed across the reboot");
                }
            }
            if (!matchesBefore && !matchesAfter) {
                fail("neither the old nor the new state after " + done + " acknowledged steps: " + actual);
            }
            if (acks.contains("probe")) {
                assertArrayEquals(bytes(9, 9), read(store, PROBE_UID), "acknowledged probe lost");
            }
            store.set(CLIENT, AFTER_UID, bytes(33, 3), StorageFlags.NONE);
            ObjectStore again = f.store(device, kind);
            assertArrayEquals(bytes(33, 3), read(again, AFTER_UID), "write after the reboot lost");
            for (int i = 0; i < UIDS.length; i++) {
                assertEquals(actual.get(i), hex(read(again, UIDS[i])), "uid " + UIDS[i] + " changed");
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyCutOfTheWorkloadKeepsOldOrNew(Kind kind) {
        StorageFixture f = StorageFixture.small();
        byte[] image = formatted(f, kind).snapshot();
        PowerLossSweep.Result r = PowerLossSweep.run(() -> MemoryFlash.ofImage(f.geometry, image),
                workload(f, kind), verifier(f, kind), EnumSet.allOf(FaultMode.class));
        r.assertClean();
        // 8 commits of at least 4 operations each (counter, erase, program, counter)
        assertTrue(r.operationsPerRun() >= 32, "operations per run: " + r.operationsPerRun());
        assertEquals(r.operationsPerRun() * FaultMode.values().length, r.cutsRun());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cutsDuringFormattingLeaveAUsableStore(Kind kind) {
        StorageFixture f = StorageFixture.small();
        PowerLossSweep.Result r = PowerLossSweep.run(f::newFlash, (flash, acks) -> {
            ObjectStore store = f.store(flash, kind);
            store.set(CLIENT, 5, bytes(12, 1), StorageFlags.NONE);
            acks.add("op:0");
        }, (device, acks, cut) -> {
            ObjectStore store = f.store(device, kind);
            byte[] v = read(store, 5);
            if (acks.contains("op:0")) {
                assertArrayEquals(bytes(12, 1), v);
            } else if (v != null) {
                assertArrayEquals(bytes(12, 1), v);
            }
            store.set(CLIENT, 6, bytes(3, 3), StorageFlags.NONE);
            assertArrayEquals(bytes(3, 3), read(f.store(device, kind), 6));
        }, EnumSet.allOf(FaultMode.class));
        r.assertClean();
        assertEquals(r.operationsPerRun() * FaultMode.values().length, r.cutsRun());
    }

    @Test
    void repeatedCutsNeverLoseAcknowledgedWrites() throws Exception {
        // MCUboot's perm_with_random_fails: several cuts in sequence on the same device, deterministic seeds.
        StorageFixture f = StorageFixture.small();
        MemoryFlash device = formatted(f, Kind.PS);
        Map<Long, byte[]> acked = new LinkedHashMap<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        int cuts = 0;
        for (int round = 0; round < 40; round++) {
            FaultInjectingFlash flash = new FaultInjectingFlash(device);
            flash.armFault(random.nextInt(12), FaultMode.values()[random.nextInt(FaultMode.values().length)]);
            ObjectStore store = f.store(flash, Kind.PS);
            long uid = 5 + random.nextInt(4);
            byte[] value = bytes(random.nextInt(100), round);
            Map<Long, byte[]> candidate = new LinkedHashMap<>(acked);
            candidate.put(uid, value);
            boolean ok;
            try {
                store.set(CLIENT, uid, value, StorageFlags.NONE);
                ok = true;
            } catch (PsaException e) {
                ok = false;
                cuts++;
            }
            ObjectStore rebooted = f.store(device, Kind.PS);
            byte[] now = read(rebooted, uid);
            if (ok) {
                assertArrayEquals(value, now, "round " + round);
                acked.put(uid, value);
            } else {
                assertTrue(hex(now).equals(hex(value)) || hex(now).equals(hex(acked.get(uid))), "round " + round);
                if (now != null) {
                    acked.put(uid, now);
                }
            }
            for (Map.Entry<Long, byte[]> e : acked.entrySet()) {
                assertArrayEquals(e.getValue(), read(rebooted, e.getKey()), "round " + round + " uid " + e.getKey());
            }
        }
        assertTrue(cuts > 5, "too few rounds were cut: " + cuts);
    }

    @Test
    void sweepHasTeethAgainstAnInPlaceWriter() {
        // The same harness catches a store that overwrites its only copy: erase + program of one bank.
        StorageFixture f = StorageFixture.small();
        PowerLossSweep.Result r = PowerLossSweep.run(f::newFlash, (flash, acks) -> {
            flash.program(f.geometry.sectorSize() * 2, bytes(64, 1));
            acks.add("v1");
            flash.erase(f.geometry.sectorSize() * 2, f.geometry.sectorSize());
            flash.program(f.geometry.sectorSize() * 2, bytes(64, 2));
            acks.add("v2");
        }, (device, acks, cut) -> {
            byte[] v = device.read(f.geometry.sectorSize() * 2, 64);
            boolean old = hex(v).equals(hex(bytes(64, 1)));
            boolean neu = hex(v).equals(hex(bytes(64, 2)));
            assertTrue(acks.isEmpty() || old || neu, "mixed value");
        }, EnumSet.of(FaultMode.TORN_WRITE));
        assertTrue(!r.failures().isEmpty(), "the naive writer was not caught");
    }

}

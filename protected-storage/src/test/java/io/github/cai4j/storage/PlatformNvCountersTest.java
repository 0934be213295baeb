package io.github.cai4j.storage;

import static io.github.cai4j.storage.Statuses.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.flash.testing.PowerLossSweep;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The platform NV counters: monotonic across page switches, reboots and every fault of the harness. */
class PlatformNvCountersTest {
    private static final FlashGeometry GEOMETRY = new FlashGeometry(256, 2, 8);

    private static PlatformNvCounters counters(io.github.cai4j.psa.flash.FlashDevice flash) {
        return new PlatformNvCounters(new FlashArea(flash, 0, 2));
    }

    @Test
    void countsAcrossManyPageSwitchesAndReboots() throws Exception {
        MemoryFlash flash = new MemoryFlash(GEOMETRY);
        PlatformNvCounters c = counters(flash);
        long[] expect = new long[PlatformNvCounters.COUNTER_COUNT];
        for (int i = 0; i < 200; i++) {
            int id = i % 3 == 0 ? 3 : i % PlatformNvCounters.COUNTER_COUNT;
            expect[id]++;
            assertEquals(expect[id], c.increment(id));
            if (i % 17 == 0) {
                c = counters(flash);
            }
        }
        PlatformNvCounters rebooted = counters(flash);
        for (int id = 0; id < PlatformNvCounters.COUNTER_COUNT; id++) {
            assertEquals(expect[id], rebooted.read(id), "counter " + id);
        }
        assertEquals(expect[1] + 10, rebooted.advanceTo(1, expect[1] + 10));
        assertEquals(expect[1] + 10, rebooted.advanceTo(1, 3), "a counter never decreases");
        assertEquals(expect[1] + 10, counters(flash).read(1));
    }

    @Test
    void rejectsBadIdsAndValues() {
        PlatformNvCounters c = counters(new MemoryFlash(GEOMETRY));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.read(PlatformNvCounters.COUNTER_COUNT));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.increment(-1));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.advanceTo(0, PlatformNvCounters.MAX_VALUE + 1));
    }

    @Test
    void stopsAtTheMaximum() throws Exception {
        PlatformNvCounters c = counters(new MemoryFlash(GEOMETRY));
        c.advanceTo(2, PlatformNvCounters.MAX_VALUE);
        assertStatus(PsaStatus.ERROR_GENERIC_ERROR, () -> c.increment(2));
        assertEquals(PlatformNvCounters.MAX_VALUE, c.read(2));
    }

    @Test
    void everyCutLeavesTheValueOrItsSuccessorAndCountingContinues() {
        int steps = 30;
        PowerLossSweep.Result r = PowerLossSweep.run(() -> new MemoryFlash(GEOMETRY), (flash, acks) -> {
            PlatformNvCounters c = counters(flash);
            for (int i = 0; i < steps; i++) {
                long v;
                try {
                    v = c.increment(0);
                } catch (PsaException e) {
                    if (!(flash instanceof io.github.cai4j.psa.flash.FaultInjectingFlash fi) || fi.isPoweredOff()) {
                        throw e;
                    }
                    // a dropped or corrupted record is reported; the counter goes on in the same session
                    v = c.increment(0);
                }
                acks.add(Long.toString(v));
            }
        }, (device, acks, cut) -> {
            long acked = acks.isEmpty() ? 0 : Long.parseLong(acks.get(acks.size() - 1));
            PlatformNvCounters c = counters(device);
            long now = c.read(0);
            assertTrue(now == acked || now == acked + 1, "read " + now + " after acknowledging " + acked);
            assertEquals(now + 1, c.increment(0));
            assertEquals(now + 1, counters(device).read(0));
        }, EnumSet.allOf(FaultMode.class));
        r.assertClean();
        assertTrue(r.operationsPerRun() > steps, "page switches add operations: " + r.operationsPerRun());
        assertEquals(r.operationsPerRun() * FaultMode.values().length, r.cutsRun());
    }
}

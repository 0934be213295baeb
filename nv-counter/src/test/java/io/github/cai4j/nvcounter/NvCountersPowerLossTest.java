package io.github.cai4j.nvcounter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.nvcounter.NvCounters.Mode;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.flash.FaultInjectingFlash;
import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.flash.testing.PowerLossSweep;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code spec/style-and-reliability.md} B4 for the counters: increments across two threshold write-backs and a
 * rollover, cut at every flash operation with every fault mode; after the reboot the {@code SAFE} counter
 * hands out a value above every value handed out before the cut, and keeps counting.
 */
class NvCountersPowerLossTest {
    private static final int THRESHOLD = 4;
    private static final long MAX_4 = 4_294_967_292L;
    private static final int STEPS = 14;

    private static CounterValues parse(String s) {
        String[] p = s.split(":");
        return new CounterValues(Long.parseLong(p[0]), Long.parseLong(p[1]));
    }

    private static NvCounters safe(CounterDevice d) throws PsaException {
        return NvCounters.builder(d.hukClient(), d.log).threshold(THRESHOLD).init();
    }

    @Test
    void safeCounterNeverGoesBackNorRepeatsAfterAnyCut() throws Exception {
        MemoryFlash seed = new MemoryFlash(CounterDevice.GEOMETRY);
        NvCounters.builder(CounterDevice.boot(seed).hukClient(), io.github.cai4j.psa.platform.PlatformLog.discard())
                .threshold(THRESHOLD).startAt(0, MAX_4 - 8).init();
        byte[] image = seed.snapshot();

        PowerLossSweep.Result r = PowerLossSweep.run(() -> MemoryFlash.ofImage(CounterDevice.GEOMETRY, image),
                (flash, acks) -> {
                    NvCounters c = safe(CounterDevice.boot(flash));
                    for (int i = 0; i < STEPS; i++) {
                        try {
                            c.withNextValues(v -> acks.add(v.rollover() + ":" + v.counter()));
                        } catch (PsaException e) {
                            if (flash instanceof FaultInjectingFlash f && f.isPoweredOff()) {
                                throw e;
                            }
                            // a write the store refused: the counter goes on in the same session
                        }
                    }
                }, (device, acks, cut) -> {
                    CounterValues last = new CounterValues(0, 0);
                    for (String a : acks) {
                        CounterValues v = parse(a);
                        assertTrue(v.compareTo(last) > 0, v + " handed out after " + last);
                        last = v;
                    }
                    NvCounters c = safe(CounterDevice.boot(device));
                    CounterValues next = c.incrementAndGet();
                    assertTrue(next.compareTo(last) > 0, "after the reboot " + next + " follows " + last);
                    CounterValues again = safe(CounterDevice.boot(device)).incrementAndGet();
                    assertTrue(again.compareTo(next) > 0, "second reboot: " + again + " after " + next);
                }, EnumSet.allOf(FaultMode.class));
        r.assertClean();
        assertEquals(r.operationsPerRun() * FaultMode.values().length, r.cutsRun());
        assertTrue(r.operationsPerRun() >= 4 * 5, "rollover and three reservations: " + r.operationsPerRun());
    }

    @Test
    void theWorkloadCrossesThresholdsAndARollover() throws Exception {
        MemoryFlash flash = new MemoryFlash(CounterDevice.GEOMETRY);
        NvCounters.builder(CounterDevice.boot(flash).hukClient(), io.github.cai4j.psa.platform.PlatformLog.discard())
                .threshold(THRESHOLD).startAt(0, MAX_4 - 8).init();
        NvCounters c = safe(CounterDevice.boot(flash));
        List<CounterValues> values = new java.util.ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            values.add(c.incrementAndGet());
        }
        assertEquals(new CounterValues(0, MAX_4 - 3), values.get(0));
        assertEquals(new CounterValues(0, MAX_4), values.get(3));
        assertEquals(new CounterValues(1, 1), values.get(4));
        assertEquals(new CounterValues(1, 10), values.get(STEPS - 1));
        assertEquals(Mode.SAFE, c.mode());
    }
}

package io.github.cai4j.nvcounter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.nvcounter.NvCounters.Mode;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.storage.ProtectedStorage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code spec/firmware.md} §4, in both modes. */
class NvCountersTest {
    private static final long MAX_100 = 4_294_967_200L;

    private static NvCounters counters(CounterDevice d, Mode mode, int threshold) throws PsaException {
        return NvCounters.builder(d.hukClient(), d.log).mode(mode).threshold(threshold).init();
    }

    private static long stored(CounterDevice d, long uid) throws PsaException {
        byte[] b = new ProtectedStorage(d.hukClient()).get(uid);
        assertEquals(4, b.length);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    private static List<String> counterLines(CounterDevice d) {
        return d.log.lines().stream().filter(l -> l.contains("[NV PS COUNTERS]")).toList();
    }

    @Test
    void bootLogsTheFirmwareLinesInOrder() throws Exception {
        for (Mode mode : Mode.values()) {
            CounterDevice d = CounterDevice.boot(new MemoryFlash(CounterDevice.GEOMETRY));
            NvCounters c = NvCounters.builder(d.hukClient(), d.log).mode(mode).init();
            assertEquals(List.of(
                    "[INF] [NV PS COUNTERS] nv_ps_counter_tracker 0",
                    "[INF] [NV PS COUNTERS] nv_ps_counter_rollover_tracker 0",
                    "[INF] [NV PS COUNTERS] NV_PS_COUNTER_ROLLOVER_MAX 4294967200",
                    "[INF] [NV PS COUNTERS] NV_COUNTER_TRACKER_THRESHOLD_LIMIT 100"), counterLines(d), mode.name());
            assertEquals(MAX_100, c.rolloverMax());
            assertEquals(new CounterValues(0, 1), c.incrementAndGet(), "first SIGN1 after a fresh flash");
        }
    }

    @Test
    void firmwareExactWritesBackEveryThresholdAndReusesValuesAfterReboot() throws Exception {
        MemoryFlash flash = new MemoryFlash(CounterDevice.GEOMETRY);
        CounterDevice d = CounterDevice.boot(flash);
        NvCounters c = counters(d, Mode.FIRMWARE_EXACT, 100);
        for (long i = 1; i <= 150; i++) {
            assertEquals(new CounterValues(0, i), c.incrementAndGet());
        }
        assertEquals(100, stored(d, NvCounters.UID_COUNTER));
        assertThrows(PsaException.class, () -> new ProtectedStorage(d.hukClient()).get(NvCounters.UID_ROLLOVER));
        CounterDevice rebooted = CounterDevice.boot(flash);
        NvCounters again = counters(rebooted, Mode.FIRMWARE_EXACT, 100);
        assertTrue(rebooted.log.contains("nv_ps_counter_tracker 100"));
        // the firmware hands out 101..150 a second time: the replay gap this mode keeps on purpose
        assertEquals(new CounterValues(0, 101), again.incrementAndGet());
    }

    @Test
    void firmwareExactKeepsTheIncrementOfAFailedSignatureAndWritesNothing() throws Exception {
        CounterDevice d = CounterDevice.boot(new MemoryFlash(CounterDevice.GEOMETRY));
        NvCounters c = counters(d, Mode.FIRMWARE_EXACT, 4);
        for (int i = 0; i < 3; i++) {
            c.incrementAndGet();
        }
        PsaException e = assertThrows(PsaException.class, () -> c.withNextValues(v -> {
            assertEquals(new CounterValues(0, 4), v);
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "signing failed");
        }));
        assertTrue(e.is(PsaStatus.ERROR_GENERIC_ERROR));
        assertThrows(PsaException.class, () -> new ProtectedStorage(d.hukClient()).get(NvCounters.UID_COUNTER),
                "the write-back at 4 must be skipped after a failed signature");
        assertEquals(new CounterValues(0, 5), c.incrementAndGet());
        assertEquals(new CounterValues(0, 6), c.incrementAndGet());
        assertEquals(new CounterValues(0, 7), c.incrementAndGet());
        assertEquals(new CounterValues(0, 8), c.incrementAndGet());
        assertEquals(8, stored(d, NvCounters.UID_COUNTER));
    }

    @Test
    void firmwareExactRollsOverWithTheFirmwareLogLine() throws Exception {
        CounterDevice d = CounterDevice.boot(new MemoryFlash(CounterDevice.GEOMETRY));
        NvCounters c = NvCounters.builder(d.hukClient(), d.log).mode(Mode.FIRMWARE_EXACT)
                .startAt(0, MAX_100 - 2).init();
        assertEquals(new CounterValues(0, MAX_100 - 1), c.incrementAndGet());
        assertEquals(new CounterValues(0, MAX_100), c.incrementAndGet());
        assertEquals(new CounterValues(1, 0), c.current());
        assertTrue(d.log.contains("[NV PS COUNTERS] NV counter overflow -96"), d.log.lines().toString());
        assertEquals(1, stored(d, NvCounters.UID_ROLLOVER));
        assertEquals(0, stored(d, NvCounters.UID_COUNTER));
        assertEquals(new CounterValues(1, 1), c.incrementAndGet());
        assertEquals(1, c.rolloverCount());
    }

    @Test
    void safeModeNeverRepeatsAcrossReboots() throws Exception {
        MemoryFlash flash = new MemoryFlash(CounterDevice.GEOMETRY);
        SplittableRandom random = new SplittableRandom(7);
        CounterValues last = new CounterValues(0, 0);
        int handedOut = 0;
        for (int boot = 0; boot < 12; boot++) {
            CounterDevice d = CounterDevice.boot(flash);
            NvCounters c = counters(d, Mode.SAFE, 10);
            int n = random.nextInt(25);
            for (int i = 0; i < n; i++) {
                CounterValues v = c.incrementAndGet();
                assertTrue(v.compareTo(last) > 0, v + " after " + last + " (boot " + boot + ")");
                last = v;
                handedOut++;
            }
        }
        assertTrue(handedOut > 50, "values handed out: " + handedOut);
    }

    @Test
    void safeModeReservesBeforeHandingOut() throws Exception {
        CounterDevice d = CounterDevice.boot(new MemoryFlash(CounterDevice.GEOMETRY));
        NvCounters c = counters(d, Mode.SAFE, 100);
        assertEquals(new CounterValues(0, 1), c.incrementAndGet());
        assertEquals(100, stored(d, NvCounters.UID_COUNTER), "the first block is reserved before value 1 leaves");
        for (int i = 2; i <= 100; i++) {
            c.incrementAndGet();
        }
        assertEquals(100, stored(d, NvCounters.UID_COUNTER));
        assertEquals(new CounterValues(0, 101), c.incrementAndGet());
        assertEquals(200, stored(d, NvCounters.UID_COUNTER));
    }

    @Test
    void safeModeStartsABlockAboveAFirmwareWrittenValue() throws Exception {
        MemoryFlash flash = new MemoryFlash(CounterDevice.GEOMETRY);
        CounterDevice d = CounterDevice.boot(flash);
        NvCounters exact = counters(d, Mode.FIRMWARE_EXACT, 100);
        CounterValues last = null;
        for (int i = 0; i < 199; i++) {
            last = exact.incrementAndGet();
        }
        assertEquals(new CounterValues(0, 199), last);
        NvCounters safe = counters(CounterDevice.boot(flash), Mode.SAFE, 100);
        assertEquals(new CounterValues(0, 201), safe.incrementAndGet());
    }

    @Test
    void safeModeRollsOverIntoTheNextEpoch() throws Exception {
        long max10 = 4_294_967_290L;
        MemoryFlash flash = new MemoryFlash(CounterDevice.GEOMETRY);
        CounterDevice d = CounterDevice.boot(flash);
        NvCounters c = NvCounters.builder(d.hukClient(), d.log).threshold(10).startAt(0, max10 - 30).init();
        assertEquals(max10, c.rolloverMax());
        CounterValues last = new CounterValues(0, 0);
        int n = 0;
        while (c.rolloverCount() == 0 || c.current().counter() < 3) {
            CounterValues v = c.incrementAndGet();
            assertTrue(v.compareTo(last) > 0);
            last = v;
            n++;
        }
        assertEquals(new CounterValues(1, 3), last);
        assertEquals(23, n, "20 values up to the maximum, then 1..3 of epoch 1");
        assertTrue(d.log.contains("[NV PS COUNTERS] NV counter overflow -6"), d.log.lines().toString());
        assertEquals(1, stored(d, NvCounters.UID_ROLLOVER));
        assertEquals(10, stored(d, NvCounters.UID_COUNTER));
        NvCounters rebooted = counters(CounterDevice.boot(flash), Mode.SAFE, 10);
        assertEquals(new CounterValues(1, 21), rebooted.incrementAndGet());
    }

    @Test
    void injectedStartIsStoredInPs() throws Exception {
        CounterDevice d = CounterDevice.boot(new MemoryFlash(CounterDevice.GEOMETRY));
        NvCounters.builder(d.hukClient(), d.log).mode(Mode.FIRMWARE_EXACT).startAt(3, 1234).init();
        assertArrayEquals(new byte[] {(byte) 0xd2, 0x04, 0, 0},
                new ProtectedStorage(d.hukClient()).get(NvCounters.UID_COUNTER));
        assertEquals(3, stored(d, NvCounters.UID_ROLLOVER));
        assertTrue(d.log.contains("nv_ps_counter_tracker 1234"));
        assertTrue(d.log.contains("nv_ps_counter_rollover_tracker 3"));
        assertThrows(IllegalArgumentException.class, () -> NvCounters.builder(d.hukClient(), d.log).threshold(0));
        assertThrows(IllegalArgumentException.class, () -> new CounterValues(0, 1L << 32));
    }
}

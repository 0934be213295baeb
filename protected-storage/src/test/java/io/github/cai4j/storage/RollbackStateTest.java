package io.github.cai4j.storage;

import static io.github.cai4j.storage.Statuses.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.storage.StorageFixture.Kind;
import io.github.cai4j.storage.internal.ObjectStore;
import org.junit.jupiter.api.Test;

/**
 * The interrupted-protocol states of the table counters, enumerated directly as TF-M's rollback-protection
 * suite does ({@code spec/style-and-reliability.md} B4): which generation a boot accepts for each combination
 * of {@code ATTEMPT} (c1) and {@code DONE} (c2).
 */
class RollbackStateTest {
    private static final int CLIENT = -1;
    private static final byte[] V1 = {1};
    private static final byte[] V2 = {2, 2};
    private static final byte[] V3 = {3, 3, 3};

    private final StorageFixture f = StorageFixture.small();

    /** Generations 1 (format), 2 (V1), 3 (V2): c1 = c2 = 3. Returns the area image after V1. */
    private byte[] history(MemoryFlash flash) throws Exception {
        ObjectStore s = f.store(flash, Kind.PS);
        s.set(CLIENT, 5, V1, StorageFlags.NONE);
        byte[] afterV1 = flash.snapshot();
        s.set(CLIENT, 5, V2, StorageFlags.NONE);
        return afterV1;
    }

    private ObjectStore boot(MemoryFlash flash, PlatformNvCounters counters) {
        return f.store(flash, counters, Kind.PS, PlatformLog.discard());
    }

    private void restoreArea(MemoryFlash flash, byte[] image) {
        FlashArea area = f.area(flash, Kind.PS);
        byte[] now = flash.snapshot();
        System.arraycopy(image, area.address(), now, area.address(), area.size());
        flash.restore(now);
    }

    @Test
    void equalCountersAcceptOnlyTheCurrentGeneration() throws Exception {
        MemoryFlash flash = f.newFlash();
        byte[] old = history(flash);
        assertArrayEquals(V2, boot(flash, f.counters(flash)).get(CLIENT, 5, 0, 8));
        restoreArea(flash, old);
        ObjectStore s = boot(flash, f.counters(flash));
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.get(CLIENT, 5, 0, 8));
    }

    @Test
    void attemptAheadByOneAcceptsTheLastCompletedGenerationAndWritesOn() throws Exception {
        MemoryFlash flash = f.newFlash();
        history(flash);
        PlatformNvCounters counters = f.counters(flash);
        counters.increment(PlatformNvCounters.PS_TABLE_ATTEMPT); // cut after step 1 of a write
        ObjectStore s = boot(flash, counters);
        assertArrayEquals(V2, s.get(CLIENT, 5, 0, 8));
        s.set(CLIENT, 5, V3, StorageFlags.NONE);
        assertEquals(5, counters.read(PlatformNvCounters.PS_TABLE_ATTEMPT));
        assertEquals(5, counters.read(PlatformNvCounters.PS_TABLE_DONE));
        assertArrayEquals(V3, boot(flash, f.counters(flash)).get(CLIENT, 5, 0, 8));
    }

    @Test
    void attemptAheadStillRefusesOlderGenerations() throws Exception {
        MemoryFlash flash = f.newFlash();
        byte[] old = history(flash);
        PlatformNvCounters counters = f.counters(flash);
        counters.increment(PlatformNvCounters.PS_TABLE_ATTEMPT);
        restoreArea(flash, old); // generation 2 while c1 = 4, c2 = 3
        ObjectStore s = boot(flash, counters);
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.get(CLIENT, 5, 0, 8));
    }

    @Test
    void attemptAheadByTwoAcceptsNeither() throws Exception {
        MemoryFlash flash = f.newFlash();
        history(flash);
        PlatformNvCounters counters = f.counters(flash);
        counters.increment(PlatformNvCounters.PS_TABLE_ATTEMPT);
        counters.advanceTo(PlatformNvCounters.PS_TABLE_DONE, 4); // claims generation 4 was completed
        ObjectStore s = boot(flash, counters);
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.get(CLIENT, 5, 0, 8));
    }

    @Test
    void doneAheadOfAttemptIsRefused() throws Exception {
        MemoryFlash flash = f.newFlash();
        history(flash);
        PlatformNvCounters counters = f.counters(flash);
        counters.advanceTo(PlatformNvCounters.PS_TABLE_DONE, 4);
        ObjectStore s = boot(flash, counters);
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.set(CLIENT, 6, V1, StorageFlags.NONE));
    }

    @Test
    void aCompletedImageWithALaggingDoneCounterIsRolledForward() throws Exception {
        // state after "image of generation 3 written, DONE not yet advanced": reproduce it by writing the
        // image with a counters view whose DONE write is lost, then rebooting on the real counters
        MemoryFlash flash = f.newFlash();
        ObjectStore s = f.store(flash, Kind.PS);
        s.set(CLIENT, 5, V1, StorageFlags.NONE); // generation 2
        byte[] counterSectors = java.util.Arrays.copyOf(flash.snapshot(), 2 * f.geometry.sectorSize());
        s.set(CLIENT, 5, V2, StorageFlags.NONE); // generation 3: ATTEMPT and DONE records appended
        // drop the DONE record of generation 3 by restoring the counter area and replaying ATTEMPT only
        byte[] now = flash.snapshot();
        System.arraycopy(counterSectors, 0, now, 0, counterSectors.length);
        flash.restore(now);
        PlatformNvCounters counters = f.counters(flash);
        counters.increment(PlatformNvCounters.PS_TABLE_ATTEMPT);
        assertEquals(3, counters.read(PlatformNvCounters.PS_TABLE_ATTEMPT));
        assertEquals(2, counters.read(PlatformNvCounters.PS_TABLE_DONE));
        assertArrayEquals(V2, boot(flash, counters).get(CLIENT, 5, 0, 8));
        assertEquals(3, counters.read(PlatformNvCounters.PS_TABLE_DONE), "DONE rolled forward on mount");
    }
}

package io.github.cai4j.storage;

import static io.github.cai4j.storage.Statuses.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.storage.StorageFixture.Kind;
import io.github.cai4j.storage.internal.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tampering with a store's flash area: every single-bit flip, swapped banks, swapped objects, a wiped area and
 * a restored older image are detected and reported with the TF-M statuses (table: DATA_CORRUPT; PS object:
 * INVALID_SIGNATURE; ITS object: DATA_CORRUPT), and no altered byte is ever returned.
 */
class TamperTest {
    private static final int CLIENT = -1;
    private static final byte[] A = "object five, thirty-two bytes!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] B = "object six, 20 bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static PsaStatus objectStatus(Kind kind) {
        return kind == Kind.PS ? PsaStatus.ERROR_INVALID_SIGNATURE : PsaStatus.ERROR_DATA_CORRUPT;
    }

    /** A tiny store with uid 5 and 6; bank 0 holds the older generation, bank 1 the current one. */
    private static MemoryFlash populated(StorageFixture f, Kind kind) throws PsaException {
        MemoryFlash flash = f.newFlash();
        ObjectStore s = f.store(flash, kind);
        s.set(CLIENT, 5, new byte[3], StorageFlags.NONE);
        s.set(CLIENT, 6, B, StorageFlags.NONE);
        s.set(CLIENT, 5, A, StorageFlags.WRITE_ONCE);
        return flash;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everySingleBitFlipOfTheStoreIsDetectedOrHarmless(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.tiny();
        byte[] image = populated(f, kind).snapshot();
        FlashArea area = f.area(f.newFlash(), kind);
        int bank = area.size() / 2;
        int activeBank = 1; // the format wrote bank 0, the three sets banks 1, 0, 1
        int detected = 0;
        int harmless = 0;
        List<String> failures = new ArrayList<>();
        for (int bit = 0; bit < area.size() * 8; bit++) {
            int offset = bit / 8;
            MemoryFlash flash = MemoryFlash.ofImage(f.geometry, image);
            flash.flipBit(area.address() + offset, bit % 8);
            ObjectStore s = f.store(flash, kind);
            int outcome = 0; // 0 intact, 1 detected
            try {
                assertArrayEquals(A, s.get(CLIENT, 5, 0, 64));
                assertArrayEquals(B, s.get(CLIENT, 6, 0, 64));
                assertEquals(new StorageInfo(20, 20, 0), s.getInfo(CLIENT, 6));
            } catch (PsaException e) {
                if (e.is(PsaStatus.ERROR_DATA_CORRUPT) || e.is(objectStatus(kind))) {
                    outcome = 1;
                } else {
                    failures.add("bit " + bit + ": " + e.getMessage());
                }
            } catch (AssertionError e) {
                failures.add("bit " + bit + " returned altered data: " + e.getMessage());
            }
            boolean inActive = offset / bank == activeBank;
            if (inActive && outcome == 0) {
                failures.add("bit " + bit + " of the active bank went unnoticed");
            }
            detected += outcome;
            harmless += 1 - outcome;
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.subList(0,
                Math.min(5, failures.size())));
        assertEquals(bank * 8, detected, "every bit of the active bank is detected");
        assertEquals(bank * 8, harmless, "flips in the superseded bank change nothing");
    }

    private static void assertRefused(StorageFixture f, MemoryFlash flash, Kind kind) {
        ObjectStore s = f.store(flash, kind);
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.get(CLIENT, 5, 0, 64));
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.getInfo(CLIENT, 6));
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.set(CLIENT, 7, B, StorageFlags.NONE));
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> s.remove(CLIENT, 6));
    }

    private static byte[] areaBytes(MemoryFlash flash, FlashArea area) throws Exception {
        return flash.read(area.address(), area.size());
    }

    private static void writeArea(MemoryFlash flash, FlashArea area, byte[] bytes) {
        byte[] all = flash.snapshot();
        System.arraycopy(bytes, 0, all, area.address(), bytes.length);
        flash.restore(all);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restoredOlderImageIsRefused(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.tiny();
        MemoryFlash flash = f.newFlash();
        FlashArea area = f.area(flash, kind);
        ObjectStore s = f.store(flash, kind);
        s.set(CLIENT, 5, A, StorageFlags.NONE);
        byte[] old = areaBytes(flash, area);
        s.remove(CLIENT, 5);
        s.set(CLIENT, 6, B, StorageFlags.NONE);
        writeArea(flash, area, old);
        assertRefused(f, flash, kind);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restoredOlderImageIsRefusedThroughTheGate(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.tiny();
        MemoryFlash flash = f.newFlash();
        FlashArea area = f.area(flash, kind);
        SecureStorage s = StorageFixture.client(kind, f.gate(flash, new RecordingLog()).nonSecureClient());
        s.set(5, A, StorageFlags.NONE);
        byte[] old = areaBytes(flash, area);
        s.set(5, B, StorageFlags.NONE);
        writeArea(flash, area, old);
        RecordingLog log = new RecordingLog();
        PsaClient ns = f.gate(flash, log).nonSecureClient();
        SecureStorage after = StorageFixture.client(kind, ns);
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> after.get(5));
        assertStatus(PsaStatus.ERROR_DATA_CORRUPT, () -> after.set(6, A, StorageFlags.NONE));
        assertTrue(log.contains("refused its flash image"), log.lines().toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void swappedBanksAreRefused(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.tiny();
        MemoryFlash flash = populated(f, kind);
        FlashArea area = f.area(flash, kind);
        byte[] bytes = areaBytes(flash, area);
        int half = bytes.length / 2;
        byte[] swapped = new byte[bytes.length];
        System.arraycopy(bytes, half, swapped, 0, half);
        System.arraycopy(bytes, 0, swapped, half, half);
        writeArea(flash, area, swapped);
        assertRefused(f, flash, kind);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void wipedAreaIsRefused(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.tiny();
        MemoryFlash flash = populated(f, kind);
        FlashArea area = f.area(flash, kind);
        flash.erase(area.address(), area.size());
        assertRefused(f, flash, kind);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void swappedObjectsAreDetected(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.small();
        MemoryFlash flash = f.newFlash();
        ObjectStore s = f.store(flash, kind);
        byte[] x = new byte[16];
        byte[] y = new byte[16];
        java.util.Arrays.fill(x, (byte) 'x');
        java.util.Arrays.fill(y, (byte) 'y');
        s.set(CLIENT, 5, x, StorageFlags.NONE);
        s.set(CLIENT, 6, y, StorageFlags.NONE);
        // the active bank is bank 0 (format: 0, sets: 1, 0); both objects' 16 data bytes follow the table
        FlashArea area = f.area(flash, kind);
        int data = area.address() + 32 + 2 * 76;
        byte[] all = flash.snapshot();
        byte[] first = java.util.Arrays.copyOfRange(all, data, data + 16);
        System.arraycopy(all, data + 16, all, data, 16);
        System.arraycopy(first, 0, all, data + 16, 16);
        flash.restore(all);
        ObjectStore t = f.store(flash, kind);
        assertStatus(objectStatus(kind), () -> t.get(CLIENT, 5, 0, 16));
        assertStatus(objectStatus(kind), () -> t.get(CLIENT, 6, 0, 16));
        assertStatus(objectStatus(kind), () -> t.getInfo(CLIENT, 6));
    }
}

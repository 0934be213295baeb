package io.github.cai4j.storage;

import static io.github.cai4j.storage.Statuses.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.storage.StorageFixture.Kind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The psa-arch-tests storage scenarios ({@code api-tests/dev_apis/storage}, {@code spec/mcuboot-psa.md} B6),
 * through the call gate from the non-secure side: s001-s010 for ITS and PS, s011-s017 for PS (the optional
 * API both offered and, as TF-M, not offered).
 */
class PsaArchStorageTest {
    private static final long UID1 = 1;
    private static final long UID2 = 2;
    private static final long UID_BASE = 5;

    private static SecureStorage storage(Kind kind, StorageFixture fixture) throws PsaException {
        return StorageFixture.client(kind, fixture.gate(fixture.newFlash(), new RecordingLog()).nonSecureClient());
    }

    private static SecureStorage storage(Kind kind) throws PsaException {
        return storage(kind, StorageFixture.small());
    }

    private static byte[] data(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s001NonExistingUids(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        byte[] buf = new byte[16];
        long uid = UID_BASE;
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.get(uid, 0, buf, 0, 16));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(uid));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.remove(uid));
        s.set(uid, data(16, 1), StorageFlags.NONE);
        s.remove(uid);
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.get(uid, 0, buf, 0, 16));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(uid));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.remove(uid));
        s.set(uid, data(16, 2), StorageFlags.NONE);
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.get(uid + 1, 0, buf, 0, 16));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(uid + 1));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.remove(uid + 1));
        s.remove(uid);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s002WriteOnce(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        s.set(UID1, data(16, 1), StorageFlags.NONE);
        byte[] once = data(20, 2);
        s.set(UID1, once, StorageFlags.WRITE_ONCE);
        assertEquals(new StorageInfo(20, 20, StorageFlags.WRITE_ONCE), s.getInfo(UID1));
        assertStatus(PsaStatus.ERROR_NOT_PERMITTED, () -> s.remove(UID1));
        assertArrayEquals(once, s.get(UID1));

        byte[] two = data(16, 3);
        s.set(UID2, two, StorageFlags.WRITE_ONCE);
        assertStatus(PsaStatus.ERROR_NOT_PERMITTED, () -> s.remove(UID2));
        assertStatus(PsaStatus.ERROR_NOT_PERMITTED, () -> s.set(UID2, data(24, 4), StorageFlags.WRITE_ONCE));
        assertStatus(PsaStatus.ERROR_NOT_PERMITTED, () -> s.set(UID2, data(16, 5), StorageFlags.NONE));
        assertEquals(new StorageInfo(16, 16, StorageFlags.WRITE_ONCE), s.getInfo(UID2));
        assertArrayEquals(two, s.get(UID2));
        assertArrayEquals(once, s.get(UID1));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s003FillUntilInsufficientStorage(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.small();
        SecureStorage s = storage(kind, f);
        int[] counts = new int[2];
        for (int round = 0; round < 2; round++) {
            long uid = UID_BASE;
            while (true) {
                try {
                    s.set(uid, data(f.maxObjectSize, (int) uid), StorageFlags.NONE);
                    uid++;
                } catch (PsaException e) {
                    assertTrue(e.is(PsaStatus.ERROR_INSUFFICIENT_STORAGE), e.getMessage());
                    break;
                }
                assertTrue(uid < UID_BASE + 100, "storage never filled up");
            }
            counts[round] = (int) (uid - UID_BASE);
            for (long u = UID_BASE; u < uid; u++) {
                assertArrayEquals(data(f.maxObjectSize, (int) u), s.get(u));
                s.remove(u);
            }
        }
        assertTrue(counts[0] >= 1, "not a single asset fitted");
        assertEquals(counts[0], counts[1], "space was not reclaimed");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s004OverwriteWithHalfLength(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        long uid = UID_BASE;
        s.set(uid, data(30, 1), StorageFlags.NONE);
        byte[] half = data(15, 2);
        s.set(uid, half, StorageFlags.NONE);
        byte[] buf = new byte[30];
        Arrays.fill(buf, (byte) 0x5a);
        assertEquals(15, s.get(uid, 0, buf, 0, 30));
        assertArrayEquals(half, Arrays.copyOf(buf, 15));
        for (int i = 15; i < 30; i++) {
            assertEquals((byte) 0x5a, buf[i], "byte past the data length was written");
        }
        s.remove(uid);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s005ValidAsset(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        long uid = UID_BASE;
        byte[] d = data(16, 7);
        s.set(uid, d, StorageFlags.NONE);
        assertEquals(new StorageInfo(16, 16, StorageFlags.NONE), s.getInfo(uid));
        byte[] buf = new byte[16];
        assertEquals(16, s.get(uid, 0, buf, 0, 16));
        assertArrayEquals(d, buf);
        s.remove(uid);
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(uid));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s006Flags(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        int[] flags = {StorageFlags.NONE, StorageFlags.NO_CONFIDENTIALITY, StorageFlags.NO_REPLAY_PROTECTION};
        for (int i = 0; i < flags.length; i++) {
            long uid = UID_BASE + i;
            s.set(uid, data(16, i), flags[i]);
            assertEquals(flags[i], s.getInfo(uid).flags());
            assertArrayEquals(data(16, i), s.get(uid));
            s.remove(uid);
            assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.remove(uid));
        }
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> s.set(UID_BASE, data(4, 0), 1 << 3));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(UID_BASE));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s007ResizingAssets(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        long uid = UID_BASE;
        s.set(uid, data(15, 1), StorageFlags.NONE);
        byte[] thirty = data(30, 2);
        s.set(uid, thirty, StorageFlags.NONE);
        byte[] buf = new byte[30];
        assertEquals(15, s.get(uid, 0, buf, 0, 15));
        assertArrayEquals(Arrays.copyOf(thirty, 15), Arrays.copyOf(buf, 15));
        assertEquals(7, s.get(uid, 0, buf, 0, 7));
        byte[] seven = data(7, 3);
        s.set(uid, seven, StorageFlags.NONE);
        assertEquals(7, s.get(uid, 0, buf, 0, 15));
        assertArrayEquals(seven, Arrays.copyOf(buf, 7));
        assertEquals(7, s.get(uid, 0, buf, 0, 30));
        s.remove(uid);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s008OffsetRules(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        long uid = UID_BASE;
        byte[] d = data(20, 4);
        s.set(uid, d, StorageFlags.NONE);
        int checked = 0;
        for (int o : new int[] {0, 1, 5, 10, 19}) {
            byte[] buf = new byte[20];
            assertEquals(20 - o, s.get(uid, o, buf, 0, 20 - o));
            assertArrayEquals(Arrays.copyOfRange(d, o, 20), Arrays.copyOf(buf, 20 - o));
            assertEquals(1, s.get(uid, o, buf, 0, 1));
            assertEquals(d[o], buf[0]);
            checked++;
        }
        assertEquals(5, checked);
        byte[] untouched = new byte[21];
        Arrays.fill(untouched, (byte) 0x33);
        byte[] buf = untouched.clone();
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.get(uid, 21, buf, 0, 0));
        assertArrayEquals(untouched, buf);
        assertEquals(0, s.get(uid, 20, buf, 0, 1));
        assertArrayEquals(untouched, buf);
        assertEquals(20, s.get(uid, 0, buf, 0, 21));
        assertArrayEquals(d, Arrays.copyOf(buf, 20));
        assertEquals((byte) 0x33, buf[20]);
        byte[] buf2 = untouched.clone();
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.get(uid, 0xFFFF_FFFFL, buf2, 0, 10));
        assertArrayEquals(untouched, buf2);
        s.remove(uid);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s009ZeroLengthAssets(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        long uid = UID_BASE;
        s.set(uid, null, StorageFlags.NONE);
        assertEquals(new StorageInfo(0, 0, StorageFlags.NONE), s.getInfo(uid));
        assertEquals(0, s.get(uid, 0, null, 0, 0));
        s.remove(uid);
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(uid));
        s.set(uid, new byte[0], StorageFlags.NONE);
        assertEquals(0, s.getInfo(uid).size());
        assertEquals(0, s.get(uid, 0, null, 0, 0));
        s.set(uid, data(20, 9), StorageFlags.NONE);
        assertArrayEquals(data(20, 9), s.get(uid));
        s.remove(uid);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void s010UidZero(Kind kind) throws Exception {
        SecureStorage s = storage(kind);
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.set(0, data(16, 0), StorageFlags.NONE));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.get(0, 0, new byte[4], 0, 4));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.getInfo(0));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.remove(0));
    }

    // ------------------------------------------------------------------ PS optional API

    private static ProtectedStorage extendedPs() throws PsaException {
        return (ProtectedStorage) storage(Kind.PS, StorageFixture.smallExtended());
    }

    @Test
    void s011MissingAndExisting() throws Exception {
        ProtectedStorage s = extendedPs();
        long uid = UID_BASE;
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.setExtended(uid, 0, data(4, 0)));
        s.set(uid, data(8, 1), StorageFlags.NONE);
        assertStatus(PsaStatus.ERROR_ALREADY_EXISTS, () -> s.create(uid, 16, StorageFlags.NONE));
        assertArrayEquals(data(8, 1), s.get(uid));
        s.remove(uid);
    }

    @Test
    void s012InvalidOffsetAndLength() throws Exception {
        ProtectedStorage s = extendedPs();
        long uid = UID_BASE;
        s.create(uid, 20, StorageFlags.NONE);
        s.setExtended(uid, 0, data(10, 1));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.setExtended(uid, 11, data(2, 2)));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.setExtended(uid, 5, data(16, 3)));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.setExtended(0, 0, data(1, 4)));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.create(0, 4, StorageFlags.NONE));
        assertEquals(new StorageInfo(20, 10, StorageFlags.NONE), s.getInfo(uid));
        assertArrayEquals(data(10, 1), s.get(uid));
        s.remove(uid);
    }

    @Test
    void s013CreateThenExtendAndOverwrite() throws Exception {
        ProtectedStorage s = extendedPs();
        s.create(UID_BASE, 0, StorageFlags.NONE);
        assertEquals(new StorageInfo(0, 0, StorageFlags.NONE), s.getInfo(UID_BASE));
        long uid = UID_BASE + 1;
        s.create(uid, 24, StorageFlags.NONE);
        s.setExtended(uid, 0, data(12, 1));
        s.setExtended(uid, 12, data(12, 2));
        byte[] expect = new byte[24];
        System.arraycopy(data(12, 1), 0, expect, 0, 12);
        System.arraycopy(data(12, 2), 0, expect, 12, 12);
        assertArrayEquals(expect, s.get(uid));
        s.setExtended(uid, 4, new byte[0]);
        assertArrayEquals(expect, s.get(uid));
        s.set(uid, data(6, 3), StorageFlags.NONE);
        assertEquals(new StorageInfo(6, 6, StorageFlags.NONE), s.getInfo(uid));
        assertStatus(PsaStatus.ERROR_ALREADY_EXISTS, () -> s.create(uid, 24, StorageFlags.NONE));
        assertStatus(PsaStatus.ERROR_ALREADY_EXISTS, () -> s.create(UID_BASE, 0, StorageFlags.NONE));
        s.remove(uid);
        s.remove(UID_BASE);
    }

    @Test
    void s014OptionalApiNotSupported() throws Exception {
        ProtectedStorage s = (ProtectedStorage) storage(Kind.PS);
        assertEquals(0, s.getSupport());
        long uid = UID_BASE;
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> s.create(uid, 16, StorageFlags.NONE));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(uid));
        s.set(uid, data(16, 1), StorageFlags.NONE);
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> s.setExtended(uid, 0, data(4, 2)));
        assertArrayEquals(data(16, 1), s.get(uid));
        s.remove(uid);
        assertEquals(StorageFlags.SUPPORT_SET_EXTENDED, extendedPs().getSupport());
    }

    @Test
    void s015CreateWriteOnceNotSupported() throws Exception {
        ProtectedStorage s = extendedPs();
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> s.create(UID_BASE, 16, StorageFlags.WRITE_ONCE));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> s.getInfo(UID_BASE));
    }

    @Test
    void s016Capacity() throws Exception {
        ProtectedStorage s = extendedPs();
        long uid = UID_BASE;
        s.create(uid, 30, StorageFlags.NONE);
        assertStatus(PsaStatus.ERROR_ALREADY_EXISTS, () -> s.create(uid, 30, StorageFlags.NONE));
        assertEquals(30, s.getInfo(uid).capacity());
        s.set(uid, data(10, 1), StorageFlags.NONE);
        assertEquals(new StorageInfo(10, 10, StorageFlags.NONE), s.getInfo(uid));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.setExtended(uid, 5, data(10, 2)));
        s.setExtended(uid, 5, data(5, 3));
        byte[] expect = data(10, 1);
        System.arraycopy(data(5, 3), 0, expect, 5, 5);
        assertArrayEquals(expect, s.get(uid));
        s.remove(uid);
    }

    @Test
    void s017NoGaps() throws Exception {
        ProtectedStorage s = extendedPs();
        long uid = UID_BASE;
        s.create(uid, 20, StorageFlags.NONE);
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.setExtended(uid, 5, data(5, 1)));
        for (int off = 0; off < 20; off += 5) {
            s.setExtended(uid, off, data(5, off));
        }
        byte[] expect = new byte[20];
        for (int off = 0; off < 20; off += 5) {
            System.arraycopy(data(5, off), 0, expect, off, 5);
        }
        assertEquals(new StorageInfo(20, 20, StorageFlags.NONE), s.getInfo(uid));
        assertArrayEquals(expect, s.get(uid));
        s.remove(uid);
    }
}

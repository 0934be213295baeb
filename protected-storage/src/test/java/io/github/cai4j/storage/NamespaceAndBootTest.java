package io.github.cai4j.storage;

import static io.github.cai4j.storage.Statuses.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.storage.StorageFixture.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-client namespaces, the boot log, the wire checks and what PS and ITS leave on flash. */
class NamespaceAndBootTest {
    private static final byte[] SECRET = "the quick brown fox jumps over the lazy dog"
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientsNeverSeeEachOthersUids(Kind kind) throws Exception {
        StorageFixture f = StorageFixture.small();
        CallGate gate = f.gate(f.newFlash(), new RecordingLog());
        SecureStorage a = StorageFixture.client(kind, gate.nonSecureClient(-1));
        SecureStorage b = StorageFixture.client(kind, gate.nonSecureClient(-2));
        a.set(5, SECRET, StorageFlags.WRITE_ONCE);
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> b.get(5));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> b.getInfo(5));
        assertStatus(PsaStatus.ERROR_DOES_NOT_EXIST, () -> b.remove(5));
        b.set(5, new byte[] {1, 2, 3}, StorageFlags.NONE);
        assertArrayEquals(new byte[] {1, 2, 3}, b.get(5));
        b.remove(5);
        assertArrayEquals(SECRET, a.get(5));
        assertEquals(new StorageInfo(SECRET.length, SECRET.length, StorageFlags.WRITE_ONCE), a.getInfo(5));
    }

    @Test
    void bootCreatesEmptyLayoutsOnceAndPsCiphertextHidesTheData() throws Exception {
        StorageFixture f = StorageFixture.small();
        MemoryFlash flash = f.newFlash();
        RecordingLog log = new RecordingLog();
        CallGate gate = f.gate(flash, log);
        assertTrue(log.contains("Creating an empty ITS flash layout."), log.lines().toString());
        assertTrue(log.contains("Creating an empty PS flash layout."), log.lines().toString());
        PsaClient ns = gate.nonSecureClient();
        new ProtectedStorage(ns).set(5, SECRET, StorageFlags.NONE);
        new InternalTrustedStorage(ns).set(5, SECRET, StorageFlags.NONE);
        String ps = new String(flash.read(f.area(flash, Kind.PS).address(), f.area(flash, Kind.PS).size()),
                StandardCharsets.ISO_8859_1);
        String its = new String(flash.read(f.area(flash, Kind.ITS).address(), f.area(flash, Kind.ITS).size()),
                StandardCharsets.ISO_8859_1);
        String plain = new String(SECRET, StandardCharsets.ISO_8859_1);
        assertFalse(ps.contains(plain.substring(0, 8)), "PS stored plaintext");
        assertTrue(its.contains(plain), "ITS is integrity-only, as TF-M's");

        RecordingLog second = new RecordingLog();
        PsaClient again = f.gate(flash, second).nonSecureClient();
        assertFalse(second.contains("Creating an empty"), second.lines().toString());
        assertArrayEquals(SECRET, new ProtectedStorage(again).get(5));
        assertArrayEquals(SECRET, new InternalTrustedStorage(again).get(5));
    }

    @Test
    void everyPsWriteUsesAFreshIv() throws Exception {
        StorageFixture f = StorageFixture.small();
        MemoryFlash flash = f.newFlash();
        ProtectedStorage ps = new ProtectedStorage(f.gate(flash, new RecordingLog()).nonSecureClient());
        FlashArea area = f.area(flash, Kind.PS);
        java.util.Set<String> images = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            ps.set(5, SECRET, StorageFlags.NONE);
            byte[] bytes = flash.read(area.address(), area.size());
            int bank = i % 2 == 0 ? 1 : 0; // format wrote bank 0
            int data = bank * area.size() / 2 + 32 + 76;
            images.add(java.util.HexFormat.of().formatHex(bytes, data, data + SECRET.length));
        }
        assertEquals(4, images.size(), "the same plaintext encrypted twice to the same bytes");
    }

    @Test
    void malformedVectorsAreProgrammerErrorsAndUnknownTypesNotSupported() throws Exception {
        StorageFixture f = StorageFixture.small();
        PsaClient ns = f.gate(f.newFlash(), new RecordingLog()).nonSecureClient();
        int handle = StorageService.PROTECTED_STORAGE.handle();
        assertEquals(0x40000101, handle);
        assertEquals(0x40000102, StorageService.INTERNAL_TRUSTED_STORAGE.handle());
        CallResult shortUid = ns.call(handle, 1001, new InVec[] {InVec.of(new byte[4]), InVec.of(new byte[1]),
            InVec.of(new byte[4])}, new OutVec[0]);
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), shortUid.status());
        CallResult noFlags = ns.call(handle, 1001, new InVec[] {InVec.of(new byte[8]), InVec.of(new byte[1])},
                new OutVec[0]);
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), noFlags.status());
        CallResult unknown = ns.call(handle, 1999, new InVec[0], new OutVec[0]);
        assertEquals(PsaStatus.ERROR_NOT_SUPPORTED.value(), unknown.status());
        CallResult itsSupport = ns.call(StorageService.INTERNAL_TRUSTED_STORAGE.handle(), 1005, new InVec[0],
                new OutVec[] {OutVec.allocate(4)});
        assertEquals(PsaStatus.ERROR_NOT_SUPPORTED.value(), itsSupport.status());
        assertFalse(gateHalted(f), "a malformed call from the non-secure side must not halt the device");
    }

    private static boolean gateHalted(StorageFixture f) throws Exception {
        CallGate gate = f.gate(f.newFlash(), new RecordingLog());
        gate.nonSecureClient().call(StorageService.PROTECTED_STORAGE.handle(), 1002, new InVec[0], new OutVec[0]);
        return gate.isHalted();
    }

    @Test
    void limitsAreEnforced() throws Exception {
        StorageFixture f = new StorageFixture(512, 4, 8, 3, 40, false);
        SecureStorage s = new ProtectedStorage(f.gate(f.newFlash(), new RecordingLog()).nonSecureClient());
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> s.set(5, new byte[41], StorageFlags.NONE));
        s.set(5, new byte[40], StorageFlags.NONE);
        s.set(6, new byte[1], StorageFlags.NONE);
        s.set(7, new byte[1], StorageFlags.NONE);
        assertStatus(PsaStatus.ERROR_INSUFFICIENT_STORAGE, () -> s.set(8, new byte[1], StorageFlags.NONE));
        s.set(7, new byte[2], StorageFlags.NONE); // replacing needs no new entry
        s.remove(6);
        s.set(8, new byte[1], StorageFlags.NONE);
        StorageConfig config = StorageConfig.builder(new FlashArea(f.newFlash(), 2, 4),
                new PlatformNvCounters(new FlashArea(f.newFlash(), 0, 2))).maxObjects(3).maxTotalSize(50).build();
        assertEquals(50, config.maxTotalSize());
        assertEquals(50, config.maxObjectSize(), "an object cannot exceed the total");
        MemoryFlash one = f.newFlash();
        PlatformNvCounters nv = new PlatformNvCounters(new FlashArea(one, 0, 2));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StorageConfig.builder(new FlashArea(one, 1, 4), nv).build(), "overlapping areas");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StorageConfig.builder(new FlashArea(one, 2, 3), nv).build(), "odd sector count");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StorageConfig.builder(new FlashArea(one, 2, 2), nv).maxObjects(8).build(), "table too big");
    }
}

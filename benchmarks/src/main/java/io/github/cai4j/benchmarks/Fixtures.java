package io.github.cai4j.benchmarks;

import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.storage.FlashArea;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.ProtectedStoragePartition;
import io.github.cai4j.storage.StorageConfig;

/** Shared set-ups. */
final class Fixtures {
    /** 4 KiB sectors: two for the platform NV counters, four for the PS store (two banks of 8 KiB). */
    static final FlashGeometry STORAGE_GEOMETRY = new FlashGeometry(4096, 6, 8);

    private Fixtures() {
    }

    /**
     * A booted gate with crypto-service (dummy HUK) and protected storage on in-memory flash, objects up to 4 KiB;
     * returns the non-secure PS client.
     */
    static ProtectedStorage protectedStorage() throws PsaException {
        MemoryFlash flash = new MemoryFlash(STORAGE_GEOMETRY);
        PlatformNvCounters counters = new PlatformNvCounters(new FlashArea(flash, 0, 2));
        StorageConfig config = StorageConfig.builder(new FlashArea(flash, 2, 4), counters).maxObjects(4)
                .maxObjectSize(4096).build();
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new CryptoPartition(HukSource.dummy()));
        gate.register(new ProtectedStoragePartition(config));
        gate.start();
        return new ProtectedStorage(gate.nonSecureClient());
    }
}

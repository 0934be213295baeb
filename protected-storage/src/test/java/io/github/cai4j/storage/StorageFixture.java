package io.github.cai4j.storage;

import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.storage.internal.ItsObjectProtection;
import io.github.cai4j.storage.internal.ObjectStore;
import io.github.cai4j.storage.internal.PsObjectProtection;

/**
 * A small flash device with the layout the tests share: sectors 0-1 NV counters, then the PS area, then the
 * ITS area.
 */
final class StorageFixture {
    /** The two kinds of store. */
    enum Kind { PS, ITS }

    final FlashGeometry geometry;
    final int storeSectors;
    final int maxObjects;
    final int maxObjectSize;
    final boolean extended;

    StorageFixture(int sectorSize, int storeSectors, int granularity, int maxObjects, int maxObjectSize,
                   boolean extended) {
        this.geometry = new FlashGeometry(sectorSize, 2 + 2 * storeSectors, granularity);
        this.storeSectors = storeSectors;
        this.maxObjects = maxObjects;
        this.maxObjectSize = maxObjectSize;
        this.extended = extended;
    }

    /** 512-byte sectors, one-sector banks, two objects of up to 32 bytes: small enough to flip every bit. */
    static StorageFixture tiny() {
        return new StorageFixture(512, 2, 8, 2, 32, false);
    }

    /** 512-byte sectors, two-sector banks, 8 objects of up to 128 bytes. */
    static StorageFixture small() {
        return new StorageFixture(512, 4, 8, 8, 128, false);
    }

    /** As {@link #small()} with the optional PS API. */
    static StorageFixture smallExtended() {
        return new StorageFixture(512, 4, 8, 8, 128, true);
    }

    MemoryFlash newFlash() {
        return new MemoryFlash(geometry);
    }

    PlatformNvCounters counters(FlashDevice flash) {
        return new PlatformNvCounters(new FlashArea(flash, 0, 2));
    }

    FlashArea area(FlashDevice flash, Kind kind) {
        return new FlashArea(flash, kind == Kind.PS ? 2 : 2 + storeSectors, storeSectors);
    }

    StorageConfig config(FlashDevice flash, PlatformNvCounters counters, Kind kind) {
        return StorageConfig.builder(area(flash, kind), counters).maxObjects(maxObjects)
                .maxObjectSize(maxObjectSize).setExtendedSupported(extended).build();
    }

    /** A store used directly (PS with the JDK cipher). */
    ObjectStore store(FlashDevice flash, PlatformNvCounters counters, Kind kind, PlatformLog log) {
        StorageConfig config = config(flash, counters, kind);
        return kind == Kind.PS
                ? new ObjectStore(config, new PsObjectProtection(new JdkObjectCipher(),
                        ProtectedStoragePartition.PARTITION_ID), PlatformNvCounters.PS_TABLE_ATTEMPT,
                        PlatformNvCounters.PS_TABLE_DONE, log)
                : new ObjectStore(config, new ItsObjectProtection(), PlatformNvCounters.ITS_TABLE_ATTEMPT,
                        PlatformNvCounters.ITS_TABLE_DONE, log);
    }

    ObjectStore store(FlashDevice flash, Kind kind) {
        return store(flash, counters(flash), kind, PlatformLog.discard());
    }

    /** A booted gate with the crypto partition (dummy HUK) and both storage partitions. */
    CallGate gate(FlashDevice flash, RecordingLog log) throws PsaException {
        CallGate gate = new CallGate(log);
        PlatformNvCounters counters = counters(flash);
        gate.register(new CryptoPartition(HukSource.dummy()));
        gate.register(new InternalTrustedStoragePartition(config(flash, counters, Kind.ITS)));
        gate.register(new ProtectedStoragePartition(config(flash, counters, Kind.PS)));
        gate.start();
        return gate;
    }

    static SecureStorage client(Kind kind, PsaClient client) {
        return kind == Kind.PS ? new ProtectedStorage(client) : new InternalTrustedStorage(client);
    }
}

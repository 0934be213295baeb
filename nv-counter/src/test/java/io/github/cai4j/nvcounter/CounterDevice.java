package io.github.cai4j.nvcounter;

import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.storage.FlashArea;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.ProtectedStoragePartition;
import io.github.cai4j.storage.StorageConfig;
import io.github.cai4j.storage.StorageService;

/**
 * A booted secure side with the crypto and PS partitions on a small flash (sectors 0-1 platform NV counters,
 * 2-5 PS), and a stand-in for the HUK partition whose own client the counters use.
 */
final class CounterDevice {
    static final FlashGeometry GEOMETRY = new FlashGeometry(512, 6, 8);

    final CallGate gate;
    final RecordingLog log = new RecordingLog();
    private final HukStandIn huk = new HukStandIn();

    private CounterDevice(FlashDevice flash) throws PsaException {
        gate = new CallGate(log);
        PlatformNvCounters counters = new PlatformNvCounters(new FlashArea(flash, 0, 2));
        gate.register(new CryptoPartition(HukSource.dummy()));
        gate.register(new ProtectedStoragePartition(StorageConfig.builder(new FlashArea(flash, 2, 4), counters)
                .maxObjects(4).maxObjectSize(16).build()));
        gate.register(huk);
        gate.start();
    }

    static CounterDevice boot(FlashDevice flash) throws PsaException {
        return new CounterDevice(flash);
    }

    /** The HUK partition's own client (id 0x4c690100). */
    PsaClient hukClient() {
        return huk.context.client();
    }

    /** Occupies the HUK partition's id and dependencies; offers no service of its own. */
    private static final class HukStandIn implements SecurePartition {
        PartitionContext context;

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("TFM_SP_HUK_DERIV", NvCounters.HUK_PARTITION_ID)
                    .dependsOn(StorageService.PROTECTED_STORAGE.sid()).build();
        }

        @Override
        public void init(PartitionContext ctx) {
            this.context = ctx;
        }

        @Override
        public int handle(Message message) {
            return 0;
        }
    }
}

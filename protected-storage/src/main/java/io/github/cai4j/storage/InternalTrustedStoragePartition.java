package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import io.github.cai4j.storage.internal.ItsObjectProtection;
import io.github.cai4j.storage.internal.ObjectStore;
import io.github.cai4j.storage.internal.StorageRequestHandler;

/**
 * TF-M's Internal Trusted Storage partition ({@code TFM_SP_ITS}): the PSA ITS API 1.0 for every caller, in a
 * namespace per client id, on an A/B pair of banks bound to the platform NV counters
 * {@link PlatformNvCounters#ITS_TABLE_ATTEMPT}/{@link PlatformNvCounters#ITS_TABLE_DONE}. Objects are not
 * encrypted (as in TF-M); their integrity is checked with SHA-256 digests chained into the table, and a
 * failed check is reported as {@code PSA_ERROR_DATA_CORRUPT}. It depends on no other partition, so the crypto
 * partition may keep its persistent keys here.
 */
public final class InternalTrustedStoragePartition implements SecurePartition {
    /** TF-M's partition id of {@code TFM_SP_ITS}. */
    public static final int PARTITION_ID = 0x101;
    /** The partition name. */
    public static final String NAME = "TFM_SP_ITS";

    private static final StorageService SERVICE = StorageService.INTERNAL_TRUSTED_STORAGE;

    private final StorageConfig config;
    private final StorageRequestHandler handler = new StorageRequestHandler(SERVICE);
    private ObjectStore store;

    public InternalTrustedStoragePartition(StorageConfig config) {
        this.config = config;
    }

    @Override
    public PartitionManifest manifest() {
        return PartitionManifest.builder(NAME, PARTITION_ID)
                .service(ServiceManifest.stateless(SERVICE.serviceName(), SERVICE.sid(), true,
                        SERVICE.statelessIndex()))
                .build();
    }

    @Override
    public void init(PartitionContext context) {
        store = new ObjectStore(config, new ItsObjectProtection(), PlatformNvCounters.ITS_TABLE_ATTEMPT,
                PlatformNvCounters.ITS_TABLE_DONE, context.log());
        try {
            store.mount();
        } catch (PsaException e) {
            // Reported to every request until a mount succeeds (a tampered image is refused for good).
            context.log().error("", "ITS mount failed: " + e.getMessage());
        }
    }

    @Override
    public int handle(Message message) throws PsaException {
        if (store == null) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "ITS has not been initialised");
        }
        return handler.handle(message, store);
    }

    @Override
    public String toString() {
        return NAME + "[" + config + "]";
    }
}

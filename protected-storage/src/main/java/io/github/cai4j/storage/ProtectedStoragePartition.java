package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import io.github.cai4j.storage.internal.CryptoObjectCipher;
import io.github.cai4j.storage.internal.ObjectCipher;
import io.github.cai4j.storage.internal.ObjectStore;
import io.github.cai4j.storage.internal.PsObjectProtection;
import io.github.cai4j.storage.internal.StorageRequestHandler;
import java.util.Objects;
import java.util.function.Function;

/**
 * TF-M's Protected Storage partition ({@code TFM_SP_PS}): the PSA PS API 1.0 for every caller, in a namespace
 * per client id. Each object is encrypted with AES-128-GCM under its own key derived from the HUK by the
 * crypto partition (label {@code client_id || uid}), with a fresh IV per write; the object table is
 * authenticated, kept in two copies (an A/B pair of banks) and bound to the platform NV counters
 * {@link PlatformNvCounters#PS_TABLE_ATTEMPT}/{@link PlatformNvCounters#PS_TABLE_DONE}, so a restored older
 * image is refused. A tampered object reads as {@code PSA_ERROR_INVALID_SIGNATURE}; a store whose table does
 * not authenticate (tampered, wiped, rolled back) answers every request with {@code PSA_ERROR_DATA_CORRUPT}.
 */
public final class ProtectedStoragePartition implements SecurePartition {
    /** TF-M's partition id of {@code TFM_SP_PS}. */
    public static final int PARTITION_ID = 0x100;
    /** The partition name. */
    public static final String NAME = "TFM_SP_PS";
    /** The crypto service this partition calls. */
    public static final int CRYPTO_SID = io.github.cai4j.crypto.CryptoPartition.SID;

    private static final StorageService SERVICE = StorageService.PROTECTED_STORAGE;

    private final StorageConfig config;
    private final Function<PsaClient, ObjectCipher> cipherFactory;
    private final StorageRequestHandler handler = new StorageRequestHandler(SERVICE);
    private ObjectStore store;

    /**
     * A PS partition on {@code config}; the crypto partition (SID {@link #CRYPTO_SID}) must be registered with the
     * same gate.
     */
    public ProtectedStoragePartition(StorageConfig config) {
        this(config, client -> new CryptoObjectCipher(client, config.profile()));
    }

    /** A partition whose cipher is {@code cipherFactory} applied to the partition's own client. */
    ProtectedStoragePartition(StorageConfig config, Function<PsaClient, ObjectCipher> cipherFactory) {
        this.config = Objects.requireNonNull(config, "config");
        this.cipherFactory = Objects.requireNonNull(cipherFactory, "cipherFactory");
    }

    @Override
    public PartitionManifest manifest() {
        return PartitionManifest.builder(NAME, PARTITION_ID)
                .service(ServiceManifest.stateless(SERVICE.serviceName(), SERVICE.sid(), true,
                        SERVICE.statelessIndex()))
                .dependsOn(CRYPTO_SID)
                .build();
    }

    @Override
    public void init(PartitionContext context) {
        ObjectCipher cipher = cipherFactory.apply(context.client());
        store = new ObjectStore(config, new PsObjectProtection(cipher, PARTITION_ID),
                PlatformNvCounters.PS_TABLE_ATTEMPT, PlatformNvCounters.PS_TABLE_DONE, context.log());
        try {
            store.mount();
        } catch (PsaException e) {
            // Reported to every request until a mount succeeds (a tampered image is refused for good).
            context.log().error("", "PS mount failed: " + e.getMessage());
        }
    }

    @Override
    public int handle(Message message) throws PsaException {
        if (store == null) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "PS has not been initialised");
        }
        return handler.handle(message, store);
    }

    @Override
    public String toString() {
        return NAME + "[" + config + "]";
    }
}

package io.github.cai4j.crypto;

import io.github.cai4j.crypto.internal.CryptoEngine;
import io.github.cai4j.crypto.internal.EngineRegistry;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.util.Objects;

/**
 * TF-M's Crypto partition ({@code TFM_SP_CRYPTO}): the only place where private keys and the HUK exist. It
 * offers one stateless service, {@code TFM_CRYPTO} (SID 0x80, stateless index 1, so handle 0x40000100, version 1
 * STRICT, reachable from the non-secure world), which every {@link CryptoClient} calls.
 *
 * <p>Keys belong to the caller that created them (its client id); TF-M 1.7+'s builtin HUK key is visible to
 * every caller as that caller's own sub-key ({@link TfmProfile}). Persistent keys are sealed and stored through
 * the {@link CryptoConfig#keyPersistence() configured} {@link KeyPersistence} (a device uses ITS, as TF-M does) and
 * loaded again on first use after a reboot; without one they are kept in the partition's memory only.
 *
 * <p>Register it with the call gate before partitions that depend on {@link #SID}.
 */
public final class CryptoPartition implements SecurePartition {
    /** The partition name of TF-M's manifest. */
    public static final String NAME = "TFM_SP_CRYPTO";
    /** TF-M's partition id for the crypto partition ({@code TFM_SP_CRYPTO} in its manifest list). */
    public static final int PARTITION_ID = 259;
    /** The service name. */
    public static final String SERVICE_NAME = "TFM_CRYPTO";
    /** The service id. */
    public static final int SID = 0x80;
    /** The stateless handle index of TF-M's crypto service. */
    public static final int STATELESS_INDEX = 1;
    /** The stateless handle clients call: {@code 0x40000000 | 1 << 8 | (1 - 1)}. */
    public static final int HANDLE = Psa.statelessHandle(1, STATELESS_INDEX);

    private final PartitionManifest manifest;
    private final CryptoEngine engine;
    private final TfmProfile profile;

    /**
     * @param huk    the device's HUK (read by this partition only)
     * @param config profile, randomness and table sizes
     * @param log    the device log
     */
    public CryptoPartition(HukSource huk, CryptoConfig config, PlatformLog log) {
        Objects.requireNonNull(huk, "huk");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(log, "log");
        this.profile = config.profile();
        PartitionManifest.Builder m = PartitionManifest.builder(NAME, PARTITION_ID)
                .service(ServiceManifest.stateless(SERVICE_NAME, SID, true, STATELESS_INDEX));
        config.keyPersistence().ifPresent(p -> p.dependency().ifPresent(sid -> m.dependsOn(sid)));
        this.manifest = m.build();
        this.engine = new CryptoEngine(huk, config, log);
        EngineRegistry.register(this, engine);
    }

    /** With {@link CryptoConfig#defaults()} and a log that drops everything. */
    public CryptoPartition(HukSource huk) {
        this(huk, CryptoConfig.defaults(), PlatformLog.discard());
    }

    @Override
    public PartitionManifest manifest() {
        return manifest;
    }

    @Override
    public void init(PartitionContext context) {
        engine.bind(context.client());
        engine.logStart();
    }

    @Override
    public int handle(Message message) throws PsaException {
        return engine.handle(message);
    }

    /** The secure world halted: every key and secret held in memory is zeroed. */
    @Override
    public void shutdown() {
        engine.shutdown();
    }

    /** The HUK derivation profile this partition models. */
    public TfmProfile profile() {
        return profile;
    }

    @Override
    public String toString() {
        return "CryptoPartition[" + profile + "]";
    }
}

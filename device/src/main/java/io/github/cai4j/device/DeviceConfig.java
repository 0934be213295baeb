package io.github.cai4j.device;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.nvcounter.NvCounters;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.SecurePartition;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a simulated device is built: the HUK, where its flash lives, the TF-M generation and the HUK
 * partition's build options, the NV-counter and ECDSA modes, the cloud key for encrypted results, and the
 * models it runs. {@link #defaults()} is the embedded demo configuration: TF-M's dummy HUK, in-memory flash,
 * TF-M 1.7, the project's own sine models signed with the built-in demo key.
 */
public final class DeviceConfig {
    private final HukSource huk;
    private final Path flashDirectory;
    private final TfmProfile profile;
    private final int hukPartitionId;
    private final String labelExtra;
    private final NvCounters.Mode nvCounterMode;
    private final EcdsaMode ecdsaMode;
    private final ECPublicKey cloudPublicKey;
    private final byte[] tflmModel;
    private final byte[] floatModel;
    private final PlatformLog logSink;
    private final SecureRandom random;
    private final List<Supplier<SecurePartition>> customPartitions;

    private DeviceConfig(Builder b) {
        this.huk = b.huk;
        this.flashDirectory = b.flashDirectory;
        this.profile = b.profile;
        this.hukPartitionId = b.hukPartitionId;
        this.labelExtra = b.labelExtra;
        this.nvCounterMode = b.nvCounterMode;
        this.ecdsaMode = b.ecdsaMode;
        this.cloudPublicKey = b.cloudPublicKey;
        this.tflmModel = b.tflmModel;
        this.floatModel = b.floatModel;
        this.logSink = b.logSink;
        this.random = b.random;
        this.customPartitions = List.copyOf(b.customPartitions);
    }

    /** The embedded defaults: nothing to install or download. */
    public static DeviceConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.huk = huk;
        b.flashDirectory = flashDirectory;
        b.profile = profile;
        b.hukPartitionId = hukPartitionId;
        b.labelExtra = labelExtra;
        b.nvCounterMode = nvCounterMode;
        b.ecdsaMode = ecdsaMode;
        b.cloudPublicKey = cloudPublicKey;
        b.tflmModel = tflmModel;
        b.floatModel = floatModel;
        b.logSink = logSink;
        b.random = random;
        b.customPartitions.addAll(customPartitions);
        return b;
    }

    public HukSource huk() {
        return huk;
    }

    /** Where {@code flash.bin} lives; empty for in-memory flash. */
    public Optional<Path> flashDirectory() {
        return Optional.ofNullable(flashDirectory);
    }

    public TfmProfile profile() {
        return profile;
    }

    public int hukPartitionId() {
        return hukPartitionId;
    }

    public String labelExtra() {
        return labelExtra;
    }

    public NvCounters.Mode nvCounterMode() {
        return nvCounterMode;
    }

    public EcdsaMode ecdsaMode() {
        return ecdsaMode;
    }

    public Optional<ECPublicKey> cloudPublicKey() {
        return Optional.ofNullable(cloudPublicKey);
    }

    /** A replacement int8 model for {@code tflm_sine}, or empty for the built-in one. */
    public Optional<byte[]> tflmModel() {
        return Optional.ofNullable(tflmModel).map(byte[]::clone);
    }

    /** A replacement float model for {@code utvm_sine}, or empty for the built-in one. */
    public Optional<byte[]> floatModel() {
        return Optional.ofNullable(floatModel).map(byte[]::clone);
    }

    /** Where log lines go as they happen (besides the device's own record). */
    public PlatformLog logSink() {
        return logSink;
    }

    public SecureRandom random() {
        return random;
    }

    /** Makers of the user's own secure partitions, registered after the built-in ones at every boot. */
    public List<Supplier<SecurePartition>> customPartitions() {
        return customPartitions;
    }

    @Override
    public String toString() {
        return "DeviceConfig[" + huk + ", flash=" + (flashDirectory == null ? "memory" : flashDirectory)
                + ", " + profile + ", partition=0x" + Integer.toHexString(hukPartitionId) + ", labelExtra='"
                + labelExtra + "', nv=" + nvCounterMode + ", ecdsa=" + ecdsaMode + ", cloudKey="
                + (cloudPublicKey != null) + ", tflmModel=" + (tflmModel == null ? "built-in" : "custom")
                + ", floatModel=" + (floatModel == null ? "built-in" : "custom") + "]";
    }

    /** Builds a {@link DeviceConfig}; every value has the demo default. */
    public static final class Builder {
        private HukSource huk = HukSource.dummy();
        private Path flashDirectory;
        private TfmProfile profile = TfmProfile.defaultProfile();
        private int hukPartitionId = HukServices.DEFAULT_PARTITION_ID;
        private String labelExtra = "";
        private NvCounters.Mode nvCounterMode = NvCounters.Mode.SAFE;
        private EcdsaMode ecdsaMode = EcdsaMode.RANDOMIZED;
        private ECPublicKey cloudPublicKey;
        private byte[] tflmModel;
        private byte[] floatModel;
        private PlatformLog logSink = PlatformLog.discard();
        private SecureRandom random = new SecureRandom();
        private final List<Supplier<SecurePartition>> customPartitions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a secure partition of the user's own, as firmware teams add services to TF-M: its manifest names
         * its SIDs, who may call them and which services it calls. The supplier is asked for a fresh instance at
         * every boot (a partition's RAM does not survive a reboot).
         */
        public Builder partition(Supplier<SecurePartition> maker) {
            customPartitions.add(Objects.requireNonNull(maker, "maker"));
            return this;
        }

        public Builder huk(HukSource source) {
            this.huk = Objects.requireNonNull(source, "huk");
            return this;
        }

        /** Keep the flash in {@code directory/flash.bin}, so the device resumes from it. */
        public Builder flashDirectory(Path directory) {
            this.flashDirectory = directory;
            return this;
        }

        public Builder profile(TfmProfile p) {
            this.profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        public Builder hukPartitionId(int id) {
            if (id <= 0) {
                throw new IllegalArgumentException("the HUK partition id must be positive, got " + id);
            }
            this.hukPartitionId = id;
            return this;
        }

        public Builder labelExtra(String extra) {
            this.labelExtra = Objects.requireNonNull(extra, "labelExtra");
            return this;
        }

        public Builder nvCounterMode(NvCounters.Mode mode) {
            this.nvCounterMode = Objects.requireNonNull(mode, "nvCounterMode");
            return this;
        }

        public Builder ecdsaMode(EcdsaMode mode) {
            this.ecdsaMode = Objects.requireNonNull(mode, "ecdsaMode");
            return this;
        }

        /** The cloud's P-256 key: enables COSE_Encrypt0 results. */
        public Builder cloudPublicKey(ECPublicKey key) {
            this.cloudPublicKey = key;
            return this;
        }

        public Builder tflmModel(byte[] model) {
            this.tflmModel = model == null ? null : model.clone();
            return this;
        }

        public Builder floatModel(byte[] model) {
            this.floatModel = model == null ? null : model.clone();
            return this;
        }

        public Builder logSink(PlatformLog sink) {
            this.logSink = Objects.requireNonNull(sink, "logSink");
            return this;
        }

        /** The randomness of the secure world (ECDSA nonces, IVs, boot seed); inject only in tests. */
        public Builder random(SecureRandom r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        public DeviceConfig build() {
            if (labelExtra.length() > 15) {
                throw new IllegalArgumentException("the label extra is at most 15 characters, got "
                        + labelExtra.length());
            }
            return new DeviceConfig(this);
        }
    }
}

package io.github.cai4j.huk;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.nvcounter.NvCounters;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The build-time configuration of the HUK derivation partition and of the non-secure key management
 * ({@code spec/firmware.md} §1.1–§1.3). None of it is secret.
 *
 * @param profile           the TF-M generation: {@code TFM_1_6} (HKDF halves, label as salt) or {@code TFM_1_7}
 *                          (PSA ECC derivation over the per-owner HUK sub-key)
 * @param partitionId       the partition id, an input of every secure-side derivation (0x4c690100; historic
 *                          auto-assigned builds used 258 and 262)
 * @param labelExtra        {@code HUK_DERIV_LABEL_EXTRA} / {@code CONFIG_SECURE_INFER_HUK_DERIV_LABEL_EXTRA}:
 *                          appended to every label, at most 15 ASCII characters, default empty
 * @param nvCountersEnabled {@code NV_PS_COUNTERS_SUPPORT} (default on): COSE_Sign1 payloads carry the counters
 * @param cloudPublicKey    the cloud service's P-256 key; when present, {@code HUK_ENC_COSE_ENCRYPT0} produces
 *                          the "flow" session and Encrypt0 records instead of {@code PSA_ERROR_NOT_SUPPORTED}
 * @param counterMode       how the NV counters persist: {@link NvCounters.Mode#SAFE} (default: never a value twice)
 *                          or {@link NvCounters.Mode#FIRMWARE_EXACT} (re-uses up to 99 values after a reboot)
 */
public record HukDerivConfig(TfmProfile profile, int partitionId, String labelExtra, boolean nvCountersEnabled,
                             Optional<ECPublicKey> cloudPublicKey, NvCounters.Mode counterMode) {
    /** {@code HUK_DERIV_LABEL_EXTRA} must be at most this long. */
    public static final int MAX_LABEL_EXTRA = 15;

    public HukDerivConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(labelExtra, "labelExtra");
        Objects.requireNonNull(cloudPublicKey, "cloudPublicKey");
        Objects.requireNonNull(counterMode, "counterMode");
        if (partitionId <= 0) {
            throw new IllegalArgumentException("the partition id must be positive, got " + partitionId);
        }
        if (labelExtra.length() > MAX_LABEL_EXTRA) {
            throw new IllegalArgumentException("HUK_DERIV_LABEL_EXTRA is at most " + MAX_LABEL_EXTRA
                    + " characters, got " + labelExtra.length());
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(labelExtra) || labelExtra.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("HUK_DERIV_LABEL_EXTRA must be printable ASCII without NUL");
        }
    }

    /** With the {@link NvCounters.Mode#SAFE} counter mode. */
    public HukDerivConfig(TfmProfile profile, int partitionId, String labelExtra, boolean nvCountersEnabled,
                          Optional<ECPublicKey> cloudPublicKey) {
        this(profile, partitionId, labelExtra, nvCountersEnabled, cloudPublicKey, NvCounters.Mode.SAFE);
    }

    /**
     * The firmware defaults: TF-M 1.7, partition 0x4c690100, no label extra, NV counters on (in the safe mode), no
     * cloud key.
     */
    public static HukDerivConfig defaults() {
        return new HukDerivConfig(TfmProfile.defaultProfile(), HukServices.DEFAULT_PARTITION_ID, "", true,
                Optional.empty(), NvCounters.Mode.SAFE);
    }

    /** The defaults for {@code profile}. */
    public static HukDerivConfig of(TfmProfile profile) {
        return defaults().withProfile(profile);
    }

    /**
     * The profile for a TF-M version as the CLI takes it ({@code --tfm 1.6|1.7}; 1.5 derives as 1.6, 1.8 as 1.7).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static TfmProfile parseTfmVersion(String version) {
        return switch (version.strip()) {
            case "1.5", "1.6" -> TfmProfile.TFM_1_6;
            case "1.7", "1.8" -> TfmProfile.TFM_1_7;
            default -> throw new IllegalArgumentException("unknown TF-M version \"" + version
                    + "\" (expected 1.6 or 1.7)");
        };
    }

    /**
     * A partition id as the CLI takes it ({@code --huk-partition-id}): decimal ({@code 258}) or hex with
     * {@code 0x} ({@code 0x4c690100}).
     *
     * @throws IllegalArgumentException if it is not a positive 32-bit value
     */
    public static int parsePartitionId(String text) {
        String t = text.strip();
        long v;
        try {
            v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partition id \"" + text + "\" is not a number", e);
        }
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("partition id " + text + " must be a positive 32-bit value");
        }
        return (int) v;
    }

    public HukDerivConfig withProfile(TfmProfile p) {
        return new HukDerivConfig(p, partitionId, labelExtra, nvCountersEnabled, cloudPublicKey, counterMode);
    }

    public HukDerivConfig withPartitionId(int id) {
        return new HukDerivConfig(profile, id, labelExtra, nvCountersEnabled, cloudPublicKey, counterMode);
    }

    public HukDerivConfig withLabelExtra(String extra) {
        return new HukDerivConfig(profile, partitionId, extra, nvCountersEnabled, cloudPublicKey, counterMode);
    }

    public HukDerivConfig withNvCounters(boolean enabled) {
        return new HukDerivConfig(profile, partitionId, labelExtra, enabled, cloudPublicKey, counterMode);
    }

    public HukDerivConfig withCounterMode(NvCounters.Mode mode) {
        return new HukDerivConfig(profile, partitionId, labelExtra, nvCountersEnabled, cloudPublicKey, mode);
    }

    public HukDerivConfig withCloudPublicKey(ECPublicKey key) {
        return new HukDerivConfig(profile, partitionId, labelExtra, nvCountersEnabled, Optional.of(key),
                counterMode);
    }
}

package io.github.cai4j.device.cli;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.EcdsaMode;
import io.github.cai4j.nvcounter.NvCounters;
import io.github.cai4j.psa.platform.HukSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that build a simulated device, shared by {@code shell} and {@code demo}. */
final class DeviceOptions {
    @Option(names = "--huk", paramLabel = "<hex>", description = "The HUK as 64 hex digits (default: TF-M's dummy HUK).")
    String hukHex;

    @Option(names = "--huk-file", paramLabel = "<file>", description = "A file with the HUK (32 raw bytes or 64 hex digits).")
    Path hukFile;

    @Option(names = "--flash", paramLabel = "<dir>", description = "Keep the device's flash in <dir>/flash.bin (default: in memory).")
    Path flashDir;

    @Option(names = "--tfm", paramLabel = "1.6|1.7", description = "The TF-M generation whose key derivation to use (default 1.7).")
    String tfm = "1.7";

    @Option(names = "--huk-partition-id", paramLabel = "<n>", description = "The HUK partition id (default 0x4c690100; historic builds: 258, 262).")
    String hukPartitionId;

    @Option(names = "--label-extra", paramLabel = "<s>", description = "HUK_DERIV_LABEL_EXTRA, appended to every label (at most 15 characters).")
    String labelExtra = "";

    @Option(names = "--model", paramLabel = "<file.tflite>", description = "An int8 model for tflm_sine (default: the built-in sine model).")
    Path model;

    @Option(names = "--float-model", paramLabel = "<file.tflite>", description = "A float model for utvm_sine (default: the built-in one).")
    Path floatModel;

    @Option(names = "--nv-counter", paramLabel = "safe|firmware", description = "NV counter mode: safe never reuses a value (default); firmware reuses up to 99 after a reboot, as the firmware.")
    String nvCounter = "safe";

    @Option(names = "--ecdsa", paramLabel = "random|deterministic", description = "How the COSE key signs (default random, as the firmware).")
    String ecdsa = "random";

    DeviceConfig toConfig() throws IOException {
        DeviceConfig.Builder b = DeviceConfig.builder();
        if (hukHex != null && hukFile != null) {
            throw new IllegalArgumentException("give either --huk or --huk-file, not both");
        }
        if (hukHex != null) {
            b.huk(HukSource.ofHex(hukHex));
        } else if (hukFile != null) {
            b.huk(HukSource.fromFile(hukFile));
        }
        if (flashDir != null) {
            b.flashDirectory(flashDir);
        }
        b.profile(switch (tfm) {
            case "1.6" -> TfmProfile.TFM_1_6;
            case "1.7", "1.8" -> TfmProfile.TFM_1_7;
            default -> throw new IllegalArgumentException("--tfm must be 1.6 or 1.7, got " + tfm);
        });
        if (hukPartitionId != null) {
            b.hukPartitionId(parseInt(hukPartitionId, "--huk-partition-id"));
        }
        b.labelExtra(labelExtra);
        if (model != null) {
            b.tflmModel(Files.readAllBytes(model));
        }
        if (floatModel != null) {
            b.floatModel(Files.readAllBytes(floatModel));
        }
        b.nvCounterMode(switch (nvCounter) {
            case "safe" -> NvCounters.Mode.SAFE;
            case "firmware" -> NvCounters.Mode.FIRMWARE_EXACT;
            default -> throw new IllegalArgumentException("--nv-counter must be safe or firmware, got " + nvCounter);
        });
        b.ecdsaMode(switch (ecdsa) {
            case "random" -> EcdsaMode.RANDOMIZED;
            case "deterministic" -> EcdsaMode.DETERMINISTIC;
            default -> throw new IllegalArgumentException("--ecdsa must be random or deterministic, got " + ecdsa);
        });
        return b.build();
    }

    private static int parseInt(String s, String option) {
        try {
            String t = s.strip();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Integer.parseUnsignedInt(t.substring(2), 16);
            }
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a decimal or 0x-hex number, got " + s);
        }
    }
}

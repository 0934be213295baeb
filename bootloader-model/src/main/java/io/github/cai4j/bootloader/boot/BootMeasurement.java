package io.github.cai4j.bootloader.boot;

import io.github.cai4j.bootloader.image.ImageVersion;
import java.util.HexFormat;

/**
 * What the bootloader measured of one booted image, for attestation (the PSA software component claims):
 * type, version, SHA-256 of the image (header, payload, protected TLVs) and the signer id (SHA-256 of the
 * signing key).
 */
public record BootMeasurement(int imageIndex, String type, ImageVersion version, byte[] measurement,
                              byte[] signerId, String measurementDescription) {
    public BootMeasurement {
        measurement = measurement.clone();
        signerId = signerId.clone();
    }

    @Override
    public byte[] measurement() {
        return measurement.clone();
    }

    @Override
    public byte[] signerId() {
        return signerId.clone();
    }

    @Override
    public String toString() {
        return "BootMeasurement[image " + imageIndex + " " + type + " " + version + ", "
                + measurementDescription + " " + HexFormat.of().formatHex(measurement) + ", signer "
                + HexFormat.of().formatHex(signerId) + "]";
    }
}

package io.github.cai4j.attestation;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured software component of a PSA attestation token ({@code spec/cose.md} §8): what the bootloader
 * recorded for an image it verified (the BOOT_RECORD of an MCUboot image, {@code spec/mcuboot-psa.md} A1). The
 * model image is one of them, so its measurement, version and signer appear in every token.
 *
 * <p>Map keys in the token: 1 type, 2 measurement value, 4 version, 5 signer id, 6 measurement description (the
 * hash algorithm, e.g. {@code SHA256}). The measurement value and the signer id are mandatory; the text fields
 * are optional and {@code null} here when absent.
 *
 * @param type        the measurement type, e.g. {@code SPE}, {@code NSPE}, {@code MODEL}; {@code null} if absent
 * @param measurement the image digest (a copy is kept)
 * @param version     the image version {@code major.minor.revision}; {@code null} if absent
 * @param signerId    the hash of the key that signed the image (a copy is kept)
 * @param description the hash algorithm name, e.g. {@code SHA256}; {@code null} if absent
 */
public record SoftwareComponent(String type, byte[] measurement, String version, byte[] signerId,
                                String description) {
    /** Key of the measurement type. */
    public static final int KEY_TYPE = 1;
    /** Key of the measurement value. */
    public static final int KEY_MEASUREMENT_VALUE = 2;
    /** Key of the version. */
    public static final int KEY_VERSION = 4;
    /** Key of the signer id. */
    public static final int KEY_SIGNER_ID = 5;
    /** Key of the measurement description. */
    public static final int KEY_MEASUREMENT_DESCRIPTION = 6;

    public SoftwareComponent {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(signerId, "signerId");
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

    public Optional<String> typeIfPresent() {
        return Optional.ofNullable(type);
    }

    public Optional<String> versionIfPresent() {
        return Optional.ofNullable(version);
    }

    public Optional<String> descriptionIfPresent() {
        return Optional.ofNullable(description);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftwareComponent c && Objects.equals(type, c.type)
                && MessageDigest.isEqual(measurement, c.measurement) && Objects.equals(version, c.version)
                && MessageDigest.isEqual(signerId, c.signerId) && Objects.equals(description, c.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, HexFormat.of().formatHex(measurement), version, HexFormat.of().formatHex(signerId),
                description);
    }

    @Override
    public String toString() {
        return "SoftwareComponent[type=" + type + ", measurement=" + HexFormat.of().formatHex(measurement)
                + ", version=" + version + ", signerId=" + HexFormat.of().formatHex(signerId) + ", description="
                + description + "]";
    }
}

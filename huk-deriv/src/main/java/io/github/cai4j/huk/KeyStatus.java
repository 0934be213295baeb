package io.github.cai4j.huk;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;

/** The status of a device key ({@code enum huk_key_stat}, {@code spec/firmware.md} §1.1). */
public enum KeyStatus {
    /** {@code HUK_NONE}: nothing derived. */
    NONE(0, "unknown"),
    /** {@code HUK_KEY_GEN}: the key has been derived. */
    KEY_GENERATED(1, "Key generated"),
    /** {@code HUK_X_509_CERT_GEN}: a certificate has been issued for the key. */
    X509_CERT_GENERATED(2, "X.509 cert gen");

    private final int value;
    private final String shellText;

    KeyStatus(int value, String shellText) {
        this.value = value;
        this.shellText = shellText;
    }

    /** The enum value on the wire (4 bytes, little-endian). */
    public int value() {
        return value;
    }

    /** The text {@code keys status} prints for it. */
    public String shellText() {
        return shellText;
    }

    /** The status with this wire value. */
    public static KeyStatus fromValue(int value) throws PsaException {
        for (KeyStatus s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "unknown key status " + value);
    }
}

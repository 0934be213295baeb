package io.github.cai4j.huk;

import java.util.Optional;

/**
 * The two device keys as the non-secure application names them ({@code include/key_mgmt.h},
 * {@code spec/firmware.md} §1.1): index, key id and label.
 */
public enum DeviceKey {
    /** Index 0, {@code KEY_CLIENT_TLS}: derived by the non-secure side, held by crypto-service for it. */
    CLIENT_TLS(HukServices.KEY_ID_CLIENT_TLS, "Device Client TLS"),
    /** Index 1, {@code KEY_COSE}: derived by the HUK partition at start-up, never leaves the secure side. */
    COSE(HukServices.KEY_ID_COSE, "Device COSE SIGN/Encrypt");

    private final int keyId;
    private final String label;

    DeviceKey(int keyId, String label) {
        this.keyId = keyId;
        this.label = label;
    }

    /** The key id, e.g. 0x5001. */
    public int keyId() {
        return keyId;
    }

    /** The label used in the CSR subject (OU) and the shell. */
    public String label() {
        return label;
    }

    /** The key with this id, if any. */
    public static Optional<DeviceKey> byId(long keyId) {
        for (DeviceKey k : values()) {
            if (k.keyId == keyId) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

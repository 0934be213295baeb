package io.github.cai4j.psa.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the hardware unique key (HUK) comes from. Only the crypto partition is handed a {@code HukSource};
 * non-secure code never holds one, so the HUK is never readable from the non-secure side.
 *
 * <p>The default is TF-M's dummy provisioning value ({@code 00 01 … 0f 00 01 … 0f}, {@code spec/firmware.md}
 * §2), which is public: a device using it is not secure, and boot says so with the firmware's warning
 * {@link #DUMMY_PROVISIONING_WARNING}.
 */
public final class HukSource {
    /** The HUK is 256 bits. */
    public static final int HUK_SIZE = 32;

    /** The line TF-M's BL2 prints when the dummy provisioning data is used. */
    public static final String DUMMY_PROVISIONING_WARNING =
            "TFM_DUMMY_PROVISIONING is not suitable for production! This device is NOT SECURE";

    private final SecretBytes huk;
    private final boolean dummy;
    private final String origin;

    private HukSource(byte[] huk, boolean dummy, String origin) {
        this.huk = SecretBytes.wrap(huk);
        this.dummy = dummy;
        this.origin = origin;
    }

    /** TF-M's dummy provisioning HUK. */
    public static HukSource dummy() {
        byte[] k = new byte[HUK_SIZE];
        for (int i = 0; i < HUK_SIZE; i++) {
            k[i] = (byte) (i & 0x0f);
        }
        return new HukSource(k, true, "dummy provisioning");
    }

    /** A HUK given as 32 bytes (copied; the caller should zero its array). */
    public static HukSource of(byte[] huk) {
        if (huk == null || huk.length != HUK_SIZE) {
            throw new IllegalArgumentException("HUK must be exactly " + HUK_SIZE + " bytes, got "
                    + (huk == null ? "null" : huk.length));
        }
        return new HukSource(huk.clone(), false, "bytes");
    }

    /** A HUK given as 64 hex digits. */
    public static HukSource ofHex(String hex) {
        byte[] k;
        try {
            k = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HUK hex string is not valid hex", e);
        }
        try {
            return of(k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * A HUK read from a file holding either exactly 32 raw bytes or 64 hex digits (surrounding white space
     * allowed).
     *
     * @throws IOException if the file cannot be read or holds neither form
     */
    public static HukSource fromFile(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        try {
            if (raw.length == HUK_SIZE) {
                return new HukSource(raw.clone(), false, "file " + file.getFileName());
            }
            String text = new String(raw, StandardCharsets.US_ASCII).strip();
            if (text.length() == 2 * HUK_SIZE && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                byte[] k = HexFormat.of().parseHex(text);
                return new HukSource(k, false, "file " + file.getFileName());
            }
            throw new IOException("HUK file " + file + " must hold 32 raw bytes or 64 hex digits ("
                    + raw.length + " bytes found)");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** {@code true} for TF-M's public dummy value: such a device is not secure. */
    public boolean isDummyProvisioning() {
        return dummy;
    }

    /**
     * The HUK itself. Only the crypto partition calls this; it must destroy the copy when done.
     */
    public SecretBytes read() {
        return SecretBytes.wrap(huk.toByteArray());
    }

    @Override
    public String toString() {
        return "HukSource[" + origin + "]";
    }
}

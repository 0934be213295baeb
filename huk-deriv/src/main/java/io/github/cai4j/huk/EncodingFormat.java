package io.github.cai4j.huk;

import java.util.Optional;

/** How the COSE encode service encodes an inference value ({@code enum huk_enc_format}, §1.1 / §5). */
public enum EncodingFormat {
    /** {@code HUK_ENC_CBOR}: the one-entry payload map, unsigned. */
    CBOR(0),
    /** {@code HUK_ENC_COSE_SIGN1}: COSE_Sign1 with key 0x5002 over the payload map with the NV counters. */
    COSE_SIGN1(1),
    /** {@code HUK_ENC_COSE_ENCRYPT0}: encrypted for the cloud (not supported by the firmware). */
    COSE_ENCRYPT0(2),
    /** {@code HUK_ENC_NONE}. */
    NONE(3);

    private final int value;

    EncodingFormat(int value) {
        this.value = value;
    }

    /** The enum value on the wire (4 bytes, little-endian). */
    public int value() {
        return value;
    }

    /** The format with this wire value, if any. */
    public static Optional<EncodingFormat> fromValue(int value) {
        for (EncodingFormat f : values()) {
            if (f.value == value) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

package io.github.cai4j.inference.service;

import java.util.Optional;

/** {@code huk_enc_format_t}: how the HUK partition encodes an inference value ({@code spec/firmware.md} §1.1). */
public enum EncodingFormat {
    /** {@code HUK_ENC_CBOR}: a plain CBOR map. */
    CBOR(0),
    /** {@code HUK_ENC_COSE_SIGN1}: a COSE_Sign1 over the CBOR map. */
    COSE_SIGN1(1),
    /** {@code HUK_ENC_COSE_ENCRYPT0}: declared by the firmware but refused with NOT_SUPPORTED. */
    COSE_ENCRYPT0(2),
    /** {@code HUK_ENC_NONE}: refused with INVALID_ARGUMENT. */
    NONE(3);

    private final int value;

    EncodingFormat(int value) {
        this.value = value;
    }

    /** The enum's 32-bit wire value. */
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

package io.github.cai4j.inference.service;

/**
 * What an inference service returned: the HUK partition's encoding (CBOR map or COSE_Sign1) and the inference
 * value the non-secure app decodes from it (not signature-verified, as in the firmware's shipped config).
 */
public record InferenceResult(byte[] encoded, float value) {
    public InferenceResult {
        encoded = encoded.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceResult r && java.security.MessageDigest.isEqual(encoded, r.encoded)
                && Float.floatToIntBits(value) == Float.floatToIntBits(r.value);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encoded) * 31 + Float.floatToIntBits(value);
    }

    @Override
    public String toString() {
        return "InferenceResult[" + encoded.length + " bytes, value=" + value + "]";
    }
}

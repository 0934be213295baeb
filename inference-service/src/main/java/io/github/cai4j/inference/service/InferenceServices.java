package io.github.cai4j.inference.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifiers and fixed strings of the two inference partitions and the HUK service they call
 * ({@code spec/firmware.md} §1.1, §3).
 */
public final class InferenceServices {
    /** Partition id of {@code TFM_SP_TFLM_SERVICE}. */
    public static final int TFLM_PARTITION_ID = 0x4c69_0200;
    /** Partition id of {@code TFM_SP_UTVM_SERVICE}. */
    public static final int UTVM_PARTITION_ID = 0x4c69_0300;

    /** {@code TFM_TFLM_SERVICE_HELLO}: run the int8 sine model (non-secure callers allowed). */
    public static final int TFLM_SERVICE_HELLO_SID = 0x4c69_0211;
    /** {@code TFM_TFLM_VERSION_INFO_SERVICE}: the TFLM version string. */
    public static final int TFLM_VERSION_INFO_SID = 0x4c69_0212;
    /** {@code TFM_TFLM_MODEL_VERSION_INFO_SERVICE}: the model's md5. */
    public static final int TFLM_MODEL_VERSION_INFO_SID = 0x4c69_0213;
    /** {@code TFM_UTVM_SINE_MODEL_SERVICE}: run the float sine model (non-secure callers allowed). */
    public static final int UTVM_SINE_MODEL_SID = 0x4c69_0320;
    /** {@code TFM_UTVM_VERSION_INFO_SERVICE}: the microTVM version string. */
    public static final int UTVM_VERSION_INFO_SID = 0x4c69_0321;
    /** {@code TFM_UTVM_MODEL_VERSION_INFO_SERVICE}: the model's md5. */
    public static final int UTVM_MODEL_VERSION_INFO_SID = 0x4c69_0322;

    /** {@code TFM_HUK_COSE_CBOR_ENC_SIGN} of the HUK partition: secure callers only. */
    public static final int HUK_COSE_CBOR_ENC_SIGN_SID = 0x4c69_0103;

    /** The model name a TFLM request must carry. */
    public static final String TFLM_MODEL_NAME = "TFLM_MODEL_SINE";
    /** The model name a uTVM request must carry. */
    public static final String UTVM_MODEL_NAME = "UTVM_MODEL_SINE";

    /** The TFLM version string: the tflite-micro commit the firmware exported. */
    public static final String TFLM_VERSION = "c2018a7bf84364cc743491a52b41248497569e03";
    /** The microTVM version string ({@code tvmc --version}). */
    public static final String UTVM_VERSION = "0.9.dev0";

    /** {@code TFLM_VERSION_BUFF_SIZE} / {@code UTVM_VERSION_BUFF_SIZE}: the exact out size of the version services. */
    public static final int VERSION_BUFFER_SIZE = 42;
    /** {@code sizeof(tflm_config_t)}: a 4-byte encoding format then {@code char model[32]}. */
    public static final int CONFIG_SIZE = 36;
    /** Size of the {@code model} field of the config struct. */
    public static final int CONFIG_MODEL_SIZE = 32;
    /** The float input (radians) is a 4-byte little-endian IEEE-754 value. */
    public static final int INPUT_SIZE = 4;
    /** The encoded-length output is a 32-bit {@code size_t}. */
    public static final int SIZE_T = 4;
    /** {@code kXrange = 2.f * 3.14159265359f}: the TFLM service accepts inputs in [0, kXrange]. */
    public static final float X_RANGE = 2.0f * 3.14159265359f;

    private InferenceServices() {
    }

    /** A model's version string as the firmware pins it: the lowercase hex md5 of the model file. */
    public static String modelVersion(byte[] model) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(model));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

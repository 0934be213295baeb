package io.github.cai4j.inference.service;

/** The two inference services the non-secure app can ask for a sine value ({@code spec/firmware.md} §3.3). */
public enum SineModel {
    /** {@code tflm_sine}: the int8 model behind {@code TFM_TFLM_SERVICE_HELLO}. */
    TFLM_SINE("tflm_sine", InferenceServices.TFLM_SERVICE_HELLO_SID, InferenceServices.TFLM_MODEL_NAME),
    /** {@code utvm_sine}: the float model behind {@code TFM_UTVM_SINE_MODEL_SERVICE}. */
    UTVM_SINE("utvm_sine", InferenceServices.UTVM_SINE_MODEL_SID, InferenceServices.UTVM_MODEL_NAME);

    private final String label;
    private final int sid;
    private final String modelName;

    SineModel(String label, int sid, String modelName) {
        this.label = label;
        this.sid = sid;
        this.modelName = modelName;
    }

    /** The shell's label, e.g. {@code tflm_sine}. */
    public String label() {
        return label;
    }

    /** The inference service's SID. */
    public int sid() {
        return sid;
    }

    /** The model name the request's config carries, e.g. {@code TFLM_MODEL_SINE}. */
    public String modelName() {
        return modelName;
    }
}

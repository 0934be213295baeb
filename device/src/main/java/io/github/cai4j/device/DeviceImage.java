package io.github.cai4j.device;

/** The images the device's bootloader manages, by MCUboot image index (= Firmware Update component). */
public enum DeviceImage {
    /** The secure image (TF-M and its partitions). */
    SECURE(DeviceFlash.IMAGE_SECURE),
    /** The non-secure application. */
    NON_SECURE(DeviceFlash.IMAGE_NON_SECURE),
    /** The int8 model run by {@code tflm_sine}. */
    TFLM_MODEL(DeviceFlash.IMAGE_TFLM_MODEL),
    /** The float model run by {@code utvm_sine}. */
    UTVM_MODEL(DeviceFlash.IMAGE_UTVM_MODEL);

    private final int index;

    DeviceImage(int index) {
        this.index = index;
    }

    /** The MCUboot image index and Firmware Update component id. */
    public int index() {
        return index;
    }
}

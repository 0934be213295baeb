package io.github.cai4j.psa;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PSA status codes with their exact numeric values ({@code psa/error.h}, PSA Status code API 1.0.5
 * Table 4, plus the Crypto, Firmware Update and SPM-specific values; {@code spec/mcuboot-psa.md} B4).
 *
 * <p>Values in -1..-128 and at or below -257 are RoT-service specific and have no constant here; use
 * {@link #fromValue(int)} and {@link #describe(int)} for values that may be service specific.
 */
public enum PsaStatus {
    SUCCESS(0),
    /** Firmware Update: the operation succeeded, a reboot is needed to apply it. */
    SUCCESS_REBOOT(1),
    /** Firmware Update: the operation succeeded, a restart of the component is needed. */
    SUCCESS_RESTART(2),
    ERROR_PROGRAMMER_ERROR(-129),
    ERROR_CONNECTION_REFUSED(-130),
    ERROR_CONNECTION_BUSY(-131),
    ERROR_GENERIC_ERROR(-132),
    ERROR_NOT_PERMITTED(-133),
    ERROR_NOT_SUPPORTED(-134),
    ERROR_INVALID_ARGUMENT(-135),
    ERROR_INVALID_HANDLE(-136),
    ERROR_BAD_STATE(-137),
    ERROR_BUFFER_TOO_SMALL(-138),
    ERROR_ALREADY_EXISTS(-139),
    ERROR_DOES_NOT_EXIST(-140),
    ERROR_INSUFFICIENT_MEMORY(-141),
    ERROR_INSUFFICIENT_STORAGE(-142),
    ERROR_INSUFFICIENT_DATA(-143),
    ERROR_SERVICE_FAILURE(-144),
    ERROR_COMMUNICATION_FAILURE(-145),
    ERROR_STORAGE_FAILURE(-146),
    ERROR_HARDWARE_FAILURE(-147),
    ERROR_INSUFFICIENT_ENTROPY(-148),
    ERROR_INVALID_SIGNATURE(-149),
    ERROR_INVALID_PADDING(-150),
    ERROR_CORRUPTION_DETECTED(-151),
    ERROR_DATA_CORRUPT(-152),
    ERROR_DATA_INVALID(-153),
    /** Firmware Update: another image must be installed first. */
    ERROR_DEPENDENCY_NEEDED(-156),
    /** Firmware Update: the flash would wear out. */
    ERROR_FLASH_ABUSE(-160),
    /** Firmware Update: not enough power to proceed. */
    ERROR_INSUFFICIENT_POWER(-161),
    OPERATION_INCOMPLETE(-248);

    private static final Map<Integer, PsaStatus> BY_VALUE;

    static {
        Map<Integer, PsaStatus> map = new HashMap<>();
        for (PsaStatus s : values()) {
            map.put(s.value, s);
        }
        BY_VALUE = Collections.unmodifiableMap(map);
    }

    private final int value;

    PsaStatus(int value) {
        this.value = value;
    }

    /** The numeric {@code psa_status_t} value. */
    public int value() {
        return value;
    }

    /** The C name of this status, e.g. {@code PSA_ERROR_INVALID_ARGUMENT}. */
    public String cName() {
        return "PSA_" + name();
    }

    /** {@code true} for {@link #SUCCESS} and the API-specific success values (> 0). */
    public boolean isSuccess() {
        return value >= 0;
    }

    /** The status with this value, or empty for a service-specific or reserved value. */
    public static Optional<PsaStatus> fromValue(int value) {
        return Optional.ofNullable(BY_VALUE.get(value));
    }

    /**
     * A human readable name for any status value: the C name where one exists, otherwise the range it
     * falls in, always followed by the number.
     */
    public static String describe(int value) {
        PsaStatus s = BY_VALUE.get(value);
        if (s != null) {
            return s.cName() + " (" + value + ")";
        }
        if (value > 0) {
            return "API-specific success (" + value + ")";
        }
        if ((value >= -128 && value <= -1) || value <= -257) {
            return "RoT-service specific status (" + value + ")";
        }
        if (value >= -256 && value <= -249) {
            return "SPM-reserved status (" + value + ")";
        }
        return "reserved status (" + value + ")";
    }
}

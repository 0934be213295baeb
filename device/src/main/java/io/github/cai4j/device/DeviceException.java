package io.github.cai4j.device;

/**
 * A simulated device could not be built or booted: no valid image to boot, a flash directory that cannot be
 * used, a partition that failed to start. The message says which step failed and why.
 */
public class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}

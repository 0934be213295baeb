package io.github.cai4j.cloud;

/** A cloud-side operation failed: unreadable CA material, a refused request, a broker that cannot start. */
public class CloudException extends Exception {
    private static final long serialVersionUID = 1L;

    public CloudException(String message) {
        super(message);
    }

    public CloudException(String message, Throwable cause) {
        super(message, cause);
    }
}

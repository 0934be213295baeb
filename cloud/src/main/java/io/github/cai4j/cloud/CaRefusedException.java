package io.github.cai4j.cloud;

/** The bootstrap CA answered a request with a non-zero status. */
public final class CaRefusedException extends CloudException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final int httpStatus;

    public CaRefusedException(int statusCode, int httpStatus, String message) {
        super(message);
        this.statusCode = statusCode;
        this.httpStatus = httpStatus;
    }

    /** Field 1 of the CA's answer (see {@link CaStatus}). */
    public int statusCode() {
        return statusCode;
    }

    /** The status as the enum, if it is one the CA defines. */
    public java.util.Optional<CaStatus> status() {
        return CaStatus.fromCode(statusCode);
    }

    public int httpStatus() {
        return httpStatus;
    }
}

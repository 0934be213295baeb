package io.github.cai4j.cloud;

import java.util.Optional;

/**
 * The status the bootstrap CA answers in field 1 of its CBOR response ({@code {1: status, 2: cert}}), with the HTTP
 * status code of the response that carries it. {@link #OK} is 0; every refusal is non-zero and names its reason.
 */
public enum CaStatus {
    /** The certificate was issued; field 2 holds its DER. */
    OK(0, 200, "certificate issued"),
    /** The body is not the firmware's CBOR array of one byte string. */
    MALFORMED_CBOR(1, 400, "malformed CBOR body"),
    /** The byte string is not a DER PKCS#10 request. */
    MALFORMED_CSR(2, 400, "malformed CSR"),
    /** The CSR's self-signature does not verify (or is not ecdsa-with-SHA256). */
    BAD_SIGNATURE(3, 400, "CSR signature does not verify"),
    /** The subject is not {@code O=<organisation>,CN=<uuid>,OU=<key label>}. */
    WRONG_SUBJECT(4, 400, "subject is not O=<organisation>,CN=<uuid>,OU=<key label>"),
    /** The public key is not a valid P-256 key. */
    WRONG_KEY_TYPE(5, 400, "public key is not an EC P-256 key"),
    /** The UUID already holds a certificate for this key with a different public key. */
    KEY_MISMATCH(6, 409, "another public key is already registered for this device and key"),
    /** The device was revoked. */
    REVOKED(7, 403, "device revoked"),
    /** The TLS client did not present the bootstrap client certificate. */
    CLIENT_NOT_AUTHORISED(8, 403, "client did not present the bootstrap certificate"),
    /** Unknown path or method. */
    NOT_FOUND(9, 404, "no such resource"),
    /** The request is larger than the CA accepts. */
    TOO_LARGE(10, 413, "request body too large"),
    /** The CA failed internally (its log says why). */
    INTERNAL_ERROR(11, 500, "internal error");

    private final int code;
    private final int httpStatus;
    private final String text;

    CaStatus(int code, int httpStatus, String text) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.text = text;
    }

    /** The value of field 1. */
    public int code() {
        return code;
    }

    /** The HTTP status of a response with this status. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A short description. */
    public String text() {
        return text;
    }

    /** The status with this code. */
    public static Optional<CaStatus> fromCode(long code) {
        for (CaStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

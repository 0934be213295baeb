package io.github.cai4j.cose;

/**
 * A COSE structure or parameter is malformed, unsupported or misused. The message names the element (and label or
 * index) that was wrong; it never contains key material. A signature, MAC or AEAD tag that does not verify is not an
 * exception: verification methods report it as a result.
 */
public class CoseException extends Exception {
    private static final long serialVersionUID = 1L;

    public CoseException(String message) {
        super(message);
    }

    public CoseException(String message, Throwable cause) {
        super(message, cause);
    }
}

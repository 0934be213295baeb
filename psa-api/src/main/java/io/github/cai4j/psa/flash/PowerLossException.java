package io.github.cai4j.psa.flash;

/** Power was lost: the flash does nothing until it is powered on again. */
public final class PowerLossException extends FlashException {
    private static final long serialVersionUID = 1L;

    public PowerLossException(String message) {
        super(Kind.POWER_LOST, message);
    }
}

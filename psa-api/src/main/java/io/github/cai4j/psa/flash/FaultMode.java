package io.github.cai4j.psa.flash;

/** What happens at the flash operation where a {@link FaultInjectingFlash} is cut. */
public enum FaultMode {
    /** Power is lost before the operation touches the cells. */
    POWER_LOSS_BEFORE,
    /** The operation completes, then power is lost before the caller learns it. */
    POWER_LOSS_AFTER,
    /** Power is lost half-way: only the first half of the bytes are programmed or erased. */
    TORN_WRITE,
    /** The device reports success but the cells are not changed; operation continues. */
    DROPPED_WRITE,
    /** The operation completes but one bit of its range ends up flipped; operation continues. */
    BIT_FLIP;

    /** {@code true} if the device is dead after the fault until powered on again. */
    public boolean losesPower() {
        return this == POWER_LOSS_BEFORE || this == POWER_LOSS_AFTER || this == TORN_WRITE;
    }
}

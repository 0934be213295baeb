package io.github.cai4j.bootloader.boot;

/** MCUboot upgrade strategies modelled here ({@code spec/mcuboot-psa.md} A3). */
public enum UpgradeMode {
    /** Copy secondary over primary; no revert (TF-M's default). */
    OVERWRITE_ONLY,
    /** Swap sector by sector through a scratch area; revertible. */
    SWAP_SCRATCH,
    /** Move the primary up one sector, then swap; revertible, needs one spare primary sector. */
    SWAP_MOVE;

    /** Swap status states per sector in the trailer (0 for overwrite-only). */
    public int statusStates() {
        return this == OVERWRITE_ONLY ? 0 : 3;
    }
}

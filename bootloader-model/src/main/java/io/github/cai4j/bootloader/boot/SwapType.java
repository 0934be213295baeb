package io.github.cai4j.bootloader.boot;

/** {@code BOOT_SWAP_TYPE_*} ({@code spec/mcuboot-psa.md} A2). */
public enum SwapType {
    NONE(1), TEST(2), PERM(3), REVERT(4), FAIL(5), PANIC(0xff);

    private final int code;

    SwapType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Decodes swap_info bits 0-3; erased or unknown values are NONE. */
    public static SwapType ofSwapInfo(int swapInfo) {
        int t = swapInfo & 0x0f;
        return switch (t) {
            case 2 -> TEST;
            case 3 -> PERM;
            case 4 -> REVERT;
            default -> NONE;
        };
    }
}

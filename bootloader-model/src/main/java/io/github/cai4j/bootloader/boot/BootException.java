package io.github.cai4j.bootloader.boot;

/** A bootutil error ({@code BOOT_E*} codes, {@code spec/mcuboot-psa.md} A2). */
public class BootException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int EFLASH = 1;
    public static final int EFILE = 2;
    public static final int EBADIMAGE = 3;
    public static final int EBADVECT = 4;
    public static final int EBADSTATUS = 5;
    public static final int ENOMEM = 6;
    public static final int EBADARGS = 7;
    public static final int EBADVERSION = 8;

    private final int code;

    public BootException(int code, String message) {
        super(message + " [BOOT_E " + code + "]");
        this.code = code;
    }

    public int code() {
        return code;
    }
}

/** MCUboot image format, imgtool-compatible signing and the bootloader. */
module io.github.cai4j.bootloader {
    requires transitive io.github.cai4j.psa;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires cbor;

    exports io.github.cai4j.bootloader.image;
    exports io.github.cai4j.bootloader.imgtool;
    exports io.github.cai4j.bootloader.boot;
    exports io.github.cai4j.bootloader.fwu;
}

/** A whole simulated device and the cai4j command line. */
module io.github.cai4j.device {
    requires transitive io.github.cai4j.psa;
    requires info.picocli;
    requires io.github.cai4j.cose;
    requires io.github.cai4j.inference;
    requires io.github.cai4j.bootloader;
    opens io.github.cai4j.device.cli to info.picocli;
}

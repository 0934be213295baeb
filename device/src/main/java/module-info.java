/** A whole simulated device and the cai4j command line. */
module io.github.cai4j.device {
    requires transitive io.github.cai4j.psa;
    requires info.picocli;
    requires cbor;
    requires transitive io.github.cai4j.crypto;
    requires transitive io.github.cai4j.storage;
    requires transitive io.github.cai4j.nvcounter;
    requires transitive io.github.cai4j.huk;
    requires io.github.cai4j.cose;
    requires transitive io.github.cai4j.attestation;
    requires transitive io.github.cai4j.inference;
    requires transitive io.github.cai4j.bootloader;
    requires io.github.cai4j.cloud;
    exports io.github.cai4j.device;
    exports io.github.cai4j.device.junit;
    requires static transitive org.junit.jupiter.api;
    opens io.github.cai4j.device.cli to info.picocli;
}

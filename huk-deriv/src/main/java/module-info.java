/** The HUK derivation partition: UUID, device-bound keys, CSRs and the COSE encoding service. */
module io.github.cai4j.huk {
    requires transitive io.github.cai4j.psa;
    requires transitive io.github.cai4j.crypto;
    requires io.github.cai4j.storage;
    requires transitive io.github.cai4j.nvcounter;
    requires io.github.cai4j.cose;
    requires cbor;
    requires transitive org.bouncycastle.provider;
    requires transitive org.bouncycastle.pkix;

    exports io.github.cai4j.huk;
}

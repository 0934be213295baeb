/** The HUK derivation partition: UUID, device-bound keys, CSRs and the COSE encoding service. */
module io.github.cai4j.huk {
    requires transitive io.github.cai4j.psa;
    requires io.github.cai4j.crypto;
    requires io.github.cai4j.storage;
    requires io.github.cai4j.nvcounter;
    requires io.github.cai4j.cose;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
}

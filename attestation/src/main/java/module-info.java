/** PSA Initial Attestation and the application attestation token. */
module io.github.cai4j.attestation {
    requires transitive io.github.cai4j.psa;
    requires io.github.cai4j.crypto;
    requires io.github.cai4j.cose;
}

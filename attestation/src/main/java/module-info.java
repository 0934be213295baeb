/** PSA Initial Attestation, its verifier, and the firmware's application attestation token. */
module io.github.cai4j.attestation {
    requires transitive io.github.cai4j.psa;
    requires transitive io.github.cai4j.crypto;
    requires transitive io.github.cai4j.cose;
    requires cbor;

    exports io.github.cai4j.attestation;
    exports io.github.cai4j.attestation.aat;
}

/** PSA Protected Storage and Internal Trusted Storage over the flash model. */
module io.github.cai4j.storage {
    requires transitive io.github.cai4j.psa;
    requires transitive io.github.cai4j.crypto;

    exports io.github.cai4j.storage;
}

/** The TF-M Crypto partition: the only place where private keys and the HUK exist. */
module io.github.cai4j.crypto {
    requires transitive io.github.cai4j.psa;
    requires org.bouncycastle.provider;

    exports io.github.cai4j.crypto;
}

/** A COSE library (RFC 9052/9053): signing, MAC, encryption, keys, and the firmware's payload formats. */
module io.github.cai4j.cose {
    requires org.bouncycastle.provider;
    requires cbor;

    exports io.github.cai4j.cose;
    exports io.github.cai4j.cose.key;
    exports io.github.cai4j.cose.firmware;
    exports io.github.cai4j.cose.examples;
    exports io.github.cai4j.cose.cwt;
}

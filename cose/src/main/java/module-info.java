/** A COSE library (RFC 9052/9053): signing, MAC, encryption, keys. */
module io.github.cai4j.cose {
    requires org.bouncycastle.provider;
    requires cbor;
}

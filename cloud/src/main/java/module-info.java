/**
 * The cloud side of device provisioning: the bootstrap certificate authority and its device registry, the device's
 * bootstrap client ({@code keys ca}), mutual TLS with a device key that never leaves crypto-service, MQTT publishing
 * of signed results and the verifying cloud subscriber.
 */
module io.github.cai4j.cloud {
    requires transitive io.github.cai4j.psa;
    requires transitive io.github.cai4j.crypto;
    requires transitive io.github.cai4j.huk;
    requires transitive io.github.cai4j.storage;
    requires transitive io.github.cai4j.cose;
    requires cbor;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires jdk.httpserver;
    requires java.net.http;
    requires org.eclipse.paho.client.mqttv3;

    exports io.github.cai4j.cloud;
    exports io.github.cai4j.cloud.tls;
    exports io.github.cai4j.cloud.mqtt;
}

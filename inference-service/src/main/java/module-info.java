/** TFLite model reader, TFLM-exact kernels and the inference partitions. */
module io.github.cai4j.inference {
    requires transitive io.github.cai4j.psa;
    requires flatbuffers.java;
    requires cbor;

    exports io.github.cai4j.inference.model;
    exports io.github.cai4j.inference.engine;
    exports io.github.cai4j.inference.tooling;
    exports io.github.cai4j.inference.service;
}

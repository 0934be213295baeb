/** TFLite model reader, TFLM-exact kernels and the inference partitions. */
module io.github.cai4j.inference {
    requires transitive io.github.cai4j.psa;
    requires flatbuffers.java;

    exports io.github.cai4j.inference.model;
    exports io.github.cai4j.inference.engine;
}

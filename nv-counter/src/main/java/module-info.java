/** The firmware's non-volatile counters kept in Protected Storage. */
module io.github.cai4j.nvcounter {
    requires transitive io.github.cai4j.psa;
    requires io.github.cai4j.storage;

    exports io.github.cai4j.nvcounter;
}

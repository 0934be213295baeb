/**
 * The PSA core: exact status codes, the secure/non-secure call gate (TF-M's SPM), the partition SPI,
 * the HUK source and the NOR flash model with fault injection.
 */
module io.github.cai4j.psa {
    exports io.github.cai4j.psa;
    exports io.github.cai4j.psa.spm;
    exports io.github.cai4j.psa.platform;
    exports io.github.cai4j.psa.flash;
}

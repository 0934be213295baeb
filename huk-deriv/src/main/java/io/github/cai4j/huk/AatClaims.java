package io.github.cai4j.huk;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The four claims of the application attestation token ({@code spec/firmware.md} §8.1): the inference engines'
 * version strings and their models' md5 strings. In the TF-M 1.6 profile the HUK partition puts these into the
 * token itself ({@code aat.c} asks the TFLM and uTVM version services); in TF-M 1.7+ the AAT partition sends them.
 *
 * @param tflmVersion claim −80001
 * @param tflmModel   claim −80002
 * @param utvmVersion claim −80003
 * @param utvmModel   claim −80004
 */
public record AatClaims(String tflmVersion, String tflmModel, String utvmVersion, String utvmModel) {
    /** What the firmware's inference services report. */
    public static final AatClaims FIRMWARE = new AatClaims("c2018a7bf84364cc743491a52b41248497569e03",
            "27036dd122bc82da54fc0f2d7d99497b", "0.9.dev0", "b8085238f6e790f25de393e203136776");
    /** The strings of the firmware's HUK test build ({@code BUILD_HUK_KEY_DERIV_TEST}). */
    public static final AatClaims TEST_BUILD = new AatClaims("TEST_20072022_1.0", "TEST_1.0", "TEST_20072022_1.0",
            "TEST_1.0");

    /** Each string fits the firmware's {@code char[42]} with its NUL. */
    public static final int MAX_LENGTH = 41;

    public AatClaims {
        for (String s : new String[] {tflmVersion, tflmModel, utvmVersion, utvmModel}) {
            Objects.requireNonNull(s, "claim");
            if (s.length() > MAX_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(s) || s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an AAT claim is at most " + MAX_LENGTH
                        + " ASCII characters without NUL");
            }
        }
    }
}

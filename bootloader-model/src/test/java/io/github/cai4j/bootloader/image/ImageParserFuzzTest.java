package io.github.cai4j.bootloader.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.bootloader.FuzzKeys;
import io.github.cai4j.bootloader.imgtool.DumpInfo;
import java.security.KeyPair;

/**
 * Fuzzes everything that reads an untrusted image: parsing, the TLV accessors, verification, decryption
 * and dumpinfo. The only failure allowed is an {@link ImageException}.
 */
class ImageParserFuzzTest {
    private static final KeyTable KEYS = KeyTable.ofPublicKeys(FuzzKeys.SIGNER.getPublic());
    private static final KeyPair DEVICE = FuzzKeys.DEVICE;

    @FuzzTest(maxDuration = "30s")
    void parseAndVerify(byte[] input) {
        try {
            McubootImage img = McubootImage.parse(input);
            img.securityCounter();
            img.dependencies();
            img.bootRecord();
            img.uuid(TlvType.UUID_VID);
            VerificationResult r = ImageVerifier.verify(img, KEYS);
            if (img.header().encrypted()) {
                r = ImageVerifier.verify(ImageEncryption.decrypt(img, DEVICE.getPrivate()), KEYS);
            }
            if (r.valid() && r.signer().isEmpty()) {
                throw new AssertionError("valid without a signer");
            }
            DumpInfo.json("fuzz.bin", input);
        } catch (ImageException expected) {
            // the documented outcome for a malformed image
        }
    }

    @org.junit.jupiter.api.Test
    void seedsAreValidSignedImages() throws Exception {
        int n = 0;
        for (String seed : new String[] {"signed", "encrypted"}) {
            try (java.io.InputStream in = getClass().getResourceAsStream(
                    "ImageParserFuzzTestInputs/parseAndVerify/" + seed)) {
                McubootImage img = McubootImage.parse(in.readAllBytes());
                if (img.header().encrypted()) {
                    img = ImageEncryption.decrypt(img, DEVICE.getPrivate());
                }
                org.junit.jupiter.api.Assertions.assertTrue(ImageVerifier.verify(img, KEYS).valid(), seed);
                n++;
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(2, n);
    }
}

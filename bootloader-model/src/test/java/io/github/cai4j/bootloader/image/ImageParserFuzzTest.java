package io.github.cai4j.bootloader.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.bootloader.imgtool.DumpInfo;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * Fuzzes everything that reads an untrusted image: parsing, the TLV accessors, verification, decryption
 * and dumpinfo. The only failure allowed is an {@link ImageException}.
 */
class ImageParserFuzzTest {
    private static final KeyTable KEYS;
    private static final KeyPair DEVICE;

    static {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(42);
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), seeded);
            KEYS = KeyTable.ofPublicKeys(g.generateKeyPair().getPublic());
            DEVICE = g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void parseAndVerify(byte[] input) {
        try {
            McubootImage img = McubootImage.parse(input);
            img.securityCounter();
            img.dependencies();
            img.bootRecord();
            img.uuid(TlvType.UUID_VID);
            VerificationResult r = ImageVerifier.verify(img, KEYS);
            if (r.valid() && r.signer().isEmpty()) {
                throw new AssertionError("valid without a signer");
            }
            if (img.header().encrypted()) {
                ImageEncryption.decrypt(img, DEVICE.getPrivate());
            }
            DumpInfo.json("fuzz.bin", input);
        } catch (ImageException expected) {
            // the documented outcome for a malformed image
        }
    }
}

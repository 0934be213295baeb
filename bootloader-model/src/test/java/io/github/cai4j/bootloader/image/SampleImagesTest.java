package io.github.cai4j.bootloader.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.TestData;
import io.github.cai4j.bootloader.imgtool.DumpInfo;
import io.github.cai4j.bootloader.imgtool.KeyFiles;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every imgtool 2.4.0 sample parses, verifies with its key and dumps exactly as imgtool does. */
class SampleImagesTest {
    record Sample(String file, String key, String version) {
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("ec256-basic.signed.bin", "root-ec-p256.pem", "1.2.3+4"),
            new Sample("ec256-enc-aes128.signed.bin", "root-ec-p256.pem", "1.1.0+0"),
            new Sample("ec256-pad-confirm.signed.bin", "root-ec-p256.pem", "2.0.0+0"),
            new Sample("ec256-pubkey-bootrecord.signed.bin", "root-ec-p256.pem", "1.0.1+7"),
            new Sample("ed25519.signed.bin", "root-ed25519.pem", "0.9.0+0"),
            new Sample("rsa3072.signed.bin", "root-rsa-3072.pem", "1.6.0+0"));

    static PublicKey key(String name) throws Exception {
        return KeyFiles.readPublicKey(TestData.path(name));
    }

    static McubootImage plain(Sample s) throws Exception {
        McubootImage img = McubootImage.parse(TestData.read(s.file()));
        if (img.header().encrypted()) {
            KeyPair enc = KeyFiles.readKeyPair(TestData.path("enc-ec256-priv.pem"));
            img = ImageEncryption.decrypt(img, enc.getPrivate());
        }
        return img;
    }

    @Test
    void everySampleVerifiesWithItsKey() throws Exception {
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (Sample s : SAMPLES) {
            McubootImage img = plain(s);
            VerificationResult r = ImageVerifier.verify(img, KeyTable.ofPublicKeys(key(s.key())));
            ran++;
            if (!r.valid()) {
                failures.add(s.file() + ": " + r);
            }
            if (!img.header().version().toString().equals(s.version())) {
                failures.add(s.file() + ": version " + img.header().version());
            }
            byte[] sha = img.findUnprotected(TlvType.SHA256).orElseThrow().value();
            if (!HexFormat.of().formatHex(sha).equals(HexFormat.of().formatHex(r.digest()))) {
                failures.add(s.file() + ": digest differs from SHA256 TLV");
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(6, ran);
    }

    @Test
    void samplesDoNotVerifyWithAnotherKey() throws Exception {
        int ran = 0;
        for (Sample s : SAMPLES) {
            String other = s.key().equals("root-ed25519.pem") ? "root-ec-p256.pem" : "root-ed25519.pem";
            VerificationResult r = ImageVerifier.verify(plain(s), KeyTable.ofPublicKeys(key(other)));
            assertEquals(VerificationResult.Outcome.INVALID_SIGNATURE, r.outcome(), s.file());
            ran++;
        }
        assertEquals(6, ran);
    }

    @Test
    void keyHashOfRootKeyIsTheSpecValue() throws Exception {
        assertEquals("e30466f6b8470c1f29070b17f1e2d3e94d445e3f608087fdc711e4382bb538b6",
                HexFormat.of().formatHex(TrustedKey.of(key("root-ec-p256.pem")).keyHash()));
    }

    @Test
    void encryptedSampleDecryptsToAppBin() throws Exception {
        McubootImage enc = McubootImage.parse(TestData.read("ec256-enc-aes128.signed.bin"));
        byte[] app = TestData.read("app.bin");
        assertTrue(enc.header().encrypted());
        VerificationResult raw = ImageVerifier.verify(enc, KeyTable.ofPublicKeys(key("root-ec-p256.pem")));
        assertEquals(VerificationResult.Outcome.INVALID_HASH, raw.outcome(), "ciphertext must not match the digest");
        KeyPair device = KeyFiles.readKeyPair(TestData.path("enc-ec256-priv.pem"));
        assertArrayEquals(app, ImageEncryption.decrypt(enc, device.getPrivate()).payload());
    }

    @Test
    void dumpInfoJsonMatchesImgtool() throws Exception {
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (Sample s : SAMPLES) {
            String expected = new String(TestData.read(s.file().replace(".bin", ".dumpinfo.json")),
                    StandardCharsets.UTF_8).strip();
            String actual = DumpInfo.json(s.file(), TestData.read(s.file()));
            ran++;
            if (!expected.equals(actual)) {
                failures.add(s.file() + ":\n" + actual);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(6, ran);
    }

    @Test
    void humanDumpListsEveryTlv() throws Exception {
        int ran = 0;
        for (Sample s : SAMPLES) {
            McubootImage img = McubootImage.parse(TestData.read(s.file()));
            String text = DumpInfo.human(s.file(), TestData.read(s.file()));
            assertTrue(text.startsWith("Printing content of signed image: " + s.file()), text);
            assertTrue(text.contains("version:            " + s.version()), text);
            for (Tlv t : img.tlvs()) {
                assertTrue(text.contains(" type: " + TlvType.name(t.type()) + " (0x" + Integer.toHexString(t.type())
                        + ")"), text);
            }
            assertTrue(text.lines().allMatch(l -> !l.startsWith("####") || l.length() == 60), text);
            assertTrue(text.contains("#### End of Image "));
            ran++;
        }
        assertEquals(6, ran);
        String padded = DumpInfo.human("p", TestData.read("ec256-pad-confirm.signed.bin"));
        assertTrue(padded.contains("image_ok:    SET (0x1)") && padded.contains("boot magic:  0x77 0xc2"), padded);
    }

    @Test
    void bootRecordAndSecurityCounterDecode() throws Exception {
        McubootImage br = McubootImage.parse(TestData.read("ec256-pubkey-bootrecord.signed.bin"));
        BootRecord rec = br.bootRecord().orElseThrow();
        assertEquals("SPE", rec.swType());
        assertEquals("1.0.1", rec.version());
        assertEquals("SHA256", rec.measurementType());
        assertArrayEquals(TrustedKey.of(key("root-ec-p256.pem")).keyHash(), rec.signerId());
        assertArrayEquals(br.findProtected(TlvType.BOOT_RECORD).orElseThrow().value(), rec.encode());
        assertEquals(5L, McubootImage.parse(TestData.read("ec256-basic.signed.bin")).securityCounter().orElseThrow());
        assertEquals(1L, McubootImage.parse(TestData.read("rsa3072.signed.bin")).securityCounter().orElseThrow());
    }
}

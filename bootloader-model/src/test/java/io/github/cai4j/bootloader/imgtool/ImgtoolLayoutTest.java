package io.github.cai4j.bootloader.imgtool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.TestData;
import io.github.cai4j.bootloader.image.ImageEncryption;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.Tlv;
import io.github.cai4j.bootloader.image.TlvType;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Images signed here with the samples' options are the samples, byte for byte, once the (randomised)
 * signature is the same: re-signing with imgtool's own signature through --fix-sig must reproduce the file.
 */
class ImgtoolLayoutTest {
    record Case(String file, String key, Function<SignOptions.Builder, SignOptions.Builder> opts) {
    }

    static final List<Case> CASES = List.of(
            new Case("ec256-basic.signed.bin", "root-ec-p256.pem", b -> b.version("1.2.3+4").headerSize(0x200)
                    .slotSize(0x20000).padHeader(true).securityCounter(5)),
            new Case("ec256-pad-confirm.signed.bin", "root-ec-p256.pem", b -> b.version("2.0.0").headerSize(0x200)
                    .slotSize(0x20000).padHeader(true).pad(true).confirm(true)),
            new Case("ec256-pubkey-bootrecord.signed.bin", "root-ec-p256.pem", b -> b.version("1.0.1+7")
                    .headerSize(0x400).slotSize(0x20000).padHeader(true)
                    .publicKeyFormat(SignOptions.PublicKeyFormat.FULL).bootRecord("SPE")),
            new Case("ed25519.signed.bin", "root-ed25519.pem", b -> b.version("0.9.0").headerSize(0x200)
                    .slotSize(0x20000).padHeader(true)),
            new Case("rsa3072.signed.bin", "root-rsa-3072.pem", b -> b.version("1.6.0").headerSize(0x400)
                    .slotSize(0x20000).padHeader(true).securityCounter(1)));

    static byte[] signatureOf(byte[] sample) throws ImageException {
        for (Tlv t : McubootImage.parse(sample).tlvs()) {
            if (TlvType.isSignature(t.type())) {
                return t.value();
            }
        }
        throw new AssertionError("no signature");
    }

    @Test
    void fixedSignatureReproducesEverySampleByteForByte() throws Exception {
        byte[] app = TestData.read("app.bin");
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (Case c : CASES) {
            byte[] sample = TestData.read(c.file());
            PublicKey pub = KeyFiles.readPublicKey(TestData.path(c.key()));
            SignOptions o = c.opts().apply(SignOptions.builder()).build();
            byte[] ours = new ImageSigner().signWithFixedSignature(app, o, pub, signatureOf(sample));
            ran++;
            if (!Arrays.equals(sample, ours)) {
                failures.add(c.file() + " differs at byte " + Arrays.mismatch(sample, ours));
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(5, ran);
    }

    @Test
    void freshSignaturesMatchTheSampleLayoutAndVerify() throws Exception {
        byte[] app = TestData.read("app.bin");
        int ran = 0;
        for (Case c : CASES) {
            byte[] sample = TestData.read(c.file());
            ImageSigningKey key = KeyFiles.readSigningKey(TestData.path(c.key()));
            SignOptions o = c.opts().apply(SignOptions.builder()).build();
            byte[] ours = new ImageSigner().sign(app, o, key);
            McubootImage a = McubootImage.parse(sample);
            McubootImage b = McubootImage.parse(ours);
            assertArrayEquals(a.hashRegion(), b.hashRegion(), c.file());
            assertEquals(a.tlvs().size(), b.tlvs().size());
            for (int i = 0; i < a.tlvs().size(); i++) {
                assertEquals(a.tlvs().get(i).type(), b.tlvs().get(i).type());
                if (!TlvType.isSignature(a.tlvs().get(i).type())) {
                    assertArrayEquals(a.tlvs().get(i).value(), b.tlvs().get(i).value());
                }
            }
            assertTrue(ImageVerifier.verify(b, KeyTable.ofPublicKeys(key.publicKey())).valid(), c.file());
            assertEquals(sample.length > 0x10000, ours.length > 0x10000);
            ran++;
        }
        assertEquals(5, ran);
    }

    @Test
    void encryptedImageMatchesTheSampleLayout() throws Exception {
        byte[] app = TestData.read("app.bin");
        byte[] sample = TestData.read("ec256-enc-aes128.signed.bin");
        ECPublicKey encPub = (ECPublicKey) KeyFiles.readPublicKey(TestData.path("enc-ec256-pub.pem"));
        KeyPair device = KeyFiles.readKeyPair(TestData.path("enc-ec256-priv.pem"));
        ImageSigningKey key = KeyFiles.readSigningKey(TestData.path("root-ec-p256.pem"));
        for (int bits : new int[] {128, 256}) {
            SignOptions o = SignOptions.builder().version("1.1.0").headerSize(0x200).slotSize(0x20000)
                    .padHeader(true).encrypt(encPub).encryptKeyLength(bits).build();
            byte[] ours = new ImageSigner().sign(app, o, key);
            McubootImage b = McubootImage.parse(ours);
            McubootImage plain = ImageEncryption.decrypt(b, device.getPrivate());
            assertArrayEquals(app, plain.payload());
            assertFalse(Arrays.equals(app, b.payload()));
            assertTrue(ImageVerifier.verify(plain, KeyTable.ofPublicKeys(key.publicKey())).valid());
            assertEquals(bits == 128 ? 113 : 129, b.findUnprotected(TlvType.ENC_EC256).orElseThrow().length());
            if (bits == 128) {
                McubootImage a = ImageEncryption.decrypt(McubootImage.parse(sample), device.getPrivate());
                assertArrayEquals(a.hashRegion(), plain.hashRegion());
                assertEquals(sample.length + (b.tlvs().get(2).length() - McubootImage.parse(sample).tlvs().get(2)
                        .length()), ours.length);
            } else {
                assertEquals(0x8, b.header().flags());
            }
        }
        SignOptions clear = SignOptions.builder().version("1.1.0").headerSize(0x200).slotSize(0x20000)
                .padHeader(true).encrypt(encPub).clear(true).build();
        McubootImage c = McubootImage.parse(new ImageSigner().sign(app, clear, key));
        assertArrayEquals(app, c.payload());
        assertTrue(c.header().encrypted());
        assertTrue(ImageVerifier.verify(c, KeyTable.ofPublicKeys(key.publicKey())).valid());
    }

    @Test
    void vectorToSignAndFixSigRoundTrip() throws Exception {
        byte[] app = TestData.read("app.bin");
        KeyPair kp = KeyFiles.readKeyPair(TestData.path("root-ec-p256.pem"));
        SignOptions o = SignOptions.builder().version("1.2.3+4").headerSize(0x200).slotSize(0x20000)
                .padHeader(true).securityCounter(5).build();
        ImageSigner signer = new ImageSigner();
        byte[] payload = signer.vectorToSign(app, o, kp.getPublic(), ImageSigner.Vector.PAYLOAD);
        byte[] digest = signer.vectorToSign(app, o, kp.getPublic(), ImageSigner.Vector.DIGEST);
        byte[] sample = TestData.read("ec256-basic.signed.bin");
        McubootImage s = McubootImage.parse(sample);
        assertArrayEquals(s.hashRegion(), payload);
        assertArrayEquals(s.findUnprotected(TlvType.SHA256).orElseThrow().value(), digest);
        java.security.Signature ext = java.security.Signature.getInstance("SHA256withECDSA");
        ext.initSign(kp.getPrivate());
        ext.update(payload);
        byte[] img = signer.signWithFixedSignature(app, o, kp.getPublic(), ext.sign());
        assertTrue(ImageVerifier.verify(McubootImage.parse(img), KeyTable.ofPublicKeys(kp.getPublic())).valid());
        byte[] bad = signatureOf(sample);
        bad[10] ^= 1;
        assertThrows(ImageException.class, () -> signer.signWithFixedSignature(app, o, kp.getPublic(), bad));
    }

    @Test
    void optionsCheckedAsImgtoolDoes() throws Exception {
        byte[] app = TestData.read("app.bin");
        SignOptions tooSmall = SignOptions.builder().version("1").headerSize(0x200).slotSize(0x1000)
                .padHeader(true).build();
        ImageException e = assertThrows(ImageException.class, () -> new ImageSigner().sign(app, tooSmall, null));
        assertTrue(e.getMessage().contains("exceeds requested size 0x1000"), e.getMessage());
        SignOptions noPad = SignOptions.builder().version("1").headerSize(0x200).slotSize(0x20000).build();
        assertThrows(ImageException.class, () -> new ImageSigner().sign(app, noPad, null));
        assertThrows(IllegalArgumentException.class, () -> SignOptions.builder().version("1.x").build());
        assertThrows(IllegalArgumentException.class,
                () -> SignOptions.builder().version("1").headerSize(16).slotSize(0).build());
        assertEquals((1L << 24) + (6L << 16) + 2, SignOptions.builder().version("1.6.2+9").headerSize(32)
                .slotSize(0).securityCounterAuto().build().securityCounter().orElseThrow());
    }
}

package io.github.cai4j.bootloader.imgtool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.boot.BootConfig;
import io.github.cai4j.bootloader.boot.SlotTrailer;
import io.github.cai4j.bootloader.boot.UpgradeMode;
import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.TlvType;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --pad/--confirm/--max-align/--align/--overwrite-only trailers and the protected TLV options. */
class TrailerAndTlvOptionsTest {
    static final byte[] APP = new byte[1000];

    static SignOptions.Builder base() {
        return SignOptions.builder().version("1.2.3+4").headerSize(0x100).padHeader(true).slotSize(0x2000);
    }

    @Test
    void trailerPlacementFollowsMaxAlign() throws Exception {
        int checked = 0;
        for (int maxAlign : new int[] {8, 16, 32}) {
            byte[] img = new ImageSigner().sign(APP, base().maxAlign(maxAlign).confirm(true).build(), null);
            assertEquals(0x2000, img.length);
            byte[] magic = java.util.Arrays.copyOfRange(img, img.length - 16, img.length);
            assertArrayEquals(SlotTrailer.magicFor(maxAlign), magic);
            assertEquals(maxAlign, SlotTrailer.maxAlignOfMagic(magic));
            int magicAligned = Math.max(16, maxAlign);
            assertEquals(1, img[img.length - magicAligned - maxAlign]);
            // the bootloader's trailer reader agrees with imgtool's placement
            SlotTrailer t = new SlotTrailer(0x2000, maxAlign, 8, 3, 128, 0);
            assertEquals(img.length - magicAligned - maxAlign, t.imageOkOffset());
            String json = DumpInfo.json("x", img);
            assertTrue(json.contains("\"image_ok\": 1"), json);
            checked++;
        }
        assertEquals(3, checked);
        assertEquals("10002de15d29410b8d77679c110f1f8a", HexFormat.of().formatHex(SlotTrailer.magicFor(16)));
        byte[] ow = new ImageSigner().sign(APP, base().overwriteOnly(true).confirm(true).build(), null);
        assertEquals((byte) 0xff, ow[ow.length - 24], "overwrite-only never sets image_ok");
    }

    @Test
    void trailerSizeLimitsTheImage() throws Exception {
        SignOptions probe = base().align(4).slotSize(0).build();
        int imageLen = new ImageSigner().sign(APP, probe, null).length;
        int trailer = 128 * 3 * 4 + 4 * 8 + 16;
        assertEquals(trailer, base().align(4).build().trailerSize(0));
        new ImageSigner().sign(APP, base().align(4).slotSize(imageLen + trailer).build(), null);
        ImageException e = assertThrows(ImageException.class,
                () -> new ImageSigner().sign(APP, base().align(4).slotSize(imageLen + trailer - 1).build(), null));
        assertTrue(e.getMessage().startsWith("Image size (0x"), e.getMessage());
        assertEquals(2 * 8 + 16, base().overwriteOnly(true).build().trailerSize(0));
        BootConfig cfg = BootConfig.builder(UpgradeMode.SWAP_SCRATCH, KeyTable.of()).build();
        assertEquals(trailer, cfg.trailer(0x2000, 4).trailerSize(), "bootloader and imgtool agree");
    }

    @Test
    void protectedTlvOptionsInImgtoolOrder() throws Exception {
        KeyPair kp = KeyFiles.generate(KeyFiles.KeyType.ED25519, new SecureRandom());
        SignOptions o = base().securityCounterAuto().bootRecord("NSPE")
                .dependency(new Dependency(1, ImageVersion.parse("1.2.3+4")))
                .dependency(new Dependency(2, ImageVersion.parse("0.1")))
                .customTlv(0xa0, new byte[] {1, 2}).build();
        McubootImage img = McubootImage.parse(new ImageSigner().sign(APP, o,
                ImageSigningKey.of(kp.getPrivate(), kp.getPublic())));
        List<Integer> types = img.protectedTlvs().stream().map(t -> t.type()).toList();
        assertEquals(List.of(TlvType.SEC_CNT, TlvType.BOOT_RECORD, TlvType.DEPENDENCY, TlvType.DEPENDENCY, 0xa0), types);
        assertEquals((1L << 24) + (2L << 16) + 3, img.securityCounter().orElseThrow());
        assertEquals("010000000102030004000000", HexFormat.of().formatHex(img.protectedTlvs().get(2).value()));
        assertEquals(List.of(new Dependency(1, ImageVersion.parse("1.2.3+4")),
                new Dependency(2, ImageVersion.parse("0.1.0"))), img.dependencies());
        assertEquals("NSPE", img.bootRecord().orElseThrow().swType());
        assertEquals("1.2.3", img.bootRecord().orElseThrow().version());
        assertTrue(io.github.cai4j.bootloader.image.ImageVerifier.verify(img,
                KeyTable.ofPublicKeys(kp.getPublic())).valid());
        assertThrows(IllegalArgumentException.class, () -> base().bootRecord("THIRTEEN-CHAR").build());
        assertThrows(IllegalArgumentException.class, () -> base().customTlv(0x10, new byte[1]).build());
    }

    @Test
    void nothingSecretInToString() throws Exception {
        KeyPair kp = KeyFiles.generate(KeyFiles.KeyType.ECDSA_P256, new SecureRandom());
        String enc = HexFormat.of().formatHex(kp.getPrivate().getEncoded());
        BootConfig cfg = BootConfig.builder(UpgradeMode.SWAP_MOVE, KeyTable.ofPublicKeys(kp.getPublic()))
                .encryptionKey(kp.getPrivate()).build();
        for (String s : new String[] {cfg.toString(), ImageSigningKey.of(kp.getPrivate(), kp.getPublic()).toString(),
            KeyTable.ofPublicKeys(kp.getPublic()).toString()}) {
            assertFalse(s.contains(enc.substring(enc.length() - 40)), s);
            assertFalse(s.toLowerCase(java.util.Locale.ROOT).contains("private"), s);
        }
    }
}

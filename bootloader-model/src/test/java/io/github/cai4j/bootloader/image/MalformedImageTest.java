package io.github.cai4j.bootloader.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.TestData;
import io.github.cai4j.bootloader.imgtool.DumpInfo;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed images end in an ImageException naming an offset, never a runtime exception. */
class MalformedImageTest {

    @Test
    void everyTruncationIsRefusedWithAnOffset() throws Exception {
        byte[] img = TestData.read("ec256-pubkey-bootrecord.signed.bin");
        int ran = 0;
        for (int len = 0; len < img.length; len++) {
            byte[] cut = Arrays.copyOf(img, len);
            ImageException e = assertThrows(ImageException.class, () -> McubootImage.parse(cut), "length " + len);
            assertTrue(e.offset() >= 0 && e.offset() <= img.length, e.getMessage());
            assertTrue(e.getMessage().contains("offset 0x"), e.getMessage());
            ran++;
        }
        assertEquals(img.length, ran);
    }

    @Test
    void wrongMagicOverlapAndOverrun() throws Exception {
        byte[] img = TestData.read("ec256-basic.signed.bin");
        byte[] magic = img.clone();
        magic[0] ^= 1;
        assertEquals(0, assertThrows(ImageException.class, () -> McubootImage.parse(magic)).offset());

        int prot = 0x200 + 0x1000;
        byte[] overlap = img.clone();
        overlap[prot + 4 + 2] = 9; // SEC_CNT length 4 -> 9 runs into the unprotected area
        ImageException e = assertThrows(ImageException.class, () -> McubootImage.parse(overlap));
        assertEquals(prot + 6, e.offset());
        assertTrue(e.getMessage().contains("overlapping"), e.getMessage());

        byte[] protSize = img.clone();
        protSize[10] = 16;
        assertThrows(ImageException.class, () -> McubootImage.parse(protSize));

        byte[] overrun = img.clone();
        overrun[prot + 12 + 2] = (byte) 0xff; // unprotected it_tlv_tot far past the end
        assertEquals(prot + 14, assertThrows(ImageException.class, () -> McubootImage.parse(overrun)).offset());

        byte[] bigPayload = img.clone();
        bigPayload[14] = 0x10;
        assertEquals(12, assertThrows(ImageException.class, () -> McubootImage.parse(bigPayload)).offset());

        byte[] tlvMagic = img.clone();
        tlvMagic[prot + 12] = 0;
        assertEquals(prot + 12, assertThrows(ImageException.class, () -> McubootImage.parse(tlvMagic)).offset());
    }

    @Test
    void randomCorruptionNeverThrowsRuntimeExceptions() throws Exception {
        byte[] img = TestData.read("ec256-pubkey-bootrecord.signed.bin");
        McubootImage good = McubootImage.parse(img);
        KeyTable keys = KeyTable.ofPublicKeys(
                io.github.cai4j.bootloader.imgtool.KeyFiles.readPublicKey(TestData.path("root-ec-p256.pem")));
        Random r = new Random(12);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] m = img.clone();
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int pos = r.nextInt(10) < 7 ? good.payloadEnd() + r.nextInt(img.length - good.payloadEnd())
                        : r.nextInt(32);
                m[pos] = (byte) r.nextInt(256);
            }
            try {
                McubootImage p = McubootImage.parse(m);
                ImageVerifier.verify(p, keys);
                p.bootRecord();
                p.securityCounter();
                p.dependencies();
                DumpInfo.json("x", m);
                parsed++;
            } catch (ImageException e) {
                assertTrue(e.offset() >= -1);
                refused++;
            }
        }
        assertEquals(3000, parsed + refused);
        assertTrue(refused > 100 && parsed > 100, parsed + "/" + refused);
    }
}

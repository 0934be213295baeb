package io.github.cai4j.bootloader.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.KeyFiles;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrong key, flipped bits, missing hash, signature before KEYHASH: each refused with a clear reason. */
class BadImageTest {
    static KeyPair signer;
    static KeyPair other;
    static McubootImage good;
    static KeyTable table;

    @BeforeAll
    static void sign() throws Exception {
        SecureRandom rnd = new SecureRandom();
        signer = KeyFiles.generate(KeyFiles.KeyType.ECDSA_P256, rnd);
        other = KeyFiles.generate(KeyFiles.KeyType.ECDSA_P256, rnd);
        byte[] app = new byte[777];
        rnd.nextBytes(app);
        SignOptions o = SignOptions.builder().version("1.0.0").headerSize(0x80).padHeader(true).slotSize(0)
                .securityCounter(3).build();
        good = McubootImage.parse(new ImageSigner(rnd).sign(app, o,
                ImageSigningKey.of(signer.getPrivate(), signer.getPublic())));
        table = KeyTable.ofPublicKeys(signer.getPublic());
    }

    /** Rebuilds the image with another unprotected TLV list. */
    static McubootImage withTlvs(List<Tlv> tlvs) throws ImageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(good.hashRegion());
        int total = 4;
        for (Tlv t : tlvs) {
            total += t.encodedSize();
        }
        out.write(0x07);
        out.write(0x69);
        out.write(total);
        out.write(total >>> 8);
        for (Tlv t : tlvs) {
            out.write(t.type());
            out.write(t.type() >>> 8);
            out.write(t.length());
            out.write(t.length() >>> 8);
            out.writeBytes(t.value());
        }
        return McubootImage.parse(out.toByteArray());
    }

    @Test
    void eachBadImageIsRefusedWithAReason() throws Exception {
        assertTrue(ImageVerifier.verify(good, table).valid());
        List<Tlv> t = good.tlvs();
        record Bad(String name, McubootImage image, VerificationResult.Outcome expected, String reason) {
        }
        byte[] payloadFlip = good.bytes();
        payloadFlip[0x80 + 100] ^= 0x10;
        byte[] protFlip = good.bytes();
        protFlip[good.payloadEnd() + 8] ^= 1; // SEC_CNT value
        byte[] hashFlip = good.bytes();
        hashFlip[t.get(0).offset() + 4 + 7] ^= 1;
        byte[] sigFlip = good.bytes();
        sigFlip[t.get(2).offset() + 4 + 20] ^= 1;
        List<Bad> cases = List.of(
                new Bad("wrong key", good, VerificationResult.Outcome.INVALID_SIGNATURE, "names no key"),
                new Bad("flipped payload bit", McubootImage.parse(payloadFlip),
                        VerificationResult.Outcome.INVALID_HASH, "differs"),
                new Bad("flipped protected TLV bit", McubootImage.parse(protFlip),
                        VerificationResult.Outcome.INVALID_HASH, "differs"),
                new Bad("flipped hash TLV bit", McubootImage.parse(hashFlip),
                        VerificationResult.Outcome.INVALID_HASH, "differs"),
                new Bad("flipped signature bit", McubootImage.parse(sigFlip),
                        VerificationResult.Outcome.INVALID_SIGNATURE, "does not verify"),
                new Bad("missing hash", withTlvs(List.of(t.get(1), t.get(2))),
                        VerificationResult.Outcome.MISSING_HASH, "no SHA256"),
                new Bad("signature before KEYHASH", withTlvs(List.of(t.get(0), t.get(2), t.get(1))),
                        VerificationResult.Outcome.INVALID_SIGNATURE, "not preceded by a KEYHASH"),
                new Bad("signature before hash", withTlvs(List.of(t.get(1), t.get(2), t.get(0))),
                        VerificationResult.Outcome.INVALID_SIGNATURE, "precedes the hash"),
                new Bad("protected-only TLV in unprotected area",
                        withTlvs(List.of(t.get(0), t.get(1), t.get(2), Tlv.of(TlvType.SEC_CNT, new byte[4]))),
                        VerificationResult.Outcome.BAD_TLV, "not allowed"));
        List<String> failures = new ArrayList<>();
        for (Bad b : cases) {
            KeyTable keys = b.name().equals("wrong key") ? KeyTable.ofPublicKeys(other.getPublic()) : table;
            VerificationResult r = ImageVerifier.verify(b.image(), keys);
            if (r.outcome() != b.expected() || !r.reason().contains(b.reason())) {
                failures.add(b.name() + ": " + r);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(9, cases.size());
    }
}

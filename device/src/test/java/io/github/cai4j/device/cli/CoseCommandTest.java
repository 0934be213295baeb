package io.github.cai4j.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cai4j verify} and {@code cai4j cose check-example}, called in-process. */
class CoseCommandTest {
    @TempDir
    Path tmp;

    @Test
    void verifyPrintsTheFirmwarePayloadAndExitsByValidity() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        CoseKey key = CoseKey.fromKeyPair(kp);
        byte[] msg = FirmwareSign1.sign(FirmwarePayload.encodeCbor(Float.intBitsToFloat(0x3c8ace2c), 0, 1),
                EcdsaSigner.of(key));
        Path pem = tmp.resolve("device.pem");
        Files.writeString(pem, Pem.encodePublicKey(kp.getPublic()), StandardCharsets.US_ASCII);
        Path bin = tmp.resolve("result.cose");
        Files.write(bin, msg);

        ModelCommandTest.Run ok = ModelCommandTest.run("verify", "--pubkey", pem.toString(), bin.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("signature: valid"), ok.out());
        assertTrue(ok.out().contains("value: 0.016944 (bits 0x3c8ace2c)"), ok.out());
        assertTrue(ok.out().contains("counter: 1"), ok.out());

        String point = HexFormat.of().formatHex(key.uncompressedPoint());
        byte[] bad = msg.clone();
        bad[bad.length - 1] ^= 1;
        ModelCommandTest.Run no = ModelCommandTest.run("verify", "--pubkey", point, HexFormat.of().formatHex(bad));
        assertEquals(1, no.code(), no.out());
        assertTrue(no.out().contains("signature: INVALID"), no.out());

        ModelCommandTest.Run junk = ModelCommandTest.run("verify", "--pubkey", point, "a1");
        assertEquals(1, junk.code());
        assertTrue(junk.err().startsWith("cai4j: COSE_Sign1"), junk.err());
    }

    @Test
    void checkExamplePrintsOneLinePerFileAndASummary() throws Exception {
        Path sign = ModelCommandTest.testdata("cose-examples/sign1-tests/sign-pass-02.json");
        Path ccm = ModelCommandTest.testdata("cose-examples/RFC8152/Appendix_C_3_2.json");
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, Files.readString(sign).replace("\"cbor\":\"D2", "\"cbor\":\"D3"));
        ModelCommandTest.Run r = ModelCommandTest.run("cose", "check-example", sign.toString(), ccm.toString(),
                broken.toString());
        assertEquals(1, r.code(), r.out());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].startsWith("PASS " + sign), lines[0]);
        assertTrue(lines[1].startsWith("SKIP " + ccm + " algorithm AES-CCM"), lines[1]);
        assertTrue(lines[2].startsWith("FAIL " + broken), lines[2]);
        assertEquals("1 passed, 1 failed, 1 skipped", lines[3]);
    }
}

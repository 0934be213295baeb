package io.github.cai4j.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.attestation.AttestationClient;
import io.github.cai4j.attestation.AttestationConfig;
import io.github.cai4j.attestation.InitialAttestationPartition;
import io.github.cai4j.attestation.SoftwareComponent;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.Pem;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cai4j attest verify} on tokens from a real attestation partition, and the token printout. */
class AttestCommandTest {
    private static final byte[] CHALLENGE = new byte[32];
    private static byte[] token;
    private static byte[] point;

    @TempDir
    Path tmp;

    @BeforeAll
    static void token() throws Exception {
        for (int i = 0; i < CHALLENGE.length; i++) {
            CHALLENGE[i] = (byte) (i * 13 + 1);
        }
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new CryptoPartition(HukSource.dummy()));
        gate.register(new InitialAttestationPartition(AttestationConfig.defaults(), List.of(new SoftwareComponent(
                "MODEL", new byte[32], "1.0.0", new byte[32], "SHA256"))));
        gate.start();
        AttestationClient ns = new AttestationClient(gate.nonSecureClient());
        token = ns.getToken(CHALLENGE);
        point = ns.attestationPublicKey();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cai4jCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString().replace("\r", ""), err.toString().replace("\r", ""));
    }

    private Path pem() throws Exception {
        Path p = tmp.resolve("iak.pem");
        Files.writeString(p, Pem.encodePublicKey(CoseKey.ec2Point(Curve.P_256, point).toPublicKey()),
                StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void validTokenIsVerifiedAndItsClaimsPrinted() throws Exception {
        HexFormat hex = HexFormat.of();
        Run r = run("attest", "verify", "--iak", pem().toString(), "--challenge", hex.formatHex(CHALLENGE),
                hex.formatHex(token));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Token verified (tag:psacertified.org,2023:psa#tfm)\n"), r.out());
        assertTrue(r.out().contains("  nonce: " + hex.formatHex(CHALLENGE) + "\n"), r.out());
        assertTrue(r.out().contains("  client id: -1\n"), r.out());
        assertTrue(r.out().contains("  software component MODEL 1.0.0: SHA256 "), r.out());
        // the token may also come from a binary file
        Path file = tmp.resolve("token.cbor");
        Files.write(file, token);
        assertEquals(0, run("attest", "verify", "--iak", pem().toString(), "--challenge",
                hex.formatHex(CHALLENGE), file.toString()).code());
    }

    @Test
    void rejectedTokenListsEveryFailureAndExitsOne() throws Exception {
        byte[] other = CHALLENGE.clone();
        other[0] ^= 1;
        Run r = run("attest", "verify", "--iak", pem().toString(), "--challenge", HexFormat.of().formatHex(other),
                HexFormat.of().formatHex(token));
        assertEquals(1, r.code());
        assertEquals("FAILED NONCE_MISMATCH nonce (10): is not the challenge sent\n", r.out());
        assertEquals("cai4j: attestation token rejected (1 failure)\n", r.err());
        Run legacy = run("attest", "verify", "--iak", pem().toString(), "--profile", "legacy", "--challenge",
                HexFormat.of().formatHex(CHALLENGE), HexFormat.of().formatHex(token));
        assertEquals(1, legacy.code());
        assertTrue(legacy.out().contains("FAILED PROFILE_MISMATCH"), legacy.out());
    }

    @Test
    void malformedInputIsOneErrorLine() throws Exception {
        Run r = run("attest", "verify", "--iak", pem().toString(), "--challenge",
                HexFormat.of().formatHex(CHALLENGE), "a0");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cai4j: token: ") && r.err().indexOf('\n') == r.err().length() - 1, r.err());
        r = run("attest", "verify", "--iak", pem().toString(), "--challenge", "0011", HexFormat.of().formatHex(token));
        assertEquals(1, r.code());
        assertEquals("cai4j: the challenge is 2 bytes; it must be 32, 48 or 64\n", r.err());
        r = run("attest", "verify", "--iak", tmp.resolve("missing.pem").toString(), "--challenge",
                HexFormat.of().formatHex(CHALLENGE), HexFormat.of().formatHex(token));
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cai4j: --iak: no such file"), r.err());
    }

    @Test
    void tokenPrintoutHasHexDiagnosticNotationAndThePem() throws Exception {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            AttestCommand.printToken(w, CHALLENGE, token, point);
        }
        String out = s.toString().replace("\r", "");
        String hex = HexFormat.of().formatHex(token);
        assertTrue(out.startsWith("Challenge: " + HexFormat.of().formatHex(CHALLENGE) + "\nToken (" + token.length
                + " bytes):\n" + hex.substring(0, 64) + "\n"), out);
        assertTrue(out.contains("\nCOSE_Sign1: 18([h'A10126', {}, h'"), out);
        String nonce = HexFormat.of().withUpperCase().formatHex(CHALLENGE);
        assertTrue(out.contains("\nClaims: {10: h'" + nonce + "', "), out);
        assertTrue(out.contains(", 265: \"tag:psacertified.org,2023:psa#tfm\", 2394: -1, "), out);
        assertTrue(out.contains("-----BEGIN PUBLIC KEY-----\n"), out);
        assertTrue(out.endsWith("-----END PUBLIC KEY-----\n"), out);
    }
}

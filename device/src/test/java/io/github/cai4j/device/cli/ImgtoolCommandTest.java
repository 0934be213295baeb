package io.github.cai4j.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cai4j imgtool}: sign, verify and dumpinfo behave as imgtool does on the shared samples. */
class ImgtoolCommandTest {
    @TempDir
    Path tmp;

    static Path samples() {
        String base = System.getProperty("cai4j.testdata");
        Path dir = base == null ? null : Path.of(base, "mcuboot");
        if (dir == null || !Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("testdata/mcuboot missing");
            }
            Assumptions.abort("testdata/mcuboot not available");
        }
        return dir;
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
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void signVerifyAndDumpinfo() throws Exception {
        Path s = samples();
        Path out = tmp.resolve("out.bin");
        Run sign = run("imgtool", "sign", "-k", s.resolve("root-ec-p256.pem").toString(), "--version", "1.2.3+4",
                "--header-size", "0x200", "--slot-size", "0x20000", "--pad-header", "--security-counter", "5",
                s.resolve("app.bin").toString(), out.toString());
        assertEquals(0, sign.code(), sign.err());
        Run ok = run("imgtool", "verify", "-k", s.resolve("root-ec-p256.pem").toString(), out.toString());
        assertEquals(0, ok.code());
        assertEquals("Image was correctly validated\nImage version: 1.2.3+4\nImage digest: "
                + "24089e888a7506f435b693351c3a9c6b55aedc2ad62091a3aca3cdfe3816c7a9\n", ok.out().replace("\r", ""));
        Run bad = run("imgtool", "verify", "-k", s.resolve("root-ed25519.pem").toString(), out.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.out().startsWith("No signature found for the given key"), bad.out());
        int dumps = 0;
        for (String f : new String[] {"ec256-basic", "ec256-enc-aes128", "ec256-pad-confirm",
            "ec256-pubkey-bootrecord", "ed25519", "rsa3072"}) {
            Run d = run("imgtool", "dumpinfo", "-f", "json", s.resolve(f + ".signed.bin").toString());
            assertEquals(0, d.code());
            assertEquals(Files.readString(s.resolve(f + ".signed.dumpinfo.json"), StandardCharsets.UTF_8).strip(),
                    d.out().strip(), f);
            dumps++;
        }
        assertEquals(6, dumps);
    }

    @Test
    void twoStepExternalSigning() throws Exception {
        Path s = samples();
        Path digest = tmp.resolve("digest.bin");
        String[] common = {"--version", "1.2.3+4", "--header-size", "0x200", "--slot-size", "0x20000",
            "--pad-header", "--security-counter", "5"};
        String[] a = concat(new String[] {"imgtool", "sign", "--vector-to-sign", "payload", "--fix-sig-pubkey",
            s.resolve("root-ec-p256.pem").toString()}, common, new String[] {s.resolve("app.bin").toString(),
                digest.toString()});
        assertEquals(0, run(a).code());
        var kp = io.github.cai4j.bootloader.imgtool.KeyFiles.readKeyPair(s.resolve("root-ec-p256.pem"));
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initSign(kp.getPrivate());
        sig.update(Files.readAllBytes(digest));
        Path sigFile = tmp.resolve("sig.b64");
        Files.writeString(sigFile, java.util.Base64.getEncoder().encodeToString(sig.sign()));
        Path img = tmp.resolve("img.bin");
        String[] b = concat(new String[] {"imgtool", "sign", "--fix-sig", sigFile.toString(), "--fix-sig-pubkey",
            s.resolve("root-enc-dummy").toString()}, common, new String[] {s.resolve("app.bin").toString(),
                img.toString()});
        b[5] = s.resolve("root-ec-p256.pem").toString();
        assertEquals(0, run(b).code());
        assertEquals(0, run("imgtool", "verify", "-k", s.resolve("root-ec-p256.pem").toString(), img.toString())
                .code());
    }

    @Test
    void errorsAreOneLine() {
        Run r = run("imgtool", "verify", tmp.resolve("missing.bin").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cai4j: Image file not found"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}

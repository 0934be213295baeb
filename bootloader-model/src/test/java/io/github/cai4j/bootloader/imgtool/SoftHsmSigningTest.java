package io.github.cai4j.bootloader.imgtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.TlvType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-step external signing through a PKCS#11 token (SoftHSM2 via SunPKCS11): the key never leaves the
 * token and the image verifies with its public key. Needs Debian's {@code softhsm2}; fails on CI without it.
 */
class SoftHsmSigningTest {
    @TempDir
    Path tmp;

    static Path library() {
        for (String p : new String[] {"/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so"}) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("SoftHSM2 (Debian package softhsm2) is not installed");
        }
        Assumptions.abort("SoftHSM2 is not installed");
        return null;
    }

    private String run(Path conf, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, p.exitValue(), cmd + ":\n" + out);
        return out;
    }

    @Test
    void signsThroughSunPkcs11() throws Exception {
        Path lib = library();
        Path tokens = Files.createDirectories(tmp.resolve("tokens"));
        Path conf = tmp.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        run(conf, List.of("softhsm2-util", "--init-token", "--free", "--label", "cai4j", "--pin", "1234",
                "--so-pin", "5678"));
        byte[] app = new byte[3000];
        for (int i = 0; i < app.length; i++) {
            app[i] = (byte) i;
        }
        Path in = tmp.resolve("app.bin");
        Files.write(in, app);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> algs = new ArrayList<>();
        for (String alg : new String[] {"ec", "rsa"}) {
            Path out = tmp.resolve(alg + ".signed.bin");
            Path pub = tmp.resolve(alg + ".pub.pem");
            run(conf, List.of(java, "-cp", System.getProperty("java.class.path"), SoftHsmSigner.class.getName(),
                    lib.toString(), "1234", alg, in.toString(), out.toString(), pub.toString()));
            McubootImage img = McubootImage.parse(Files.readAllBytes(out));
            assertTrue(ImageVerifier.verify(img, KeyTable.ofPublicKeys(KeyFiles.readPublicKey(pub))).valid(), alg);
            assertEquals(alg.equals("ec") ? TlvType.ECDSA_SIG : TlvType.RSA2048_PSS, img.tlvs().get(2).type());
            algs.add(alg);
        }
        assertEquals(List.of("ec", "rsa"), algs);
    }
}

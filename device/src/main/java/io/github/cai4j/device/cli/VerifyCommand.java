package io.github.cai4j.device.cli;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cai4j verify}: checks a device's COSE_Sign1 and prints the decoded inference payload. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a COSE_Sign1 from a device and print its payload (exit 0 valid, 1 invalid).")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pubkey", required = true, paramLabel = "<PEM file|hex 04...>",
            description = "The device public key: a PEM public key or certificate file, or the hex point 04||X||Y.")
    String pubkey;

    @Parameters(index = "0", paramLabel = "<file|hex>", description = "The COSE_Sign1: a binary or hex file, or hex.")
    String message;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CoseVerifier verifier = verifier(pubkey);
        Sign1Message m = Sign1Message.decode(bytes(message, "message"));
        boolean valid = m.verify(verifier);
        out.println("signature: " + (valid ? "valid" : "INVALID") + " (" + m.algorithm().displayName() + ")");
        byte[] payload = m.payload().orElseThrow(() -> new CoseException("COSE_Sign1: the payload is detached"));
        try {
            FirmwarePayload p = FirmwarePayload.decode(payload);
            out.println(String.format(Locale.ROOT, "value: %f (bits 0x%08x)", p.value(),
                    Float.floatToRawIntBits(p.value())));
            p.counters().ifPresent(c -> {
                out.println("rollover: " + c.rollover());
                out.println("counter: " + c.counter());
            });
        } catch (CoseException e) {
            out.println("payload: " + HexFormat.of().formatHex(payload));
        }
        out.flush();
        return valid ? 0 : 1;
    }

    static CoseVerifier verifier(String arg) throws CoseException, IOException {
        Path p = Path.of(arg);
        if (Files.isRegularFile(p)) {
            String text = Files.readString(p, StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN")) {
                return CoseVerifier.forPublicKey(Pem.publicKey(text));
            }
            return EcdsaVerifier.of(Curve.P_256, hex(text.strip(), "public key"));
        }
        return EcdsaVerifier.of(Curve.P_256, hex(arg, "public key"));
    }

    /** A file's bytes (hex text in a file is decoded), or the argument as hex. */
    static byte[] bytes(String arg, String what) throws CoseException, IOException {
        Path p = Path.of(arg);
        if (Files.isRegularFile(p)) {
            byte[] b = Files.readAllBytes(p);
            String t = new String(b, StandardCharsets.ISO_8859_1).strip();
            if (!t.isEmpty() && t.matches("(?s)[0-9a-fA-F\\s]+") && t.replaceAll("\\s", "").length() % 2 == 0) {
                return hex(t, what);
            }
            return b;
        }
        return hex(arg, what);
    }

    static byte[] hex(String s, String what) throws CoseException {
        String t = s.replaceAll("\\s", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        try {
            return HexFormat.of().parseHex(t);
        } catch (IllegalArgumentException e) {
            throw new CoseException(what + " is neither a readable file nor hex");
        }
    }
}

package io.github.cai4j.device.shell;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.device.Device;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.psa.PsaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The firmware's non-secure shell ({@code keys …}, {@code info …}, {@code infer model|get|token}) over a
 * simulated {@link Device}. Output lines are the firmware's ({@code spec/firmware.md} §3.3, §8.2); after each
 * {@code infer get} result one machine-readable line follows:
 * {@code result: deg=<d> value=<float> bits=0x<8 hex> [rollover=<n> counter=<n>] encoded=<hex>}.
 */
public final class DeviceShell {
    /** COSE_Encrypt0 goes beyond the firmware: its first result of a boot carries the session key message. */
    private static final int ENCRYPT0_BUFFER = 1024;
    /** {@code keys ca <id>}: sends a key's CSR to a bootstrap server (networking builds only). */
    @FunctionalInterface
    public interface CertificateAuthority {
        List<String> keysCa(String... args);
    }

    private final Device device;
    private final CertificateAuthority ca;

    public DeviceShell(Device device) {
        this(device, null);
    }

    /** A shell whose {@code keys ca} reaches {@code ca} (null: no bootstrap server configured). */
    public DeviceShell(Device device, CertificateAuthority ca) {
        this.device = device;
        this.ca = ca;
    }

    /** Runs one command line and returns what the shell prints. */
    public List<String> execute(String line) {
        List<String> words = split(line);
        if (words.isEmpty()) {
            return List.of();
        }
        if (words.get(0).equals("help")) {
            return help();
        }
        if (words.get(0).equals("infer")) {
            return infer(words);
        }
        if (words.size() >= 2 && words.get(0).equals("keys") && words.get(1).equals("ca")) {
            if (ca == null) {
                return error("keys ca needs a bootstrap server: start one with 'cai4j cloud ca --dir <d>' and give"
                        + " the shell --bootstrap-url <url> --bootstrap-dir <d>");
            }
            return ca.keysCa(words.subList(2, words.size()).toArray(new String[0]));
        }
        if (words.get(0).equals("keys") || words.get(0).equals("info")) {
            List<String> out = device.nonSecure().hukShell().execute(words);
            if (out != null) {
                return out;
            }
            return words.size() < 2 ? List.of(words.get(0) + ": missing subcommand", "")
                    : error("invalid argument \"" + words.get(1) + "\"");
        }
        return List.of(words.get(0) + ": command not found", "");
    }

    private static List<String> help() {
        return List.of(
                "Available commands:",
                "  info   : Device information (info uuid | info version)",
                "  keys   : Key management (keys status | keys public [<id>] | keys csr <PEM|JSON> <id> | keys ca <id>"
                        + " | keys cert <id>)",
                "  infer  : Inference engine (infer model | infer get <model> <format> <start> [stop] [stride]"
                        + " | infer token)",
                "  help   : This text",
                "  exit   : Leave the shell");
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String w : line.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ infer

    private List<String> infer(List<String> words) {
        if (words.size() < 2) {
            return List.of("infer: missing subcommand (model, get, token)", "");
        }
        return switch (words.get(1)) {
            case "model" -> inferModel(words);
            case "get" -> inferGet(words.subList(2, words.size()));
            case "token" -> inferToken();
            default -> error("invalid argument \"" + words.get(1) + "\"");
        };
    }

    private static List<String> inferModel(List<String> words) {
        if (words.size() > 2) {
            return error("too many arguments \"" + words.get(2) + "\"");
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "| %-15s| %-12s | %-8s |", "Model Label", "Model ID", "Status"));
        for (SineModel m : SineModel.values()) {
            out.add(String.format(Locale.ROOT, "| %-15s| 0x%-10x | %-8s |", m.label(), m.sid(), "Active"));
        }
        return out;
    }

    private List<String> inferToken() {
        try {
            byte[] token = device.nonSecure().applicationAttestationToken();
            List<String> out = new ArrayList<>();
            out.add("AAT token:");
            out.addAll(ShellHexdump.lines(token));
            return out;
        } catch (PsaException e) {
            return error("Failed to get the application attestation token: \"" + e.statusValue() + "\"");
        }
    }

    private List<String> inferGet(List<String> args) {
        if (args.isEmpty()) {
            List<String> out = new ArrayList<>();
            out.add("Run inference on a model: infer get <model> <format> <start> [stop] [stride]");
            out.add("  Models:");
            for (SineModel m : SineModel.values()) {
                out.add("    -" + m.label());
            }
            out.add("  Formats: CBOR, SIGN1, ENCRYPT0");
            return out;
        }
        Optional<SineModel> model = Arrays.stream(SineModel.values()).filter(m -> m.label().equals(args.get(0)))
                .findFirst();
        if (model.isEmpty()) {
            return error("invalid argument \"" + args.get(0) + "\"");
        }
        if (args.size() < 2) {
            return error("missing argument: \"format\"");
        }
        EncodingFormat format;
        switch (args.get(1)) {
            case "CBOR" -> format = EncodingFormat.CBOR;
            case "SIGN1" -> format = EncodingFormat.COSE_SIGN1;
            case "ENCRYPT0" -> format = EncodingFormat.COSE_ENCRYPT0;
            default -> {
                return error("invalid argument \"" + args.get(1) + "\"");
            }
        }
        if (args.size() < 3) {
            return error("missing argument: \"start\"");
        }
        if (args.size() > 5) {
            return error("too many arguments \"" + args.get(5) + "\"");
        }
        Optional<Float> start = parseDegrees(args.get(2));
        if (start.isEmpty()) {
            return error("invalid argument \"" + args.get(2) + "\"");
        }
        float stop = start.get();
        if (args.size() >= 4) {
            Optional<Float> s = parseDegrees(args.get(3));
            if (s.isEmpty()) {
                return error("invalid argument \"" + args.get(3) + "\"");
            }
            stop = s.get();
        }
        float stride = 1.0f;
        if (args.size() == 5) {
            Optional<Float> s = parseFloat(args.get(4));
            if (s.isEmpty() || s.get() == 0.0f || !(start.get() + s.get() <= stop)) {
                return error("invalid argument \"" + args.get(4) + "\"");
            }
            stride = s.get();
        }
        List<String> out = new ArrayList<>();
        out.add("Start: " + CFormat.fixed(start.get(), 2) + " End: " + CFormat.fixed(stop, 2) + " stride: "
                + CFormat.fixed(stride, 2));
        InferenceClient client = device.nonSecure().inference();
        String label = args.get(1);
        int steps = 0;
        for (float deg = start.get(); deg <= stop; deg += stride) {
            if (++steps > 360 * 100) {
                out.addAll(error("too many steps"));
                break;
            }
            try {
                float x = InferenceClient.radians(deg);
                byte[] encoded = client.inferRaw(model.get().sid(), format.value(), model.get().modelName(), x,
                        format == EncodingFormat.COSE_ENCRYPT0 ? ENCRYPT0_BUFFER : InferenceClient.OUTPUT_BUFFER_SIZE);
                out.add(label + " encoded inference value:");
                out.addAll(ShellHexdump.lines(encoded));
                float value = InferenceClient.decodeValue(encoded, format);
                double exact = Math.sin((double) x);
                out.add("Model: Sine of " + CFormat.fixed(deg, 2) + " deg is: " + CFormat.fixed(value) + "\t"
                        + "C Mathlib: Sine of " + CFormat.fixed(deg, 2) + " deg is: " + CFormat.fixed(exact) + "\t"
                        + "Deviation: " + CFormat.fixed(Math.abs(exact - value)));
                out.add("  (the firmware prints Deviation: fabs(sin(" + CFormat.fixed(deg, 2)
                        + ") - model) = " + CFormat.fixed(Math.abs(Math.sin(deg) - value))
                        + ", taking the degrees as radians)");
                out.add(resultLine(deg, value, format, encoded));
            } catch (PsaException e) {
                out.add("Error: Failed to get encoded inference output: \"" + e.statusValue() + "\"");
                out.add("");
                break;
            }
        }
        return out;
    }

    private static String resultLine(float deg, float value, EncodingFormat format, byte[] encoded) {
        StringBuilder sb = new StringBuilder("result: deg=").append(Float.toString(deg))
                .append(" value=").append(Float.toString(value))
                .append(String.format(Locale.ROOT, " bits=0x%08x", Float.floatToRawIntBits(value)));
        if (format == EncodingFormat.COSE_SIGN1) {
            try {
                byte[] payload = Sign1Message.decode(encoded).payload()
                        .orElseThrow(() -> new CoseException("COSE_Sign1 without payload"));
                FirmwarePayload p = FirmwarePayload.decode(payload);
                p.counters().ifPresent(c -> sb.append(" rollover=").append(c.rollover())
                        .append(" counter=").append(c.counter()));
            } catch (CoseException e) {
                sb.append(" counters=undecodable");
            }
        }
        return sb.append(" encoded=").append(HexFormat.of().formatHex(encoded)).toString();
    }

    private static Optional<Float> parseDegrees(String s) {
        Optional<Float> f = parseFloat(s);
        return f.filter(v -> v >= 0.0f && v <= 359.0f);
    }

    private static Optional<Float> parseFloat(String s) {
        try {
            float f = Float.parseFloat(s);
            return Float.isFinite(f) ? Optional.of(f) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> error(String message) {
        return List.of("Error: " + message, "");
    }
}

package io.github.cai4j.huk;

import io.github.cai4j.huk.internal.CStrings;
import io.github.cai4j.huk.internal.Pem;
import io.github.cai4j.psa.PsaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The non-secure shell's {@code info} and {@code keys} commands ({@code src/shell/cmd_info.c},
 * {@code src/shell/cmd_keys.c}, {@code spec/firmware.md} §8.2) as a Java API: each method takes the arguments after
 * the sub-command and returns the lines the firmware prints, without line terminators. The printed text is every
 * line followed by a newline; an empty string is an empty line (the firmware prints one after every text that
 * already ends with a newline, such as a PEM block or an error message).
 *
 * <p>Arguments are matched as the firmware does: key ids with {@code strtoul(arg, NULL, 16)} (so {@code 5001} and
 * {@code 0x5001} are the same), formats case-sensitively.
 */
public final class HukShellCommands {
    /** {@code info version}. */
    public static final String APP_VERSION = "1.0.0";

    private static final String[] NO_ARGS = new String[0];

    private final DeviceKeys keys;

    public HukShellCommands(DeviceKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** {@code info version}. */
    public List<String> infoVersion() {
        return List.of(APP_VERSION);
    }

    /** {@code info uuid}: the UUID; nothing when it cannot be read (the firmware returns {@code -EINVAL} silently). */
    public List<String> infoUuid() {
        try {
            return List.of(keys.uuid().value());
        } catch (PsaException e) {
            return List.of();
        }
    }

    /** {@code keys status}: the key table. */
    public List<String> keysStatus() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "| %-24s| %-8s | %-14s |", "Key", "Key ID", "Status"));
        for (DeviceKey k : DeviceKey.values()) {
            out.add(String.format(Locale.ROOT, "| %-24s| 0x%-6x | %-14s |", k.label(), k.keyId(),
                    keys.status(k).shellText()));
        }
        return out;
    }

    /** {@code keys public [<hex key id>]}: the PEM public key of one key or of all. */
    public List<String> keysPublic(String... args) {
        String[] a = args == null ? NO_ARGS : args;
        List<String> out = new ArrayList<>();
        if (a.length == 1 && a[0].equals("help")) {
            out.add("Display public key(s) in PEM format");
            out.add("");
            out.add("  $ keys public <Key ID>");
            out.add("");
            out.add("  [Key ID]   Optional: Key ID ('status' for list)");
            out.add("");
            out.add("Example: $ keys public");
            out.add("         $ keys public 5001 (List public key of 5001 key ID)");
            return out;
        }
        if (a.length > 1) {
            return error("too many arguments \"" + a[1] + "\"");
        }
        List<DeviceKey> selected = new ArrayList<>(List.of(DeviceKey.values()));
        if (a.length == 1) {
            Optional<DeviceKey> k = DeviceKey.byId(CStrings.strtoulHex(a[0]));
            if (k.isEmpty()) {
                return invalidArgument(a[0]);
            }
            selected = List.of(k.get());
        }
        for (DeviceKey k : selected) {
            DevicePublicKey pub;
            try {
                pub = keys.publicKey(k);
            } catch (PsaException e) {
                out.addAll(rcError("Failed to get the public key", e));
                return out;
            }
            out.add(String.format(Locale.ROOT, "Key ID: 0x%x", k.keyId()));
            out.add(k.label() + " Public key:");
            out.addAll(pub.pemLines());
            out.add("");
        }
        return out;
    }

    /** {@code keys csr <PEM|JSON> <hex key id>}: a signed CSR for the key. */
    public List<String> keysCsr(String... args) {
        String[] a = args == null ? NO_ARGS : args;
        boolean help = a.length == 1 && a[0].equals("help");
        if (a.length != 2 || help) {
            List<String> out = new ArrayList<>();
            if (!help) {
                out.add("Error: missing argument(s)");
            }
            out.add("Generate a CSR for the given key id and format");
            out.add("");
            out.add("  $ keys csr <Format> <Key ID>");
            out.add("");
            out.add("  <Format>   'PEM', 'JSON'");
            out.add("  <Key ID>   Run 'status' for key ID list");
            out.add("");
            out.add("Example: $ keys csr PEM 5001");
            return out;
        }
        boolean json;
        if (a[0].equals("PEM")) {
            json = false;
        } else if (a[0].equals("JSON")) {
            json = true;
        } else {
            return invalidArgument(a[0]);
        }
        Optional<DeviceKey> key = DeviceKey.byId(CStrings.strtoulHex(a[1]));
        if (key.isEmpty()) {
            return invalidArgument(a[1]);
        }
        DeviceUuid uuid;
        try {
            uuid = keys.uuid();
        } catch (PsaException e) {
            return rcError("Unable to read UUID", e);
        }
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("Generating X.509 CSR for '" + key.get().label() + "' key:");
        out.add("Subject: " + DeviceCsr.subjectString(uuid, key.get().label()));
        DeviceCsr csr;
        try {
            csr = keys.csr(key.get(), uuid);
        } catch (PsaException e) {
            out.addAll(rcError("Failed to generate CSR", e));
            return out;
        }
        if (json) {
            out.add(csr.json());
        } else {
            out.addAll(csr.pemLines());
            out.add("");
        }
        return out;
    }

    /**
     * {@code keys cert <hex key id>}: the certificate stored for the key, as PEM. The key's status must be
     * {@link KeyStatus#X509_CERT_GENERATED}.
     */
    public List<String> keysCert(String... args) {
        String[] a = args == null ? NO_ARGS : args;
        if (a.length == 0) {
            return error("missing argument: \"<Key ID>\"");
        }
        if (a.length > 1) {
            return error("too many arguments \"" + a[1] + "\"");
        }
        Optional<DeviceKey> key = DeviceKey.byId(CStrings.strtoulHex(a[0]));
        if (key.isEmpty()) {
            return invalidArgument(a[0]);
        }
        Optional<byte[]> cert;
        try {
            cert = keys.certificate(key.get());
        } catch (PsaException e) {
            return rcError("Failed to read the certificate", e);
        }
        if (cert.isEmpty()) {
            return error("No certificate for this key, status: \"" + keys.status(key.get()).shellText() + "\"");
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Key ID: 0x%x", key.get().keyId()));
        out.add(key.get().label() + " Certificate:");
        out.addAll(Pem.lines("CERTIFICATE", cert.get()));
        out.add("");
        return out;
    }

    /**
     * Runs one command line ({@code info …} or {@code keys …}, already split into words) and returns its output;
     * {@code null} if the words are not an {@code info} or {@code keys} command.
     */
    public List<String> execute(List<String> words) {
        if (words.size() < 2) {
            return null;
        }
        String[] rest = words.subList(2, words.size()).toArray(new String[0]);
        String cmd = words.get(0);
        String sub = words.get(1);
        if (cmd.equals("info")) {
            return switch (sub) {
                case "version" -> infoVersion();
                case "uuid" -> infoUuid();
                default -> null;
            };
        }
        if (cmd.equals("keys")) {
            return switch (sub) {
                case "status" -> keysStatus();
                case "public" -> keysPublic(rest);
                case "csr" -> keysCsr(rest);
                case "cert" -> keysCert(rest);
                default -> null;
            };
        }
        return null;
    }

    private static List<String> invalidArgument(String arg) {
        return error("invalid argument \"" + arg + "\"");
    }

    private static List<String> rcError(String text, PsaException e) {
        return error(text + ": \"" + e.statusValue() + "\"");
    }

    /** {@code shell_com_*}: the message ends with a newline, so an empty line follows it. */
    private static List<String> error(String message) {
        return List.of("Error: " + message, "");
    }
}

package io.github.cai4j.device.cli;

import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.TrustedKey;
import io.github.cai4j.bootloader.image.VerificationResult;
import io.github.cai4j.bootloader.imgtool.DumpInfo;
import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.KeyFiles;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cai4j imgtool}: MCUboot's imgtool with its flag names (keygen, getpub, sign, verify, dumpinfo). */
@Command(name = "imgtool", mixinStandardHelpOptions = true,
        description = "Create, sign, verify and inspect MCUboot images (imgtool-compatible).",
        subcommands = {ImgtoolCommand.Keygen.class, ImgtoolCommand.Getpub.class, ImgtoolCommand.Sign.class,
            ImgtoolCommand.Verify.class, ImgtoolCommand.Dumpinfo.class})
public final class ImgtoolCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Python's {@code int(value, 0)}: decimal, 0x, 0o, 0b. */
    static long parseInt0(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            if (s.startsWith("0x")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.startsWith("0o")) {
                return Long.parseLong(s.substring(2), 8);
            }
            if (s.startsWith("0b")) {
                return Long.parseLong(s.substring(2), 2);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(v + " is not a valid integer. Please use code literals prefixed "
                    + "with 0b/0B, 0o/0O, or 0x/0X as necessary.", e);
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Generate pub/private keypair")
    static final class Keygen implements Callable<Integer> {
        @Option(names = {"-k", "--key"}, required = true, paramLabel = "filename")
        Path key;
        @Option(names = {"-t", "--type"}, required = true, paramLabel = "type",
                description = "One of: rsa-2048, rsa-3072, ecdsa-p256, ed25519")
        String type;
        @Option(names = {"-p", "--password"}, description = "Prompt for password (not supported)")
        boolean password;

        @Override
        public Integer call() throws IOException {
            if (password) {
                throw new IllegalArgumentException("password-protected keys are not supported");
            }
            KeyPair kp = KeyFiles.generate(KeyFiles.KeyType.fromCliName(type), new SecureRandom());
            Files.writeString(key, KeyFiles.privateKeyPem(kp.getPrivate()), StandardCharsets.US_ASCII);
            return 0;
        }
    }

    @Command(name = "getpub", mixinStandardHelpOptions = true, description = "Dump public key from keypair")
    static final class Getpub implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-k", "--key"}, required = true, paramLabel = "filename")
        Path key;
        @Option(names = {"-e", "--encoding"}, paramLabel = "encoding",
                description = "lang-c, lang-rust, pem or raw")
        String encoding;
        @Option(names = {"-l", "--lang"}, paramLabel = "lang", description = "c or rust (deprecated)")
        String lang;
        @Option(names = {"-o", "--output"}, paramLabel = "output")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (encoding != null && lang != null) {
                throw new IllegalArgumentException("Please use only one of `--encoding/-e` or `--lang/-l`");
            }
            String enc = encoding != null ? encoding : "rust".equals(lang) ? "lang-rust" : "lang-c";
            PublicKey pub = KeyFiles.readPublicKey(key);
            byte[] bytes = TrustedKey.of(pub).keyBytes();
            String name = pub instanceof RSAPublicKey ? "rsa_pub_key"
                    : pub instanceof ECPublicKey ? "ecdsa_pub_key" : "ed25519_pub_key";
            String text;
            switch (enc) {
                case "pem" -> text = KeyFiles.publicKeyPem(pub);
                case "raw" -> {
                    if (output != null) {
                        Files.write(output, bytes);
                    } else {
                        spec.commandLine().getOut().print(HexFormat.of().formatHex(bytes));
                        spec.commandLine().getOut().flush();
                    }
                    return 0;
                }
                case "lang-c" -> text = carray(name, bytes, "const unsigned char " + name + "[] = {", "};",
                        "const unsigned int " + name + "_len = " + bytes.length + ";\n");
                case "lang-rust" -> text = carray(name, bytes, "static " + name.toUpperCase(Locale.ROOT) + ": &[u8] = &[",
                        "];", "");
                default -> throw new IllegalArgumentException("invalid encoding '" + enc + "'");
            }
            if (output != null) {
                Files.writeString(output, text, StandardCharsets.US_ASCII);
            } else {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }

        private static String carray(String name, byte[] b, String header, String trailer, String lenLine) {
            StringBuilder sb = new StringBuilder("/* Autogenerated by imgtool.py, do not edit. */\n").append(header);
            for (int i = 0; i < b.length; i++) {
                sb.append(i % 8 == 0 ? "\n    " : " ");
                sb.append(String.format(Locale.ROOT, "0x%02x,", b[i] & 0xff));
            }
            sb.append('\n').append(trailer).append('\n').append(lenLine);
            return sb.toString();
        }
    }

    @Command(name = "sign", aliases = "create", mixinStandardHelpOptions = true,
            description = "Create a signed or unsigned image")
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-k", "--key"}, paramLabel = "filename")
        Path key;
        @Option(names = "--public-key-format", defaultValue = "hash", description = "hash or full")
        String publicKeyFormat;
        @Option(names = "--align", defaultValue = "1")
        int align;
        @Option(names = "--max-align")
        Integer maxAlign;
        @Option(names = {"-v", "--version"}, required = true)
        String version;
        @Option(names = {"-s", "--security-counter"})
        String securityCounter;
        @Option(names = {"-d", "--dependencies"})
        String dependencies;
        @Option(names = "--pad-sig")
        boolean padSig;
        @Option(names = {"-H", "--header-size"}, required = true)
        String headerSize;
        @Option(names = "--pad-header")
        boolean padHeader;
        @Option(names = {"-S", "--slot-size"}, required = true)
        String slotSize;
        @Option(names = "--pad")
        boolean pad;
        @Option(names = "--confirm")
        boolean confirm;
        @Option(names = {"-M", "--max-sectors"})
        Integer maxSectors;
        @Option(names = "--overwrite-only")
        boolean overwriteOnly;
        @Option(names = {"-e", "--endian"}, defaultValue = "little")
        String endian;
        @Option(names = {"-c", "--clear"})
        boolean clear;
        @Option(names = "--encrypt-keylen", defaultValue = "128")
        int encryptKeylen;
        @Option(names = {"-E", "--encrypt"}, paramLabel = "filename")
        Path encrypt;
        @Option(names = "--save-enctlv")
        boolean saveEnctlv;
        @Option(names = {"-L", "--load-addr"})
        String loadAddr;
        @Option(names = {"-R", "--erased-val"})
        String erasedVal;
        @Option(names = "--boot-record", paramLabel = "sw_type")
        String bootRecord;
        @Option(names = "--custom-tlv", arity = "2", paramLabel = "tag value")
        List<String> customTlv = new ArrayList<>();
        @Option(names = "--fix-sig", paramLabel = "filename")
        Path fixSig;
        @Option(names = "--fix-sig-pubkey", paramLabel = "filename")
        Path fixSigPubkey;
        @Option(names = "--sig-out", paramLabel = "filename")
        Path sigOut;
        @Option(names = "--vector-to-sign", description = "payload or digest")
        String vectorToSign;
        @Parameters(index = "0", paramLabel = "INFILE")
        Path infile;
        @Parameters(index = "1", paramLabel = "OUTFILE")
        Path outfile;

        @Override
        public Integer call() throws IOException, ImageException {
            if (!"little".equals(endian)) {
                throw new IllegalArgumentException("only little-endian images are supported");
            }
            if (padSig) {
                throw new IllegalArgumentException("--pad-sig (MCUboot < 1.5) is not supported");
            }
            SignOptions.Builder b = SignOptions.builder().version(ImageVersion.parse(version))
                    .headerSize((int) parseInt0(headerSize)).padHeader(padHeader)
                    .slotSize((int) parseInt0(slotSize)).pad(pad).confirm(confirm).align(align)
                    .overwriteOnly(overwriteOnly).clear(clear).encryptKeyLength(encryptKeylen)
                    .saveEncTlv(saveEnctlv)
                    .publicKeyFormat(SignOptions.PublicKeyFormat.valueOf(publicKeyFormat.toUpperCase(Locale.ROOT)));
            if (maxAlign != null) {
                b.maxAlign(maxAlign);
            }
            if (maxSectors != null) {
                b.maxSectors(maxSectors);
            }
            if (securityCounter != null) {
                if ("auto".equalsIgnoreCase(securityCounter)) {
                    b.securityCounterAuto();
                } else {
                    b.securityCounter(parseInt0(securityCounter));
                }
            }
            if (dependencies != null) {
                parseDependencies(dependencies).forEach(b::dependency);
            }
            if (bootRecord != null) {
                b.bootRecord(bootRecord);
            }
            if (loadAddr != null) {
                b.loadAddress(parseInt0(loadAddr));
            }
            if (erasedVal != null) {
                b.erasedValue((byte) parseInt0(erasedVal));
            }
            if (encrypt != null) {
                PublicKey enc = KeyFiles.readPublicKey(encrypt);
                if (!(enc instanceof ECPublicKey ec)) {
                    throw new IllegalArgumentException("only ECIES-P256 encryption keys are supported");
                }
                b.encrypt(ec);
            }
            for (int i = 0; i + 1 < customTlv.size(); i += 2) {
                String v = customTlv.get(i + 1);
                byte[] value = v.startsWith("0x") ? HexFormat.of().parseHex(v.substring(2))
                        : v.getBytes(StandardCharsets.UTF_8);
                b.customTlv((int) parseInt0(customTlv.get(i)), value);
            }
            SignOptions options = b.build();
            byte[] input = Files.readAllBytes(infile);
            ImageSigner signer = new ImageSigner();
            byte[] out;
            byte[] signature = null;
            if (fixSig != null) {
                if (key != null) {
                    throw new IllegalArgumentException("Can not sign using key and provide fixed-signature at the same time");
                }
                if (fixSigPubkey == null) {
                    throw new IllegalArgumentException("public key of the fixed signature is not specified");
                }
                signature = Base64.getMimeDecoder().decode(Files.readString(fixSig, StandardCharsets.US_ASCII).trim());
                out = signer.signWithFixedSignature(input, options, KeyFiles.readPublicKey(fixSigPubkey), signature);
            } else if (vectorToSign != null) {
                PublicKey pub = key != null ? KeyFiles.readPublicKey(key)
                        : fixSigPubkey != null ? KeyFiles.readPublicKey(fixSigPubkey) : null;
                ImageSigner.Vector v = switch (vectorToSign) {
                    case "payload" -> ImageSigner.Vector.PAYLOAD;
                    case "digest" -> ImageSigner.Vector.DIGEST;
                    default -> throw new IllegalArgumentException("--vector-to-sign must be payload or digest");
                };
                out = signer.vectorToSign(input, options, pub, v);
            } else {
                ImageSigningKey k = key == null ? null : KeyFiles.readSigningKey(key);
                out = signer.sign(input, options, k);
                if (k != null) {
                    signature = signatureOf(out);
                }
            }
            Files.write(outfile, out);
            if (sigOut != null && signature != null) {
                Files.writeString(sigOut, Base64.getEncoder().encodeToString(signature), StandardCharsets.US_ASCII);
            }
            return 0;
        }

        private static byte[] signatureOf(byte[] image) throws ImageException {
            for (var t : McubootImage.parse(image).tlvs()) {
                if (io.github.cai4j.bootloader.image.TlvType.isSignature(t.type())) {
                    return t.value();
                }
            }
            return null;
        }

        static List<Dependency> parseDependencies(String value) {
            List<String> images = new ArrayList<>();
            Matcher mi = Pattern.compile("\\((\\d+)").matcher(value);
            while (mi.find()) {
                images.add(mi.group(1));
            }
            List<String> versions = new ArrayList<>();
            Matcher mv = Pattern.compile(",\\s*([0-9.+]+)\\)").matcher(value);
            while (mv.find()) {
                versions.add(mv.group(1));
            }
            if (images.isEmpty()) {
                throw new IllegalArgumentException("Image dependency format is invalid: " + value);
            }
            if (images.size() != versions.size()) {
                throw new IllegalArgumentException("There's a mismatch between the number of dependency images and "
                        + "versions in: " + value);
            }
            List<Dependency> out = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                out.add(new Dependency(Integer.parseInt(images.get(i)), ImageVersion.parse(versions.get(i))));
            }
            return out;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that signed image can be verified by given key")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-k", "--key"}, paramLabel = "filename")
        List<Path> keys = new ArrayList<>();
        @Parameters(index = "0", paramLabel = "IMGFILE")
        Path imgfile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(imgfile)) {
                throw new IllegalArgumentException("Image file not found (" + imgfile + ")");
            }
            McubootImage img;
            try {
                img = McubootImage.parse(Files.readAllBytes(imgfile));
            } catch (ImageException e) {
                if (e.getMessage().startsWith("wrong image magic") || e.offset() == 0) {
                    out.println("Invalid image magic; is this an MCUboot image?");
                } else if (e.getMessage().startsWith("wrong TLV info magic")) {
                    out.println("Invalid TLV info magic; is this an MCUboot image?");
                } else {
                    out.println("Invalid image: " + e.getMessage());
                }
                out.flush();
                return 1;
            }
            VerificationResult r;
            if (keys.isEmpty()) {
                r = ImageVerifier.verifyHashOnly(img);
            } else {
                List<PublicKey> pubs = new ArrayList<>();
                for (Path k : keys) {
                    pubs.add(KeyFiles.readPublicKey(k));
                }
                r = ImageVerifier.verify(img, KeyTable.ofPublicKeys(pubs.toArray(new PublicKey[0])));
            }
            switch (r.outcome()) {
                case OK -> {
                    out.println("Image was correctly validated");
                    out.println("Image version: " + r.version());
                    out.println("Image digest: " + HexFormat.of().formatHex(r.digest()));
                    out.flush();
                    return 0;
                }
                case INVALID_HASH, MISSING_HASH -> out.println("Image has an invalid hash");
                case INVALID_SIGNATURE -> out.println("No signature found for the given key");
                default -> out.println("Invalid image: " + r.reason());
            }
            out.flush();
            spec.commandLine().getErr().println("cai4j: " + r.reason());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    @Command(name = "dumpinfo", mixinStandardHelpOptions = true,
            description = "Print header, TLV area and trailer information of a signed image")
    static final class Dumpinfo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-o", "--outfile"}, paramLabel = "filename")
        Path outfile;
        @Option(names = {"-f", "--format"}, description = "human (default) or json")
        String format;
        @Option(names = {"-s", "--silent"})
        boolean silent;
        @Parameters(index = "0", paramLabel = "IMGFILE")
        Path imgfile;

        @Override
        public Integer call() throws IOException, ImageException {
            if (!Files.isRegularFile(imgfile)) {
                throw new IllegalArgumentException("Image file not found (" + imgfile + ")");
            }
            String fmt = format == null ? "human" : format;
            if (!fmt.equals("json") && !fmt.equals("human")) {
                throw new IllegalArgumentException("format '" + fmt + "' is not supported (human or json)");
            }
            byte[] bytes = Files.readAllBytes(imgfile);
            String name = imgfile.getFileName().toString();
            String json = fmt.equals("json") ? DumpInfo.json(name, bytes) : DumpInfo.human(name, bytes).stripTrailing();
            if (outfile != null) {
                Files.writeString(outfile, json, StandardCharsets.UTF_8);
            } else {
                spec.commandLine().getOut().println(json);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}

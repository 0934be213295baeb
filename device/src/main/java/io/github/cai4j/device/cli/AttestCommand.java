package io.github.cai4j.device.cli;

import io.github.cai4j.attestation.AttestationClaims;
import io.github.cai4j.attestation.AttestationException;
import io.github.cai4j.attestation.AttestationClient;
import io.github.cai4j.attestation.AttestationProfile;
import io.github.cai4j.attestation.AttestationVerifier;
import io.github.cai4j.attestation.SoftwareComponent;
import io.github.cai4j.attestation.TokenDiagnostics;
import io.github.cai4j.attestation.VerificationFailure;
import io.github.cai4j.attestation.VerificationResult;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.Pem;
import io.github.cai4j.device.Device;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cai4j attest}: asks a simulated device's Initial Attestation service for a token and prints it (hex and CBOR
 * diagnostic notation) with the attestation public key; {@code cai4j attest verify} checks a token on the cloud side.
 */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = {"Get a PSA initial attestation token from a simulated device and print it (hex, CBOR "
            + "diagnostic notation) with the attestation public key (PEM).",
            "'attest verify' checks a token against a trusted attestation key and the challenge."},
        subcommands = AttestCommand.Verify.class)
final class AttestCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Option(names = "--challenge", paramLabel = "<hex>",
            description = "The challenge: 32, 48 or 64 bytes as hex (default: 32 random bytes).")
    String challengeHex;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        byte[] challenge;
        if (challengeHex == null) {
            challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
        } else {
            challenge = VerifyCommand.hex(challengeHex, "challenge");
        }
        try (Device d = Device.boot(device.toConfig().toBuilder().logSink(PlatformLog.discard()).build())) {
            AttestationClient client = new AttestationClient(d.nonSecure().psaClient());
            byte[] point;
            byte[] token;
            try {
                point = client.attestationPublicKey();
                token = client.getToken(challenge);
            } catch (PsaException e) {
                if (e.is(PsaStatus.ERROR_PROGRAMMER_ERROR) || e.is(PsaStatus.ERROR_CONNECTION_REFUSED)) {
                    throw new IllegalStateException("this device has no Initial Attestation service (SID 0x20)", e);
                }
                throw e;
            }
            printToken(out, challenge, token, point);
        }
        out.flush();
        return 0;
    }

    /** Prints the challenge, the token in hex and diagnostic notation, and the key as PEM. */
    static void printToken(PrintWriter out, byte[] challenge, byte[] token, byte[] point)
            throws CoseException, AttestationException {
        HexFormat hex = HexFormat.of();
        out.println("Challenge: " + hex.formatHex(challenge));
        out.println("Token (" + token.length + " bytes):");
        for (int i = 0; i < token.length; i += 32) {
            out.println(hex.formatHex(token, i, Math.min(token.length, i + 32)));
        }
        java.util.List<String> diag = TokenDiagnostics.describe(token);
        out.println("COSE_Sign1: " + diag.get(0));
        if (diag.size() > 1) {
            out.println("Claims: " + diag.get(1));
        }
        out.println("Attestation public key:");
        out.print(Pem.encodePublicKey(CoseKey.ec2Point(Curve.P_256, point).toPublicKey()));
    }

    /** {@code cai4j attest verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a PSA attestation token (exit 0 valid, 1 rejected; every failure is listed).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--iak", required = true, paramLabel = "<pem>",
                description = "The trusted attestation public key: a PEM file (PUBLIC KEY or CERTIFICATE), or PEM text.")
        String iak;

        @Option(names = "--challenge", required = true, paramLabel = "<hex>",
                description = "The challenge that was sent (32, 48 or 64 bytes as hex).")
        String challengeHex;

        @Option(names = "--profile", paramLabel = "current|legacy",
                description = "The token profile to expect: current (tag:psacertified.org,2023:psa#tfm, default) "
                        + "or legacy (PSA_IOT_PROFILE_1).")
        String profile = "current";

        @Option(names = "--no-instance-id-check",
                description = "Do not require the instance id to be 0x01 || SHA-256 of the attestation key.")
        boolean noInstanceIdCheck;

        @Parameters(index = "0", paramLabel = "<token>", description = "The token: a binary or hex file, or hex.")
        String token;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            byte[] challenge = VerifyCommand.hex(challengeHex, "challenge");
            if (!AttestationClaims.CHALLENGE_SIZES.contains(challenge.length)) {
                throw new IllegalArgumentException("the challenge is " + challenge.length
                        + " bytes; it must be 32, 48 or 64");
            }
            AttestationProfile p = switch (profile.toLowerCase(Locale.ROOT)) {
                case "current" -> AttestationProfile.PSA_2023;
                case "legacy" -> AttestationProfile.PSA_IOT_1;
                default -> throw new IllegalArgumentException("--profile must be current or legacy, got " + profile);
            };
            AttestationVerifier verifier = AttestationVerifier.builderFromPem(pem(iak)).profile(p)
                    .checkInstanceId(!noInstanceIdCheck).build();
            VerificationResult r = verifier.verify(VerifyCommand.bytes(token, "token"), challenge);
            if (!r.valid()) {
                for (VerificationFailure f : r.failures()) {
                    out.println("FAILED " + f);
                }
                out.flush();
                throw new IllegalStateException("attestation token rejected (" + r.failures().size() + " failure"
                        + (r.failures().size() == 1 ? "" : "s") + ")");
            }
            printClaims(out, r.claims().orElseThrow());
            out.flush();
            return 0;
        }

        private static String pem(String arg) throws java.io.IOException {
            if (arg.contains("-----BEGIN")) {
                return arg;
            }
            Path p = Path.of(arg);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--iak: no such file: " + arg);
            }
            return Files.readString(p, StandardCharsets.US_ASCII);
        }
    }

    static void printClaims(PrintWriter out, AttestationClaims c) {
        HexFormat hex = HexFormat.of();
        out.println("Token verified (" + c.profile().profileValue() + ")");
        out.println("  nonce: " + hex.formatHex(c.nonce()));
        out.println("  instance id: " + hex.formatHex(c.instanceId()));
        out.println("  implementation id: " + hex.formatHex(c.implementationId()));
        out.println(String.format(Locale.ROOT, "  security lifecycle: 0x%04x", c.lifecycle()));
        out.println("  client id: " + c.clientId());
        c.bootSeed().ifPresent(s -> out.println("  boot seed: " + hex.formatHex(s)));
        c.certificationReference().ifPresent(s -> out.println("  certification reference: " + s));
        c.verificationService().ifPresent(s -> out.println("  verification service: " + s));
        for (SoftwareComponent s : c.softwareComponents()) {
            out.println("  software component " + s.type() + " " + s.version() + ": " + s.description() + " "
                    + hex.formatHex(s.measurement()) + ", signer " + hex.formatHex(s.signerId()));
        }
    }
}

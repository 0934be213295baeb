package io.github.cai4j.device.demo;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.attestation.AttestationException;
import io.github.cai4j.attestation.AttestationVerifier;
import io.github.cai4j.attestation.VerificationResult;
import io.github.cai4j.bootloader.fwu.FwuClient;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.firmware.DeviceVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FlowDecryptor;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.DeviceException;
import io.github.cai4j.device.DeviceImage;
import io.github.cai4j.device.FactoryImages;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DevicePublicKey;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.InferenceResult;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cai4j demo}: one tour of the whole stack on the embedded defaults, readable by someone new to TF-M.
 * Boots a device, shows its identity, signs and verifies inference results as a cloud service would,
 * encrypts results to a cloud key, updates the model through the Firmware Update API, and shows a tampered
 * image being refused. Every step is checked; a failed check ends the demo with a non-zero status.
 */
public final class Demo {
    private static final int ENCRYPT0_BUFFER = 1024;
    private static final float[] ANGLES = {0f, 30f, 90f, 180f, 270f};

    private final PrintWriter out;
    private final List<String> failures = new ArrayList<>();

    public Demo(PrintWriter out) {
        this.out = out;
    }

    /** Runs the demo; returns 0 when every check passed. */
    public int run() throws DeviceException, PsaException, CoseException, GeneralSecurityException, AttestationException,
            ImageException {
        KeyPair cloud = cloudKeyPair();
        DeviceConfig config = DeviceConfig.builder()
                .cloudPublicKey((ECPublicKey) cloud.getPublic())
                .logSink(PlatformLog.discard())
                .build();

        heading("1. Boot: MCUboot verifies the images, TF-M starts its partitions, Zephyr starts the app");
        Device device = Device.boot(config);
        try {
            device.logLines().forEach(l -> out.println("  " + l));
            device.log().clear();

            heading("2. Device identity (derived from the HUK, never stored)");
            out.println("  UUID: " + device.uuid());
            DevicePublicKey tls = device.nonSecure().keys().publicKey(DeviceKey.CLIENT_TLS);
            DevicePublicKey cose = device.nonSecure().keys().publicKey(DeviceKey.COSE);
            out.println("  Key 0x5001 (" + DeviceKey.CLIENT_TLS.label() + "), public part:");
            tls.pemLines().forEach(l -> out.println("    " + l));
            out.println("  Key 0x5002 (" + DeviceKey.COSE.label() + "), public part:");
            cose.pemLines().forEach(l -> out.println("    " + l));

            heading("3. Signed inference results (COSE_Sign1 with key 0x5002), verified as a cloud service would");
            DeviceVerifier verifier = DeviceVerifier.fromUncompressedPoint(cose.uncompressedPoint());
            for (float deg : ANGLES) {
                InferenceResult r = device.nonSecure().inference()
                        .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, deg);
                DeviceVerifier.Result v = verifier.verify(r.encoded());
                String counters = v.payload().flatMap(FirmwarePayload::counters)
                        .map(c -> "rollover " + c.rollover() + ", counter " + c.counter()).orElse("no counters");
                out.printf(Locale.ROOT, "  sin(%5.1f deg) = %+.6f  (true %+.6f)  %d bytes, %s: %s%n", deg,
                        r.value(), Math.sin(Math.toRadians(deg)), r.encoded().length, counters, v.status());
                check(v.valid(), "result at " + deg + " deg did not verify: " + v.status());
            }
            byte[] replay = device.nonSecure().inference()
                    .inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 45f).encoded();
            check(verifier.verify(replay).valid(), "fresh result did not verify");
            DeviceVerifier.Result replayed = verifier.verify(replay);
            out.println("  The same message sent again: " + replayed.status() + " (replays are refused)");
            check(!replayed.valid(), "a replayed result was accepted");

            heading("4. Encrypted results (COSE_Encrypt0, a session key sent once per boot to the cloud's key)");
            FlowDecryptor decryptor = FlowDecryptor.of(CoseKey.fromKeyPair(cloud),
                    EcdsaVerifier.of(cose.toJca()));
            for (float deg : new float[] {60f, 120f}) {
                byte[] encoded = device.nonSecure().inference()
                        .inferRaw(SineModel.TFLM_SINE.sid(), EncodingFormat.COSE_ENCRYPT0.value(),
                                SineModel.TFLM_SINE.modelName(), io.github.cai4j.inference.service.InferenceClient
                                        .radians(deg), ENCRYPT0_BUFFER);
                CBORObject[] items = CBORObject.DecodeSequenceFromBytes(encoded);
                byte[] record = items[items.length - 1].EncodeToBytes();
                if (items.length > 1) {
                    boolean accepted = decryptor.acceptKeyMessage(items[0].EncodeToBytes()).isPresent();
                    out.println("  session key message (COSE_Sign1 over COSE_Encrypt, ECDH-ES+A128KW): "
                            + (accepted ? "signature OK, session opened" : "REFUSED"));
                    check(accepted, "the session key message was refused");
                }
                byte[] plain = decryptor.decrypt(record).orElse(null);
                check(plain != null, "the Encrypt0 record at " + deg + " deg did not decrypt");
                if (plain != null) {
                    FirmwarePayload p = FirmwarePayload.decode(plain);
                    out.printf(Locale.ROOT, "  sin(%5.1f deg): %d-byte record decrypted to %+.6f%n", deg,
                            record.length, p.value());
                }
            }

            heading("5. Attestation: the device proves which firmware and which model it runs");
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            byte[] token = device.nonSecure().attestation().getToken(challenge);
            byte[] iak = device.nonSecure().attestation().attestationPublicKey();
            VerificationResult att = AttestationVerifier.builderFromPoint(iak).build().verify(token, challenge);
            out.println("  PSA attestation token: " + token.length + " bytes, COSE_Sign1 with the attestation key: "
                    + (att.valid() ? "VALID" : "REJECTED " + att.failures()));
            check(att.valid(), "the attestation token did not verify");
            att.claims().ifPresent(c -> c.softwareComponents().forEach(sc -> out.println("    component "
                    + sc.type() + " " + sc.version() + " measurement "
                    + java.util.HexFormat.of().formatHex(sc.measurement(), 0, 8) + "...")));

            heading("6. Model update through the PSA Firmware Update API (write, install, reboot, trial, accept)");
            String before = modelVersion(device);
            out.println("  running model (as MCUboot measured it): " + before);
            byte[] newModel = SineModels.generate(7).int8Model();
            byte[] image = FactoryImages.sign(newModel, "1.1.0", false, false, new SecureRandom());
            FwuClient fwu = device.nonSecure().firmwareUpdate();   // psa_fwu_* through the gate
            int comp = DeviceImage.TFLM_MODEL.index();
            fwu.start(comp);
            fwu.writeImage(comp, image);
            fwu.finish(comp);
            PsaStatus installed = fwu.install();
            out.println("  install(): " + installed.cName());
            check(installed == PsaStatus.SUCCESS_REBOOT, "install did not ask for a reboot");
            device = device.reboot();
            device.log().clear();
            out.println("  after reboot, state of the model: "
                    + device.nonSecure().firmwareUpdate().query(comp).state());
            String trial = modelVersion(device);
            out.println("  running model in TRIAL: " + trial);
            check(!trial.equals(before), "the new model is not running");
            device.nonSecure().firmwareUpdate().accept();
            device = device.reboot();
            device.log().clear();
            out.println("  accepted; after another reboot the model is " + modelVersion(device) + " ("
                    + device.nonSecure().firmwareUpdate().query(comp).state() + ")");
            check(modelVersion(device).equals(trial), "the accepted model did not stay");

            heading("7. A tampered model image is refused and the device keeps its model");
            String current = modelVersion(device);
            byte[] evil = FactoryImages.sign(SineModels.generate(8).int8Model(), "1.2.0", false, false,
                    new SecureRandom());
            evil[FactoryImages.HEADER_SIZE + 40] ^= 0x01;
            FwuClient fwu2 = device.nonSecure().firmwareUpdate();
            fwu2.start(comp);
            fwu2.writeImage(comp, evil);
            fwu2.finish(comp);
            try {
                PsaStatus s = fwu2.install();
                out.println("  install() of the tampered image: " + s.cName()
                        + " (the signature is checked by MCUboot at boot)");
                device = device.reboot();
                device.logLines().stream().filter(l -> l.contains("[BL2]") && !l.contains("verified, security"))
                        .forEach(l -> out.println("  " + l));
                device.log().clear();
            } catch (PsaException e) {
                out.println("  install() of the tampered image refused: " + e.getMessage());
            }
            out.println("  running model: " + modelVersion(device) + " (unchanged)");
            check(modelVersion(device).equals(current), "the tampered model replaced the running one");
        } finally {
            device.close();
        }

        heading(failures.isEmpty() ? "Demo complete: every check passed" : "Demo FAILED");
        failures.forEach(f -> out.println("  FAILED: " + f));
        out.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    /** The running model as the bootloader measured it: image version and the start of its SHA-256. */
    private static String modelVersion(Device device) {
        return device.measurements().stream()
                .filter(m -> m.imageIndex() == DeviceImage.TFLM_MODEL.index())
                .map(m -> "v" + m.version().withoutBuild() + " sha256 "
                        + java.util.HexFormat.of().formatHex(m.measurement(), 0, 8) + "...")
                .findFirst().orElse("none");
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failures.add(what);
            out.println("  !! " + what);
        }
    }

    private void heading(String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }

    private static KeyPair cloudKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}

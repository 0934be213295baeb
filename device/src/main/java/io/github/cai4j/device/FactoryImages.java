package io.github.cai4j.device;

import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.KeyTable;
import io.github.cai4j.bootloader.imgtool.ImageSigner;
import io.github.cai4j.bootloader.imgtool.ImageSigningKey;
import io.github.cai4j.bootloader.imgtool.KeyFiles;
import io.github.cai4j.bootloader.imgtool.SignOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * The images a new device is programmed with, signed with the built-in demo key
 * ({@code demo-image-signing-key.pem}, a public demo key: anyone can sign images this device accepts, which
 * is what a demo needs and what a real device must never do). The secure and non-secure images carry a short
 * description of what they stand for; the model images carry the {@code .tflite} models.
 */
public final class FactoryImages {
    /** TF-M's image header size. */
    public static final int HEADER_SIZE = 0x400;
    /** Version of the secure image (the TF-M generation it models). */
    public static final String SECURE_VERSION = "1.7.0";
    /** Version of the non-secure application. */
    public static final String NON_SECURE_VERSION = "1.0.0";

    private static final KeyPair DEMO_KEY = loadDemoKey();

    private FactoryImages() {
    }

    private static KeyPair loadDemoKey() {
        try (InputStream in = FactoryImages.class.getResourceAsStream("demo-image-signing-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("the demo image signing key is missing from the jar");
            }
            return KeyFiles.parseKeyPair(new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                    "demo-image-signing-key.pem");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo image signing key", e);
        }
    }

    /** The key table of the bootloader: the demo key only. */
    public static KeyTable demoKeyTable() {
        return KeyTable.ofPublicKeys(DEMO_KEY.getPublic());
    }

    /** The demo signing key, for signing update images in demos and tests. */
    public static ImageSigningKey demoSigningKey() {
        return ImageSigningKey.of(DEMO_KEY.getPrivate(), DEMO_KEY.getPublic());
    }

    /** The PEM of the demo public key (what {@code imgtool getpub} would print as PEM). */
    public static String demoPublicKeyPem() {
        return KeyFiles.publicKeyPem(DEMO_KEY.getPublic());
    }

    static byte[] secureImagePayload() {
        return ("cai4j secure image: TF-M " + SECURE_VERSION
                + " model (crypto, protected storage, internal trusted storage, HUK derivation, TFLM, uTVM,"
                + " initial attestation)\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] nonSecureImagePayload() {
        return ("cai4j non-secure image: Zephyr application " + NON_SECURE_VERSION
                + " (shell: keys, info, infer)\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Signs {@code payload} as an image for a slot of the device: TF-M's header size, the slot size,
     * security counter from the version, signed with the demo key.
     *
     * @param confirm sets image_ok (a factory image), or leaves it unset for a test update
     * @param pad     adds the trailer magic so the bootloader sees an update pending in the secondary slot
     */
    public static byte[] sign(byte[] payload, String version, boolean confirm, boolean pad, SecureRandom random)
            throws ImageException {
        SignOptions options = SignOptions.builder()
                .version(version)
                .headerSize(HEADER_SIZE)
                .padHeader(true)
                .slotSize(DeviceFlash.SLOT_SIZE)
                .align(DeviceFlash.WRITE_GRANULARITY)
                .maxAlign(DeviceFlash.WRITE_GRANULARITY)
                .securityCounterAuto()
                .confirm(confirm)
                .pad(pad)
                .build();
        return new ImageSigner(random).sign(payload, options, demoSigningKey());
    }
}

package io.github.cai4j.bootloader;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Fixed keys for the fuzz tests, so the seed inputs carry valid signatures and decrypt. */
public final class FuzzKeys {
    public static final KeyPair SIGNER;
    public static final KeyPair DEVICE;

    static {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(7);
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), seeded);
            SIGNER = g.generateKeyPair();
            DEVICE = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FuzzKeys() {
    }
}

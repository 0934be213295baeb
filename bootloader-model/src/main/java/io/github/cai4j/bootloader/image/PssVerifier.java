package io.github.cai4j.bootloader.image;

import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * RSA-PSS verification as MCUboot does it (SHA-256, MGF1-SHA256, 32-byte salt, trailer 0xBC) over a digest the
 * caller already computed, so a large image is hashed once.
 */
final class PssVerifier {
    private static final int SALT_LENGTH = 32;

    private PssVerifier() {
    }

    static boolean verifyDigest(RSAPublicKey key, byte[] sha256, byte[] signature) {
        PSSSigner pss = PSSSigner.createRawSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(),
                SALT_LENGTH, PSSSigner.TRAILER_IMPLICIT);
        try {
            pss.init(false, new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent()));
            pss.update(sha256, 0, sha256.length);
            return pss.verifySignature(signature);
        } catch (DataLengthException | IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }
}

package io.github.cai4j.crypto.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA P-256 over a hash, raw {@code r || s} (32 + 32 bytes, big-endian). The hash is truncated to the bit
 * length of n as ECDSA specifies, so a longer "hash" (the firmware's 64-byte CSR buffer, {@code spec/firmware.md}
 * §1.4) signs its first 32 bytes. No low-s normalisation, as Mbed TLS.
 */
final class Ecdsa {
    static final int SIGNATURE_BYTES = 64;

    private Ecdsa() {
    }

    /**
     * Signs {@code hash}.
     *
     * @param deterministic RFC 6979 (HMAC-SHA256 k) instead of a random k
     * @param nonces        where a random k comes from: returns a candidate k (rejected and redrawn unless in
     *                      [1, n-1])
     */
    static byte[] sign(ECPrivateKeyParameters key, byte[] hash, boolean deterministic, SecureRandom random,
                       Supplier<BigInteger> nonces) {
        ECDSASigner signer;
        if (deterministic) {
            signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
        } else {
            signer = new ECDSASigner(new SuppliedK(nonces));
            signer.init(true, new ParametersWithRandom(key, random));
        }
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] out = new byte[SIGNATURE_BYTES];
        System.arraycopy(P256.scalarBytes(rs[0]), 0, out, 0, 32);
        System.arraycopy(P256.scalarBytes(rs[1]), 0, out, 32, 32);
        return out;
    }

    /** Verifies a raw signature; {@code false} for any malformed or out-of-range signature. */
    static boolean verify(ECPublicKeyParameters key, byte[] hash, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(hash, r, s);
    }

    /** Random k from a supplier, redrawn until 1 &le; k &lt; n. */
    private static final class SuppliedK implements DSAKCalculator {
        private final Supplier<BigInteger> source;
        private BigInteger n;

        SuppliedK(Supplier<BigInteger> source) {
            this.source = source;
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }

        @Override
        public void init(BigInteger order, SecureRandom random) {
            this.n = order;
        }

        @Override
        public void init(BigInteger order, BigInteger d, byte[] message) {
            throw new IllegalStateException("not a deterministic calculator");
        }

        @Override
        public BigInteger nextK() {
            while (true) {
                BigInteger k = source.get();
                if (k.signum() > 0 && k.compareTo(n) < 0) {
                    return k;
                }
            }
        }
    }
}

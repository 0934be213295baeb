package io.github.cai4j.huk;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A second, independent implementation of the firmware's derivations ({@code spec/firmware.md} §1.2, §1.3, §1.5,
 * §2) straight from the HUK with BouncyCastle's HKDF: the oracle the partition's results are checked against.
 */
final class ReferenceDerivation {
    static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

    private ReferenceDerivation() {
    }

    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** TF-M 1.6: {@code HKDF(salt = LE32(caller) ‖ label, IKM = HUK, info = "", 16)}. */
    static byte[] gen16(byte[] huk, int caller, String label) {
        return hkdf(concat(le32(caller), ascii(label)), huk, new byte[0], 16);
    }

    /** TF-M 1.7+: the builtin HUK as the owner sees it. */
    static byte[] subHuk(byte[] huk, int owner) {
        return hkdf(new byte[0], huk, le32(owner), 32);
    }

    /** PSA ECC P-256 derivation from an OKM stream: k from 32-byte draws until k ≤ n−2, d = k + 1. */
    static BigInteger psaEccPrivateKey(byte[] okmStream) {
        BigInteger nMinus2 = P256.getN().subtract(BigInteger.TWO);
        for (int off = 0; off + 32 <= okmStream.length; off += 32) {
            BigInteger k = new BigInteger(1, Arrays.copyOfRange(okmStream, off, off + 32));
            if (k.compareTo(nMinus2) <= 0) {
                return k.add(BigInteger.ONE);
            }
        }
        throw new AssertionError("OKM stream exhausted");
    }

    /** TF-M 1.7+: {@code d} of the key derived with {@code label} by {@code owner}. */
    static BigInteger gen17PrivateKey(byte[] huk, int owner, String label) {
        return psaEccPrivateKey(hkdf(new byte[0], subHuk(huk, owner), ascii(label), 32 * 8));
    }

    static byte[] unsigned32(BigInteger d) {
        byte[] b = d.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    /** The UUID of a device. */
    static String uuid(byte[] huk, boolean tfm16, int partitionId, String extra) {
        byte[] b = tfm16 ? gen16(huk, partitionId, "UUID" + extra)
                : Arrays.copyOf(unsigned32(gen17PrivateKey(huk, partitionId, "UUID" + extra)), 16);
        return DeviceUuid.fromDerivedBytes(b).value();
    }

    /** The private scalar of an EC device key named {@code base} (HUK_COSE, HUK_CLIENT_TLS) derived by {@code owner}. */
    static BigInteger ecKey(byte[] huk, boolean tfm16, int owner, String base, String extra) {
        if (tfm16) {
            byte[] d = concat(gen16(huk, owner, base + "_EC_PRIV_KEY_HI" + extra),
                    gen16(huk, owner, base + "_EC_PRIV_KEY_LO" + extra));
            return new BigInteger(1, d);
        }
        return gen17PrivateKey(huk, owner, base + "_EC_PRIV_KEY" + extra);
    }

    /** {@code 04 ‖ X ‖ Y} of {@code d·G}. */
    static byte[] publicKey(BigInteger d) {
        ECPoint q = new FixedPointCombMultiplier().multiply(P256.getG(), d).normalize();
        return q.getEncoded(false);
    }
}

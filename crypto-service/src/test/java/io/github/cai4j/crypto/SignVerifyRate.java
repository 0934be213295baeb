package io.github.cai4j.crypto;

import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * A one-off measurement of sign / verify / ECDH / AES-GCM rates through the call gate (not a test, and no
 * timing is asserted anywhere; the benchmarks module holds the JMH versions). Run by hand:
 * {@code java -cp <test-classes>:<classes>:<deps> io.github.cai4j.crypto.SignVerifyRate}.
 * Reports operations per process-CPU second (includes JIT and GC threads) and per wall second.
 */
public final class SignVerifyRate {
    private SignVerifyRate() {
    }

    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** Three rounds of about three seconds each; the last (warmest) round is printed. */
    private static void measure(String name, Op op) throws Exception {
        String line = "";
        for (int round = 0; round < 3; round++) {
            long cpu0 = cpuNanos();
            long wall0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - wall0 < 3_000_000_000L) {
                for (int i = 0; i < 50; i++) {
                    op.run();
                }
                n += 50;
            }
            double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
            double wallSeconds = (System.nanoTime() - wall0) / 1e9;
            line = String.format(Locale.ROOT, "%-40s %9.0f ops/CPU-s  %9.0f ops/wall-s  (%d ops)", name,
                    n / cpuSeconds, n / wallSeconds, n);
        }
        System.out.println(line);
    }

    /** The same primitives straight on BouncyCastle, without the gate, for comparison. */
    private static void baseline() throws Exception {
        org.bouncycastle.asn1.x9.X9ECParameters x9 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
        org.bouncycastle.crypto.params.ECDomainParameters dom = new org.bouncycastle.crypto.params.ECDomainParameters(
                x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        java.security.SecureRandom r = new java.security.SecureRandom();
        java.math.BigInteger d = new java.math.BigInteger(250, r).add(java.math.BigInteger.ONE);
        org.bouncycastle.crypto.params.ECPrivateKeyParameters priv =
                new org.bouncycastle.crypto.params.ECPrivateKeyParameters(d, dom);
        org.bouncycastle.crypto.params.ECPublicKeyParameters pub =
                new org.bouncycastle.crypto.params.ECPublicKeyParameters(dom.getG().multiply(d).normalize(), dom);
        byte[] h = new byte[32];
        org.bouncycastle.crypto.signers.ECDSASigner signer = new org.bouncycastle.crypto.signers.ECDSASigner();
        signer.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(priv, r));
        java.math.BigInteger[] sig = signer.generateSignature(h);
        measure("baseline: BouncyCastle sign (no gate)", () -> signer.generateSignature(h));
        org.bouncycastle.crypto.signers.ECDSASigner verifier = new org.bouncycastle.crypto.signers.ECDSASigner();
        verifier.init(false, pub);
        measure("baseline: BouncyCastle verify (no gate)", () -> verifier.verifySignature(h, sig[0], sig[1]));
    }

    public static void main(String[] args) throws Exception {
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new CryptoPartition(HukSource.dummy(), CryptoConfig.defaults(), PlatformLog.discard()));
        gate.start();
        CryptoClient c = new CryptoClient(gate.nonSecureClient());
        int key = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
        int det = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.SIGN_HASH).algorithm(PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256).build());
        int dh = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.DERIVE).algorithm(PsaAlgorithm.ECDH).build());
        byte[] peer = c.exportPublicKey(dh);
        int aes = c.generateKey(KeyAttributes.builder().type(PsaKeyType.AES).bits(128)
                .usage(PsaKeyUsage.ENCRYPT).algorithm(PsaAlgorithm.GCM).build());
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(new byte[100]);
        byte[] sig = c.signHash(key, PsaAlgorithm.ECDSA_SHA_256, hash);
        byte[] kib = new byte[1024];
        byte[] nonce = new byte[12];
        baseline();
        measure("sign_hash ECDSA P-256 (randomized)", () -> c.signHash(key, PsaAlgorithm.ECDSA_SHA_256, hash));
        measure("sign_hash ECDSA P-256 (RFC 6979)", () -> c.signHash(det, PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256,
                hash));
        measure("verify_hash ECDSA P-256", () -> c.verifyHash(key, PsaAlgorithm.ECDSA_SHA_256, hash, sig));
        measure("raw_key_agreement ECDH P-256", () -> c.rawKeyAgreement(PsaAlgorithm.ECDH, dh, peer));
        measure("aead_encrypt AES-128-GCM 1 KiB", () -> c.aeadEncrypt(aes, PsaAlgorithm.GCM, nonce, hash, kib));
        measure("HUK HKDF + ECC output_key + destroy", () -> {
            int k;
            try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
                op.inputKey(DerivationStep.SECRET, PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK);
                op.inputBytes(DerivationStep.INFO, hash);
                k = op.outputKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                        .usage(PsaKeyUsage.SIGN_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
            }
            c.destroyKey(k);
        });
    }
}

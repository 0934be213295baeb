package io.github.cai4j.attestation;

import io.github.cai4j.crypto.CryptoConfig;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.SecurePartition;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/** A booted secure world with the real crypto partition and the attestation partition, seen from NS. */
final class AttestationFixture {
    final CallGate gate;
    final RecordingLog log;
    final InitialAttestationPartition partition;
    final AttestationClient ns;

    private AttestationFixture(CallGate gate, RecordingLog log, InitialAttestationPartition partition) {
        this.gate = gate;
        this.log = log;
        this.partition = partition;
        this.ns = new AttestationClient(gate.nonSecureClient());
    }

    static AttestationFixture boot() throws PsaException {
        return boot(HukSource.dummy(), AttestationConfig.defaults(), components("model-v1"));
    }

    static AttestationFixture boot(HukSource huk, AttestationConfig config, List<SoftwareComponent> components,
            SecurePartition... extra) throws PsaException {
        return boot(huk, TfmProfile.TFM_1_7, config, components, extra);
    }

    static AttestationFixture boot(HukSource huk, TfmProfile cryptoProfile, AttestationConfig config,
            List<SoftwareComponent> components, SecurePartition... extra) throws PsaException {
        RecordingLog log = new RecordingLog();
        CallGate gate = new CallGate(log);
        gate.register(new CryptoPartition(huk, CryptoConfig.builder().profile(cryptoProfile)
                .random(new SecureRandom()).build(), log));
        InitialAttestationPartition p = new InitialAttestationPartition(config, components);
        gate.register(p);
        for (SecurePartition s : extra) {
            gate.register(s);
        }
        gate.start();
        return new AttestationFixture(gate, log, p);
    }

    /** Boot measurements of a device: secure image, NS image and a model image whose content is {@code model}. */
    static List<SoftwareComponent> components(String model) {
        return List.of(
                new SoftwareComponent("SPE", sha256("secure image"), "1.7.0", sha256("signer S"), "SHA256"),
                new SoftwareComponent("NSPE", sha256("non-secure image"), "0.0.0", sha256("signer NS"), "SHA256"),
                new SoftwareComponent("MODEL", sha256(model), "1.0.0", sha256("model signer"), "SHA256"));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] challenge(int size, int seed) {
        byte[] c = new byte[size];
        for (int i = 0; i < size; i++) {
            c[i] = (byte) (seed * 31 + i * 7);
        }
        return c;
    }
}

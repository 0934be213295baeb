package io.github.cai4j.huk;

import io.github.cai4j.crypto.CryptoConfig;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.huk.internal.Le;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.storage.FlashArea;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.ProtectedStoragePartition;
import io.github.cai4j.storage.StorageConfig;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;

/**
 * A minimal device for tests: the real crypto and protected storage partitions, the HUK partition and a helper partition that calls the
 * secure-only COSE encode service on behalf of the non-secure side (as the inference partitions and the firmware's
 * test helper partition do).
 */
final class TestDevice {
    /** The firmware's test helper partition id and service. */
    static final int HELPER_PARTITION_ID = 0x4c690400;
    static final int HELPER_SID = 0x4c690401;

    /** The helper's call type that asks for an AAT. */
    static final int AAT_CALL = 1;
    static final String TFLM_VERSION = "c2018a7bf84364cc743491a52b41248497569e03";
    static final String TFLM_MODEL = "27036dd122bc82da54fc0f2d7d99497b";
    static final String UTVM_VERSION = "0.9.dev0";
    static final String UTVM_MODEL = "b8085238f6e790f25de393e203136776";

    final CallGate gate;
    final RecordingLog log = new RecordingLog();
    final HukDerivConfig config;
    final HukDerivPartition huk;

    final MemoryFlash flash;

    private TestDevice(HukSource source, HukDerivConfig config, MemoryFlash flash, SecurePartition hukOverride)
            throws PsaException {
        this.config = config;
        this.flash = flash;
        gate = new CallGate(log);
        gate.register(new CryptoPartition(source, CryptoConfig.builder().profile(config.profile()).build(), log));
        PlatformNvCounters counters = new PlatformNvCounters(new FlashArea(flash, 0, 2));
        gate.register(new ProtectedStoragePartition(
                StorageConfig.builder(new FlashArea(flash, 2, 4), counters).maxObjects(16).build()));
        if (hukOverride == null) {
            huk = new HukDerivPartition(config);
            gate.register(huk);
            gate.register(new EncodeHelper(config));
        } else {
            huk = null;
            gate.register(hukOverride);
        }
        gate.start();
    }

    static MemoryFlash freshFlash() {
        return new MemoryFlash(new FlashGeometry(4096, 6, 4));
    }

    static TestDevice boot(byte[] huk, HukDerivConfig config) throws PsaException {
        return new TestDevice(HukSource.of(huk), config, freshFlash(), null);
    }

    static TestDevice boot(HukDerivConfig config) throws PsaException {
        return new TestDevice(HukSource.dummy(), config, freshFlash(), null);
    }

    /** Boots the real partitions on an existing flash image. */
    static TestDevice rebootOn(MemoryFlash flash, HukDerivConfig config) throws PsaException {
        return new TestDevice(HukSource.dummy(), config, flash, null);
    }

    /** Boots again on the same flash (a power cycle). */
    TestDevice reboot() throws PsaException {
        return new TestDevice(HukSource.dummy(), config, flash, null);
    }

    /**
     * Boots {@code flash} with {@code impostor} registered under the HUK partition's id instead of the real one, so
     * a test can prepare that partition's PS objects.
     */
    static void bootAs(MemoryFlash flash, HukDerivConfig config, SecurePartition impostor) throws PsaException {
        new TestDevice(HukSource.dummy(), config, flash, impostor);
    }

    PsaClient ns() {
        return gate.nonSecureClient();
    }

    HukDerivClient client() {
        return new HukDerivClient(ns(), config.profile());
    }

    /** Asks the helper partition to encode {@code value} in {@code format} into {@code capacity} bytes. */
    byte[] encodeViaSecureCaller(float value, int format, int capacity) throws PsaException {
        PsaClient ns = ns();
        int h = ns.connect(HELPER_SID, 1);
        PsaException.check(h, "connect helper");
        try {
            byte[] out = new byte[capacity];
            byte[] len = new byte[4];
            io.github.cai4j.psa.CallResult r = ns.call(h,
                    new io.github.cai4j.psa.InVec[] {io.github.cai4j.psa.InVec.of(Le.bytes32(Float.floatToRawIntBits(value))),
                        io.github.cai4j.psa.InVec.of(Le.bytes32(format))},
                    new io.github.cai4j.psa.OutVec[] {io.github.cai4j.psa.OutVec.of(out),
                        io.github.cai4j.psa.OutVec.of(len)}).orThrow("helper");
            return java.util.Arrays.copyOf(out, r.outLength(0));
        } finally {
            ns.close(h);
        }
    }

    /** Asks the helper partition for an application attestation token (TF-M 1.7+). */
    byte[] aatViaSecureCaller(int capacity) throws PsaException {
        PsaClient ns = ns();
        int h = ns.connect(HELPER_SID, 1);
        PsaException.check(h, "connect helper");
        try {
            byte[] out = new byte[capacity];
            io.github.cai4j.psa.CallResult r = ns.call(h, AAT_CALL, new io.github.cai4j.psa.InVec[0],
                    new io.github.cai4j.psa.OutVec[] {io.github.cai4j.psa.OutVec.of(out)}).orThrow("helper");
            return java.util.Arrays.copyOf(out, r.outLength(0));
        } finally {
            ns.close(h);
        }
    }

    /** The helper: in[0] float, in[1] format; forwards to the HUK encode service as itself. */
    static final class EncodeHelper implements SecurePartition {
        private final HukDerivConfig config;
        private PartitionContext context;

        EncodeHelper(HukDerivConfig config) {
            this.config = config;
        }

        @Override
        public PartitionManifest manifest() {
            PartitionManifest.Builder b = PartitionManifest.builder("TFM_SP_TEST_HELPER", HELPER_PARTITION_ID)
                    .service(ServiceManifest.connectionBased("TFM_TEST_HELPER_SERVICE", HELPER_SID, true))
                    .dependsOn(HukServices.SID_COSE_CBOR_ENC_SIGN);
            if (config.profile() == io.github.cai4j.crypto.TfmProfile.TFM_1_7) {
                b.dependsOn(HukServices.SID_AAT);
            }
            return b.build();
        }

        @Override
        public void init(PartitionContext ctx) {
            this.context = ctx;
        }

        @Override
        public int handle(Message m) throws PsaException {
            if (m.type() < 0) {
                return PsaStatus.SUCCESS.value();
            }
            if (m.type() == AAT_CALL) {
                HukDerivClient c = new HukDerivClient(context.client(), config.profile());
                byte[] token = c.signAat(TFLM_VERSION, TFLM_MODEL, UTVM_VERSION, UTVM_MODEL, m.outCapacity(0));
                m.write(0, token);
                return PsaStatus.SUCCESS.value();
            }
            float value = Float.intBitsToFloat(Le.int32(m.input(0), 0));
            int format = Le.int32(m.input(1), 0);
            HukDerivClient c = new HukDerivClient(context.client(), config.profile());
            byte[] encoded = c.encode(value, format, m.outCapacity(0));
            m.write(0, encoded);
            m.write(1, Le.bytes32(encoded.length));
            return PsaStatus.SUCCESS.value();
        }
    }
}

package io.github.cai4j.inference.service;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;

/**
 * A real call gate with the inference partitions under test, the fake HUK partition and a secure "probe"
 * partition (0x4c690400, the firmware's test-helper id) whose client may call the secure-only version services.
 */
final class InferenceGate {
    final RecordingLog log = new RecordingLog();
    final CallGate gate = new CallGate(log);
    final FakeHukPartition huk = new FakeHukPartition();
    final Probe probe;

    InferenceGate(SecurePartition... partitions) throws PsaException {
        gate.register(huk);
        java.util.Set<Integer> secureOnly = new java.util.TreeSet<>();
        for (SecurePartition p : partitions) {
            gate.register(p);
            for (var s : p.manifest().services()) {
                if (!s.nonSecureClients()) {
                    secureOnly.add(s.sid());
                }
            }
        }
        probe = new Probe(secureOnly);
        gate.register(probe);
        gate.start();
    }

    PsaClient ns() {
        return gate.nonSecureClient();
    }

    /** A secure partition with no services that may call the version services. */
    static final class Probe implements SecurePartition {
        private final PartitionManifest manifest;
        private volatile PartitionContext context;

        Probe(java.util.Set<Integer> sids) {
            PartitionManifest.Builder b = PartitionManifest.builder("TFM_SP_TEST_HELPER", 0x4c69_0400);
            for (int sid : sids) {
                b.dependsOn(sid);
            }
            manifest = b.build();
        }

        @Override
        public PartitionManifest manifest() {
            return manifest;
        }

        @Override
        public void init(PartitionContext ctx) {
            this.context = ctx;
        }

        @Override
        public int handle(Message message) {
            return 0;
        }

        PsaClient client() {
            return context.client();
        }
    }
}

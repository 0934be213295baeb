package io.github.cai4j.crypto;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import java.security.SecureRandom;

/**
 * A booted call gate with the crypto partition and one secure partition (the HUK partition's id 0x4c690100)
 * that depends on the crypto service, so tests can call as the non-secure world and as a partition.
 */
final class CryptoFixture {
    static final int SECURE_ID = 0x4c690100;

    final CallGate gate;
    final CryptoPartition partition;
    final CryptoClient ns;
    final CryptoClient secure;
    final RecordingLog log = new RecordingLog();

    private CryptoFixture(CryptoConfig config, HukSource huk) throws PsaException {
        gate = new CallGate(log);
        partition = new CryptoPartition(huk, config, log);
        ClientPartition client = new ClientPartition();
        gate.register(partition);
        gate.register(client);
        gate.start();
        ns = new CryptoClient(gate.nonSecureClient());
        secure = new CryptoClient(client.context.client());
    }

    static CryptoFixture boot() throws PsaException {
        return boot(TfmProfile.TFM_1_7);
    }

    static CryptoFixture boot(TfmProfile profile) throws PsaException {
        return new CryptoFixture(CryptoConfig.builder().profile(profile).random(new SecureRandom()).build(),
                HukSource.dummy());
    }

    static CryptoFixture boot(CryptoConfig config) throws PsaException {
        return new CryptoFixture(config, HukSource.dummy());
    }

    static CryptoFixture boot(CryptoConfig config, HukSource huk) throws PsaException {
        return new CryptoFixture(config, huk);
    }

    /** A client for another non-secure client id. */
    CryptoClient nonSecure(int clientId) {
        return new CryptoClient(gate.nonSecureClient(clientId));
    }

    /** A partition with no services that may call the crypto service. */
    static final class ClientPartition implements SecurePartition {
        PartitionContext context;

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("TFM_SP_HUK_DERI", SECURE_ID).dependsOn(CryptoPartition.SID).build();
        }

        @Override
        public void init(PartitionContext ctx) {
            this.context = ctx;
        }

        @Override
        public int handle(Message message) throws PsaException {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "no services");
        }
    }
}

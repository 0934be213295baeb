package io.github.cai4j.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The README's example: a firmware team's own secure service, called from non-secure code through the gate. */
class CustomPartitionTest {
    static final int HASH_SID = 0x4c690a01;

    /** Hashes its input with SHA-256 through the crypto partition, as a TF-M partition would. */
    static final class HashService implements SecurePartition {
        private CryptoClient crypto;

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("MY_HASH_SP", 0x4c690a00)
                    .service(ServiceManifest.connectionBased("MY_HASH", HASH_SID, true))
                    .dependsOn(CryptoPartition.SID)
                    .build();
        }

        @Override
        public void init(PartitionContext context) {
            crypto = new CryptoClient(context.client());
        }

        @Override
        public int handle(Message m) throws PsaException {
            if (m.type() != Psa.IPC_CALL) {
                return PsaStatus.SUCCESS.value();
            }
            if (m.inCount() != 1 || m.outCount() != 1 || m.outCapacity(0) < 32) {
                return PsaStatus.ERROR_INVALID_ARGUMENT.value();
            }
            m.write(0, crypto.hashCompute(PsaAlgorithm.SHA_256, m.input(0)));
            return PsaStatus.SUCCESS.value();
        }
    }

    @Test
    void userPartitionIsReachableFromNonSecureCode() throws Exception {
        DeviceConfig config = DeviceConfig.builder().partition(HashService::new).build();
        try (Device device = Device.boot(config)) {
            PsaClient ns = device.nonSecure().psaClient();
            int handle = ns.connect(HASH_SID, 1);
            byte[] digest = new byte[32];
            CallResult r = ns.call(handle, new InVec[] {InVec.of("hello".getBytes())},
                    new OutVec[] {OutVec.of(digest)});
            ns.close(handle);
            assertEquals(0, r.status());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("hello".getBytes()), digest);
        }
    }
}

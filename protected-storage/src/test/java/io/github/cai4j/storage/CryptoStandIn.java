package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;

/** Occupies the crypto SID for gate tests whose PS runs on the JDK cipher; it answers nothing. */
final class CryptoStandIn implements SecurePartition {
    @Override
    public PartitionManifest manifest() {
        return PartitionManifest.builder("CRYPTO_STAND_IN", 259)
                .service(ServiceManifest.stateless("TFM_CRYPTO", ProtectedStoragePartition.CRYPTO_SID, true, 1))
                .build();
    }

    @Override
    public int handle(Message message) throws PsaException {
        throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "stand-in");
    }
}

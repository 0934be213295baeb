package io.github.cai4j.device.aat;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.HukDerivClient;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.inference.service.InferenceServices;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The TF-M 1.7+ application attestation token partition ({@code TFM_SP_AAT}, 0x4c690500; {@code spec/firmware.md}
 * §8.1): its non-secure service {@code TFM_AAT_SERVICE} (0x4c690501; no input, out[0] = token, out[1] = size_t
 * length) asks the TFLM and uTVM version services for their engine and model versions and has the HUK partition
 * sign them with the COSE key 0x5002. Unlike the firmware, the version structures are zero-initialised, as the
 * firmware intended.
 */
public final class AatPartition implements SecurePartition {
    public static final int PARTITION_ID = 0x4c69_0500;
    public static final int SID = 0x4c69_0501;
    private static final String LOG_SOURCE = "AAT SERVICE";
    private static final int SIZE_T = 4;

    private PsaClient client;
    private PlatformLog log = PlatformLog.discard();

    @Override
    public PartitionManifest manifest() {
        return PartitionManifest.builder("TFM_SP_AAT", PARTITION_ID)
                .service(ServiceManifest.connectionBased("TFM_AAT_SERVICE", SID, true))
                .dependsOn(InferenceServices.TFLM_VERSION_INFO_SID, InferenceServices.TFLM_MODEL_VERSION_INFO_SID,
                        InferenceServices.UTVM_VERSION_INFO_SID, InferenceServices.UTVM_MODEL_VERSION_INFO_SID,
                        HukServices.SID_AAT)
                .build();
    }

    @Override
    public void init(PartitionContext context) {
        client = context.client();
        log = context.log();
    }

    @Override
    public int handle(Message m) throws PsaException {
        if (m.type() == Psa.IPC_CONNECT || m.type() == Psa.IPC_DISCONNECT) {
            return PsaStatus.SUCCESS.value();
        }
        if (m.type() != Psa.IPC_CALL || m.outCount() != 2 || m.outCapacity(1) != SIZE_T) {
            return PsaStatus.ERROR_PROGRAMMER_ERROR.value();
        }
        String tflm = version(InferenceServices.TFLM_VERSION_INFO_SID, null);
        String tflmModel = version(InferenceServices.TFLM_MODEL_VERSION_INFO_SID, InferenceServices.TFLM_MODEL_NAME);
        String utvm = version(InferenceServices.UTVM_VERSION_INFO_SID, null);
        String utvmModel = version(InferenceServices.UTVM_MODEL_VERSION_INFO_SID, InferenceServices.UTVM_MODEL_NAME);
        byte[] token = new HukDerivClient(client, TfmProfile.TFM_1_7)
                .signAat(tflm, tflmModel, utvm, utvmModel, m.outCapacity(0));
        m.write(0, token);
        m.write(1, ByteBuffer.allocate(SIZE_T).order(ByteOrder.LITTLE_ENDIAN).putInt(token.length).array());
        log.info(LOG_SOURCE, "Application attestation token of " + token.length + " bytes");
        return PsaStatus.SUCCESS.value();
    }

    /** Asks a version service; the answer is NUL-padded in a zeroed 42-byte buffer. */
    private String version(int sid, String modelName) throws PsaException {
        byte[] out = new byte[InferenceServices.VERSION_BUFFER_SIZE];
        InVec[] in = modelName == null ? new InVec[0]
                : new InVec[] {InVec.of(modelName.getBytes(StandardCharsets.US_ASCII))};
        int h = client.connect(sid, 1);
        PsaException.check(h, "connect to version service 0x" + Integer.toHexString(sid));
        CallResult r;
        try {
            r = client.call(h, in, new OutVec[] {OutVec.of(out)});
        } finally {
            client.close(h);
        }
        r.orThrow("version service 0x" + Integer.toHexString(sid));
        int n = 0;
        while (n < r.outLength(0) && out[n] != 0) {
            n++;
        }
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }
}

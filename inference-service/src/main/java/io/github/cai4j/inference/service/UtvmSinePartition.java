package io.github.cai4j.inference.service;

import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.TfliteModel;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;

/**
 * {@code TFM_SP_UTVM_SERVICE} (partition 0x4c690300, {@code spec/firmware.md} §3.2): the float32 sine network as
 * the microTVM-generated code evaluates it (sequential float32 sums from 0.0f, bias last, {@code v > 0 ? v : 0}
 * ReLU, no fused multiply-add).
 *
 * <ul>
 *   <li>{@code TFM_UTVM_SINE_MODEL_SERVICE} 0x4c690320 (non-secure callers allowed): in[0] = float radians
 *       (4 bytes LE), in[1] = the 36-byte config (u32 format, {@code char model[32]} = {@code "UTVM_MODEL_SINE"});
 *       out[0] = the HUK partition's encoding of the result, out[1] = its length (u32). No input range check.</li>
 *   <li>{@code TFM_UTVM_VERSION_INFO_SERVICE} 0x4c690321: out[0] must be exactly 42 bytes; writes
 *       {@code "0.9.dev0"} (no NUL).</li>
 *   <li>{@code TFM_UTVM_MODEL_VERSION_INFO_SERVICE} 0x4c690322: in[0] = model name (at most 42 bytes), out[0]
 *       exactly 42 bytes; writes the model's md5 in hex (32 chars, no NUL).</li>
 * </ul>
 * Depends on the HUK partition's {@code TFM_HUK_COSE_CBOR_ENC_SIGN} (0x4c690103).
 */
public final class UtvmSinePartition implements SecurePartition {
    /** The partition's name in the manifest. */
    public static final String NAME = "TFM_SP_UTVM_SERVICE";
    /** Log source of the partition's lines. */
    public static final String LOG_SOURCE = "UTVM SERVICE";

    private final SineService service;

    /** The partition with the project's shipped float32 sine model. */
    public UtvmSinePartition() throws ModelException {
        this(SineModels.shippedFloat());
    }

    /**
     * The partition with a float32 model: a chain of FULLY_CONNECTED operators (NONE or RELU) from one input
     * element to one output element, e.g. the verified payload of the model image.
     *
     * @throws ModelException if the bytes are not such a model
     */
    public UtvmSinePartition(byte[] model) throws ModelException {
        byte[] copy = model.clone();
        SequentialFloatNetwork network = SequentialFloatNetwork.of(TfliteModel.read(copy));
        this.service = new SineService(NAME, InferenceServices.UTVM_PARTITION_ID, LOG_SOURCE,
                InferenceServices.UTVM_MODEL_NAME,
                new String[] {"TFM_UTVM_SINE_MODEL_SERVICE", "TFM_UTVM_VERSION_INFO_SERVICE",
                    "TFM_UTVM_MODEL_VERSION_INFO_SERVICE"},
                new int[] {InferenceServices.UTVM_SINE_MODEL_SID, InferenceServices.UTVM_VERSION_INFO_SID,
                    InferenceServices.UTVM_MODEL_VERSION_INFO_SID},
                InferenceServices.UTVM_VERSION, InferenceServices.modelVersion(copy), false, network::evaluate,
                "UTVM initalisation completed");
    }

    /** The model's version string (md5 hex of the model bytes). */
    public String modelVersion() {
        return service.modelVersion();
    }

    @Override
    public PartitionManifest manifest() {
        return service.manifest();
    }

    @Override
    public void init(PartitionContext context) {
        service.init(context);
    }

    @Override
    public int handle(Message message) throws PsaException {
        return service.handle(message);
    }

    @Override
    public String toString() {
        return NAME + "[model " + service.modelVersion() + "]";
    }
}

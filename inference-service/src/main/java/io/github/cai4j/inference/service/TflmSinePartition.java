package io.github.cai4j.inference.service;

import io.github.cai4j.inference.engine.Interpreter;
import io.github.cai4j.inference.engine.TensorView;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;

/**
 * {@code TFM_SP_TFLM_SERVICE} (partition 0x4c690200, {@code spec/firmware.md} §3.1): an int8 sine model run with
 * TFLM's reference-kernel arithmetic, the firmware's own input quantization and output dequantization around it.
 *
 * <ul>
 *   <li>{@code TFM_TFLM_SERVICE_HELLO} 0x4c690211 (non-secure callers allowed): in[0] = float radians (4 bytes
 *       LE), in[1] = the 36-byte config (u32 format, {@code char model[32]} = {@code "TFLM_MODEL_SINE"}); inputs
 *       outside [0, {@code 2.f * 3.14159265359f}] are PROGRAMMER_ERROR; out[0] = the HUK partition's encoding of
 *       the result, out[1] = its length (u32).</li>
 *   <li>{@code TFM_TFLM_VERSION_INFO_SERVICE} 0x4c690212: out[0] must be exactly 42 bytes; writes the 40-char
 *       tflite-micro commit (no NUL).</li>
 *   <li>{@code TFM_TFLM_MODEL_VERSION_INFO_SERVICE} 0x4c690213: in[0] = model name (at most 42 bytes), out[0]
 *       exactly 42 bytes; writes the model's md5 in hex (32 chars, no NUL).</li>
 * </ul>
 * Quantization is the app's {@code (int8_t)(x / s_in + zp_in)}: a float division and add, then conversion toward
 * zero (saturating to int32 and keeping the low 8 bits, as a Cortex-M does; NaN gives 0). Dequantization is
 * {@code (float)(q_out - zp_out) * s_out}. Depends on the HUK partition's {@code TFM_HUK_COSE_CBOR_ENC_SIGN}
 * (0x4c690103).
 */
public final class TflmSinePartition implements SecurePartition {
    /** The partition's name in the manifest. */
    public static final String NAME = "TFM_SP_TFLM_SERVICE";
    /** Log source of the partition's lines. */
    public static final String LOG_SOURCE = "TFLM SERVICE";

    private final SineService service;
    private final Interpreter interpreter;
    private final float inputScale;
    private final int inputZero;
    private final float outputScale;
    private final int outputZero;

    /** The partition with the project's shipped int8 sine model. */
    public TflmSinePartition() throws ModelException {
        this(SineModels.shippedInt8());
    }

    /**
     * The partition with an int8 model of one int8 input element and one int8 output element (e.g. the verified
     * payload of the model image, or the firmware's own hello_world model).
     *
     * @throws ModelException if the bytes are not such a model
     */
    public TflmSinePartition(byte[] model) throws ModelException {
        byte[] copy = model.clone();
        this.interpreter = Interpreter.create(TfliteModel.read(copy));
        if (interpreter.inputCount() != 1 || interpreter.outputCount() != 1) {
            throw new ModelException("the TFLM sine model must have one input and one output");
        }
        TensorView in = interpreter.input(0);
        TensorView out = interpreter.output(0);
        if (in.type() != TensorType.INT8 || out.type() != TensorType.INT8 || in.elementCount() != 1
                || out.elementCount() != 1 || in.quantization().isEmpty() || out.quantization().isEmpty()) {
            throw new ModelException("the TFLM sine model needs a quantized int8 input and output of one element, got "
                    + in.type() + " -> " + out.type());
        }
        this.inputScale = in.scale();
        this.inputZero = in.zeroPoint();
        this.outputScale = out.scale();
        this.outputZero = out.zeroPoint();
        this.service = new SineService(NAME, InferenceServices.TFLM_PARTITION_ID, LOG_SOURCE,
                InferenceServices.TFLM_MODEL_NAME,
                new String[] {"TFM_TFLM_SERVICE_HELLO", "TFM_TFLM_VERSION_INFO_SERVICE",
                    "TFM_TFLM_MODEL_VERSION_INFO_SERVICE"},
                new int[] {InferenceServices.TFLM_SERVICE_HELLO_SID, InferenceServices.TFLM_VERSION_INFO_SID,
                    InferenceServices.TFLM_MODEL_VERSION_INFO_SID},
                InferenceServices.TFLM_VERSION, InferenceServices.modelVersion(copy), true, this::infer,
                "TFLM initalisation completed");
    }

    /** The firmware's input quantization: {@code (int8_t)((float)(x / s) + (float)zp)}. */
    public byte quantize(float x) {
        float t = x / inputScale + (float) inputZero;
        return (byte) (int) t;
    }

    /** The firmware's output dequantization: {@code (float)(q - zp) * s}. */
    public float dequantize(byte q) {
        return (float) (q - outputZero) * outputScale;
    }

    /** The model on one quantized input. */
    public synchronized byte invoke(byte q) {
        interpreter.input(0).setInt8(0, q);
        interpreter.invoke();
        return (byte) interpreter.output(0).getInt8(0);
    }

    private float infer(float x) {
        return dequantize(invoke(quantize(x)));
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

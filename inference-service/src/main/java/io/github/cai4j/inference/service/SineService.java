package io.github.cai4j.inference.service;

import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The request handling both inference partitions share ({@code spec/firmware.md} §3.1, §3.2): the inference
 * service, the version service and the model version service, with the firmware's size rules and statuses.
 *
 * <p>Where the firmware has undefined behaviour this model refuses with PROGRAMMER_ERROR instead: an input
 * vector 0 that is not exactly 4 bytes (the firmware reads {@code in_size[0]} bytes into a 4-byte float), a
 * missing or too small out[1] for the length (the firmware's {@code psa_write} would panic), and call types
 * other than {@code PSA_IPC_CALL} (the firmware calls {@code psa_panic}).
 */
final class SineService {

    /** The model evaluation: radians in, the dequantized value out. */
    @FunctionalInterface
    interface SineFunction {
        float apply(float x);
    }

    private final String logSource;
    private final String modelName;
    private final int inferSid;
    private final int versionSid;
    private final int modelVersionSid;
    private final String version;
    private final String modelVersion;
    private final boolean rangeChecked;
    private final SineFunction function;
    private final PartitionManifest manifest;
    private final String initMessage;
    private volatile PartitionContext context;

    SineService(String partitionName, int partitionId, String logSource, String modelName, String[] serviceNames,
                int[] sids, String version, String modelVersion, boolean rangeChecked, SineFunction function,
                String initMessage) {
        this.logSource = logSource;
        this.modelName = modelName;
        this.inferSid = sids[0];
        this.versionSid = sids[1];
        this.modelVersionSid = sids[2];
        this.version = version;
        this.modelVersion = modelVersion;
        this.rangeChecked = rangeChecked;
        this.function = Objects.requireNonNull(function, "function");
        this.initMessage = initMessage;
        this.manifest = PartitionManifest.builder(partitionName, partitionId)
                .service(ServiceManifest.connectionBased(serviceNames[0], inferSid, true))
                .service(ServiceManifest.connectionBased(serviceNames[1], versionSid, false))
                .service(ServiceManifest.connectionBased(serviceNames[2], modelVersionSid, false))
                .dependsOn(InferenceServices.HUK_COSE_CBOR_ENC_SIGN_SID)
                .build();
    }

    PartitionManifest manifest() {
        return manifest;
    }

    String modelVersion() {
        return modelVersion;
    }

    void init(PartitionContext ctx) {
        this.context = ctx;
        ctx.log().info(logSource, initMessage);
    }

    int handle(Message m) throws PsaException {
        if (m.type() == Psa.IPC_CONNECT || m.type() == Psa.IPC_DISCONNECT) {
            return PsaStatus.SUCCESS.value();
        }
        if (context == null) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, manifest.name() + " has not been initialised");
        }
        if (m.type() != Psa.IPC_CALL) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "call type " + m.type() + " is not handled");
        }
        if (m.sid() == inferSid) {
            return infer(m);
        }
        if (m.sid() == versionSid) {
            return versionInfo(m);
        }
        if (m.sid() == modelVersionSid) {
            return modelVersionInfo(m);
        }
        throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "SID 0x" + Integer.toHexString(m.sid())
                + " is not a service of " + manifest.name());
    }

    private static int inSize(Message m, int i) {
        return i < m.inCount() ? m.inSize(i) : 0;
    }

    private static int outCapacity(Message m, int i) {
        return i < m.outCount() ? m.outCapacity(i) : 0;
    }

    private int infer(Message m) throws PsaException {
        if (inSize(m, 1) != InferenceServices.CONFIG_SIZE) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "config must be "
                    + InferenceServices.CONFIG_SIZE + " bytes, got " + inSize(m, 1));
        }
        if (inSize(m, 0) != InferenceServices.INPUT_SIZE) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "input must be a 4-byte float, got "
                    + inSize(m, 0) + " bytes");
        }
        float x = ByteBuffer.wrap(m.input(0)).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        byte[] config = m.input(1);
        if (!InferenceConfig.cStringEquals(config, 4, InferenceServices.CONFIG_MODEL_SIZE, modelName)) {
            String name = InferenceConfig.printable(config, 4, InferenceServices.CONFIG_MODEL_SIZE);
            context.log().error(logSource, name + " model is not supported");
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "model '" + name + "' is not supported");
        }
        // NaN passes this check, as in C: both comparisons are false
        if (rangeChecked && (InferenceServices.X_RANGE < x || x < 0.0f)) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "input " + x + " outside [0, 2pi]");
        }
        context.log().info(logSource, "Starting secure inferencing");
        float y = function.apply(x);
        context.log().info(logSource, "Starting CBOR/COSE encoding");
        byte[] encoded;
        try {
            encoded = CoseEncodeCall.encode(context.client(), y, InferenceConfig.format(config), outCapacity(m, 0));
        } catch (PsaException e) {
            context.log().error(logSource, "failed with " + e.statusValue());
            throw e;
        }
        if (m.outCount() < 2 || m.outCapacity(1) < InferenceServices.SIZE_T) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "out[1] must hold a 4-byte size_t");
        }
        m.write(0, encoded);
        m.write(1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(encoded.length).array());
        return PsaStatus.SUCCESS.value();
    }

    private int versionInfo(Message m) throws PsaException {
        if (outCapacity(m, 0) != InferenceServices.VERSION_BUFFER_SIZE) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "version buffer must be "
                    + InferenceServices.VERSION_BUFFER_SIZE + " bytes, got " + outCapacity(m, 0));
        }
        m.write(0, InferenceServices.ascii(version));
        return PsaStatus.SUCCESS.value();
    }

    private int modelVersionInfo(Message m) throws PsaException {
        if (inSize(m, 0) > InferenceServices.VERSION_BUFFER_SIZE
                || outCapacity(m, 0) != InferenceServices.VERSION_BUFFER_SIZE) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "model name must be at most "
                    + InferenceServices.VERSION_BUFFER_SIZE + " bytes and the version buffer exactly "
                    + InferenceServices.VERSION_BUFFER_SIZE);
        }
        byte[] model = new byte[InferenceServices.VERSION_BUFFER_SIZE];
        if (m.inCount() > 0) {
            byte[] in = m.input(0);
            System.arraycopy(in, 0, model, 0, in.length);
        }
        if (!InferenceConfig.cStringEquals(model, 0, model.length, modelName)) {
            String name = InferenceConfig.printable(model, 0, model.length);
            context.log().error(logSource, name + " model is not supported");
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "model '" + name + "' is not supported");
        }
        m.write(0, InferenceServices.ascii(modelVersion));
        return PsaStatus.SUCCESS.value();
    }
}

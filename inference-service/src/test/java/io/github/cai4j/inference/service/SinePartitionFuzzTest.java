package io.github.cai4j.inference.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.spm.CallGate;
import java.util.Set;

/**
 * Arbitrary requests to every service of both inference partitions, from a non-secure caller: the partitions
 * must only ever answer with a status (success or one of the firmware's errors), never fault the device.
 */
class SinePartitionFuzzTest {
    private static final Set<Integer> STATUSES = Set.of(0, -129, -134, -135, -138);
    private static final int[] SIDS = {InferenceServices.TFLM_SERVICE_HELLO_SID, InferenceServices.UTVM_SINE_MODEL_SID,
        InferenceServices.TFLM_VERSION_INFO_SID, InferenceServices.TFLM_MODEL_VERSION_INFO_SID,
        InferenceServices.UTVM_VERSION_INFO_SID, InferenceServices.UTVM_MODEL_VERSION_INFO_SID};

    private static InferenceGate gate;
    private static TflmSinePartition tflm;
    private static UtvmSinePartition utvm;

    private static synchronized InferenceGate gate() throws Exception {
        if (gate == null || gate.gate.isHalted()) {
            tflm = new TflmSinePartition();
            utvm = new UtvmSinePartition();
            gate = new InferenceGate(tflm, utvm);
        }
        return gate;
    }

    @FuzzTest
    void requestDecoding(FuzzedDataProvider data) throws Exception {
        InferenceGate g = gate();
        int sid = SIDS[data.consumeInt(0, SIDS.length - 1)];
        boolean nonSecure = sid == InferenceServices.TFLM_SERVICE_HELLO_SID
                || sid == InferenceServices.UTVM_SINE_MODEL_SID;
        int inCount = data.consumeInt(0, 2);
        int outCount = data.consumeInt(0, 4 - inCount);
        InVec[] in = new InVec[inCount];
        for (int i = 0; i < inCount; i++) {
            boolean structured = data.consumeBoolean();
            byte[] v;
            if (structured && i == 1) {
                String name = data.consumeBoolean() ? InferenceServices.TFLM_MODEL_NAME
                        : InferenceServices.UTVM_MODEL_NAME;
                v = InferenceConfig.encode(data.consumeInt(-1, 4), name);
            } else if (structured && i == 0) {
                v = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putFloat(data.consumeFloat()).array();
            } else {
                v = data.consumeBytes(data.consumeInt(0, 64));
            }
            in[i] = InVec.of(v);
        }
        OutVec[] out = new OutVec[outCount];
        for (int i = 0; i < outCount; i++) {
            out[i] = OutVec.allocate(data.consumeInt(0, 300));
        }
        CallGate cg = g.gate;
        if (nonSecure) {
            PsaClient ns = g.ns();
            int h = ns.connect(sid, 1);
            assertTrue(h > 0);
            CallResult r = ns.call(h, in, out);
            if (r.status() != -129) {
                ns.close(h);
            }
            assertTrue(STATUSES.contains(r.status()), "status " + r.status());
        } else {
            // secure-only services: call the handler directly, as a secure caller's PROGRAMMER_ERROR panics
            byte[][] inputs = new byte[inCount][];
            for (int i = 0; i < inCount; i++) {
                inputs[i] = in[i].buffer();
            }
            int[] caps = new int[outCount];
            for (int i = 0; i < outCount; i++) {
                caps[i] = out[i].length();
            }
            io.github.cai4j.psa.spm.SecurePartition p = sid < InferenceServices.UTVM_SINE_MODEL_SID ? tflm : utvm;
            int status;
            try {
                status = p.handle(new TestMessage(sid, inputs, caps));
            } catch (PsaException e) {
                status = e.statusValue();
            }
            assertTrue(STATUSES.contains(status), "status " + status);
        }
        assertFalse(cg.isHalted(), "a request faulted the device");
    }
}

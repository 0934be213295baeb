package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Set;

/**
 * Arbitrary requests from the non-secure side to every non-secure service of a booted partition (both profiles):
 * each call ends with success or one of the firmware's statuses, and the device never halts.
 */
class HukPartitionFuzzTest {
    private static final int[] SIDS = {HukServices.SID_EC_KEY_STAT, HukServices.SID_EXPORT_PUBKEY,
        HukServices.SID_GEN_UUID, HukServices.SID_HASH_SIGN};
    private static final Set<Integer> ALLOWED = Set.of(PsaStatus.SUCCESS.value(),
            PsaStatus.ERROR_PROGRAMMER_ERROR.value(), PsaStatus.ERROR_INVALID_ARGUMENT.value(),
            PsaStatus.ERROR_NOT_SUPPORTED.value(), PsaStatus.ERROR_SERVICE_FAILURE.value(),
            PsaStatus.ERROR_INSUFFICIENT_DATA.value());

    private static TestDevice gen16;
    private static TestDevice gen17;

    private static synchronized TestDevice device(boolean tfm16) throws PsaException {
        if (tfm16) {
            if (gen16 == null) {
                gen16 = TestDevice.boot(HukDerivConfig.of(TfmProfile.TFM_1_6));
            }
            return gen16;
        }
        if (gen17 == null) {
            gen17 = TestDevice.boot(HukDerivConfig.of(TfmProfile.TFM_1_7));
        }
        return gen17;
    }

    @FuzzTest
    void nonSecureRequests(FuzzedDataProvider data) throws PsaException {
        TestDevice d = device(data.consumeBoolean());
        int sid = SIDS[data.consumeInt(0, SIDS.length - 1)];
        int ins = data.consumeInt(0, 4);
        InVec[] in = new InVec[ins];
        for (int i = 0; i < ins; i++) {
            in[i] = InVec.of(data.consumeBytes(data.consumeInt(0, 300)));
        }
        int outs = data.consumeInt(0, 4 - ins);
        OutVec[] out = new OutVec[outs];
        for (int i = 0; i < outs; i++) {
            out[i] = OutVec.allocate(data.consumeInt(0, 128));
        }
        PsaClient ns = d.ns();
        int h = ns.connect(sid, 1);
        assertTrue(h > 0, "connect to a non-secure service");
        try {
            CallResult r = ns.call(h, in, out);
            assertTrue(ALLOWED.contains(r.status()), "unexpected status " + r);
        } finally {
            ns.close(h);
        }
        assertFalse(d.gate.isHalted(), "a non-secure request halted the device");
    }
}

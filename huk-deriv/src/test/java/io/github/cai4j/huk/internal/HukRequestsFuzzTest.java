package io.github.cai4j.huk.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.huk.FakeMessage;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Set;

/**
 * Request decoding of every service, on arbitrary vectors: only {@link PsaException} with one of the statuses the
 * firmware's handlers return may come out.
 */
class HukRequestsFuzzTest {
    private static final Set<Integer> ALLOWED = Set.of(PsaStatus.ERROR_PROGRAMMER_ERROR.value(),
            PsaStatus.ERROR_INVALID_ARGUMENT.value(), PsaStatus.ERROR_NOT_SUPPORTED.value(),
            PsaStatus.ERROR_SERVICE_FAILURE.value(), PsaStatus.ERROR_INSUFFICIENT_DATA.value());

    private static FakeMessage message(FuzzedDataProvider data, int sid) {
        int ins = data.consumeInt(0, 4);
        byte[][] in = new byte[ins][];
        for (int i = 0; i < ins; i++) {
            in[i] = data.consumeBytes(data.consumeInt(0, 300));
        }
        int outs = data.consumeInt(0, 4 - ins);
        int[] caps = new int[outs];
        for (int i = 0; i < outs; i++) {
            caps[i] = data.consumeInt(0, 512);
        }
        return new FakeMessage(sid, data.consumeBoolean() ? -1 : 0x4c690200, in, caps);
    }

    private static void allowed(PsaException e) {
        assertTrue(ALLOWED.contains(e.statusValue()), "unexpected status " + e.statusValue() + ": " + e.getMessage());
    }

    @FuzzTest
    void keyStatus(FuzzedDataProvider data) {
        boolean setSupported = data.consumeBoolean();
        try {
            HukRequests.KeyStatRequest r = HukRequests.keyStat(message(data, HukServices.SID_EC_KEY_STAT),
                    setSupported);
            HukRequests.requireCoseKey(r.keyId());
        } catch (PsaException e) {
            allowed(e);
        }
    }

    @FuzzTest
    void exportPublicKey(FuzzedDataProvider data) {
        try {
            FakeMessage m = message(data, HukServices.SID_EXPORT_PUBKEY);
            HukRequests.requireCoseKey(HukRequests.exportPublicKey(m));
            HukRequests.requireOutput(m, 0, HukServices.PUBLIC_KEY_SIZE, "public key");
        } catch (PsaException e) {
            allowed(e);
        }
    }

    @FuzzTest
    void hashSign(FuzzedDataProvider data) {
        try {
            FakeMessage m = message(data, HukServices.SID_HASH_SIGN);
            HukRequests.HashSignRequest r = HukRequests.hashSign(m);
            HukRequests.checkTbsFraming(r.tbs());
            HukRequests.requireOutput(m, 0, HukServices.SIGNATURE_SIZE, "signature");
        } catch (PsaException e) {
            allowed(e);
        }
    }

    @FuzzTest
    void tbsFraming(byte[] tbs) {
        try {
            HukRequests.checkTbsFraming(tbs);
        } catch (PsaException e) {
            allowed(e);
        }
    }

    @FuzzTest
    void coseEncode(FuzzedDataProvider data) {
        try {
            FakeMessage m = message(data, HukServices.SID_COSE_CBOR_ENC_SIGN);
            HukRequests.coseEncode(m);
        } catch (PsaException e) {
            allowed(e);
        }
    }
}

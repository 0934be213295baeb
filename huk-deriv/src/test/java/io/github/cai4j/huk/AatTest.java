package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The application attestation token signing service of TF-M 1.7+ (§8.1). */
class AatTest {
    @Test
    void tokenIsAFirmwareSign1OverTheFourClaims() throws Exception {
        TestDevice d = TestDevice.boot(HukDerivConfig.of(TfmProfile.TFM_1_7));
        byte[] token = d.aatViaSecureCaller(512);
        Sign1Message m = FirmwareSign1.decodeStrict(token);
        assertTrue(m.verify(EcdsaVerifier.of(d.client().exportPublicKey(HukServices.KEY_ID_COSE).toJca())));
        byte[] payload = m.payload().orElseThrow();
        assertEquals(140, payload.length);
        assertEquals("a43a0001388058286332303138613762", HexFormat.of().formatHex(payload, 0, 16));
        CBORObject map = CBORObject.DecodeFromBytes(payload);
        String[] want = {TestDevice.TFLM_VERSION, TestDevice.TFLM_MODEL, TestDevice.UTVM_VERSION,
            TestDevice.UTVM_MODEL};
        int i = 0;
        for (CBORObject key : map.getKeys()) {
            assertEquals(-80001 - i, key.AsInt32Value());
            assertArrayEquals(want[i].getBytes(StandardCharsets.US_ASCII), map.get(key).GetByteString());
            i++;
        }
        assertEquals(4, i);
        // the counters are not touched by the AAT
        assertTrue(d.log.contains("nv_ps_counter_tracker 0"));

        PsaException small = assertThrows(PsaException.class, () -> d.aatViaSecureCaller(100));
        assertTrue(small.is(PsaStatus.ERROR_BUFFER_TOO_SMALL));
        // not reachable from the non-secure side
        assertEquals(PsaStatus.ERROR_CONNECTION_REFUSED.value(), d.ns().connect(HukServices.SID_AAT, 1));
    }

    @Test
    void tfm16TokenIsReachableFromTheNonSecureSideWithThePartitionsClaims() throws Exception {
        TestDevice d = TestDevice.boot(HukDerivConfig.of(TfmProfile.TFM_1_6));
        assertEquals(1, d.ns().version(HukServices.SID_AAT));
        byte[] token = d.client().aat(512);
        Sign1Message m = FirmwareSign1.decodeStrict(token);
        assertTrue(m.verify(EcdsaVerifier.of(d.client().exportPublicKey(HukServices.KEY_ID_COSE).toJca())));
        CBORObject map = CBORObject.DecodeFromBytes(m.payload().orElseThrow());
        assertArrayEquals(AatClaims.FIRMWARE.utvmVersion().getBytes(StandardCharsets.US_ASCII),
                map.get(CBORObject.FromObject(-80003)).GetByteString());
        assertEquals(140, m.payload().orElseThrow().length);
        PsaException small = assertThrows(PsaException.class, () -> d.client().aat(64));
        assertTrue(small.is(PsaStatus.ERROR_BUFFER_TOO_SMALL));
    }
}

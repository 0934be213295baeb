package io.github.cai4j.huk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.huk.FakeMessage;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The request layouts and checks of §1.1, with the firmware's exact statuses. */
class HukRequestsTest {

    private static FakeMessage msg(int sid, byte[]... in) {
        return new FakeMessage(sid, -1, in, new int[] {64, 4});
    }

    private static void assertStatus(PsaStatus expected, org.junit.jupiter.api.function.Executable e) {
        PsaException ex = assertThrows(PsaException.class, e);
        assertEquals(expected.value(), ex.statusValue(), ex.getMessage());
    }

    private static byte[] tbsOfLength(int total) {
        byte[] b = new byte[total];
        b[0] = 0x30;
        b[1] = (byte) 0x81;
        b[2] = (byte) (total - 3);
        return b;
    }

    @Test
    void tbsFramingChecksEachWithItsStatus() throws Exception {
        int ran = 0;
        assertStatus(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> HukRequests.checkTbsFraming(new byte[0]));
        ran++;
        byte[] notSeq = tbsOfLength(193);
        notSeq[0] = 0x31;
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> HukRequests.checkTbsFraming(notSeq));
        ran++;
        byte[] shortForm = {0x30, 0x7f};
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> HukRequests.checkTbsFraming(shortForm));
        ran++;
        byte[] twoLengthBytes = tbsOfLength(300);
        twoLengthBytes[1] = (byte) 0x82;
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> HukRequests.checkTbsFraming(twoLengthBytes));
        ran++;
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> HukRequests.checkTbsFraming(new byte[] {0x30}));
        ran++;
        byte[] wrongLength = tbsOfLength(193);
        wrongLength[2] = (byte) 189;
        assertStatus(PsaStatus.ERROR_SERVICE_FAILURE, () -> HukRequests.checkTbsFraming(wrongLength));
        ran++;
        byte[] trailingByte = Arrays.copyOf(tbsOfLength(193), 194);
        assertStatus(PsaStatus.ERROR_SERVICE_FAILURE, () -> HukRequests.checkTbsFraming(trailingByte));
        ran++;
        assertStatus(PsaStatus.ERROR_SERVICE_FAILURE,
                () -> HukRequests.checkTbsFraming(new byte[] {0x30, (byte) 0x81}));
        ran++;
        // accepted: 0x81 long form with one length byte, any size 3..258; and the quirk 0x01 (short form 1)
        for (int total = 3; total <= 258; total++) {
            HukRequests.checkTbsFraming(tbsOfLength(total));
            ran++;
        }
        byte[] quirk = tbsOfLength(5);
        quirk[1] = 0x01;
        HukRequests.checkTbsFraming(quirk);
        ran++;
        assertEquals(8 + 256 + 1, ran);
    }

    @Test
    void keyStatusRequiresAFourByteKeyId() {
        for (int size : new int[] {0, 1, 3, 5, 8}) {
            FakeMessage m = msg(HukServices.SID_EC_KEY_STAT, new byte[size]);
            assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR, () -> HukRequests.keyStat(m, true));
            assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR, () -> HukRequests.keyStat(m, false));
        }
    }

    @Test
    void keyStatusGetAndSetLayouts() throws Exception {
        byte[] id = Le.bytes32(0x5002);
        HukRequests.KeyStatRequest get16 = HukRequests.keyStat(msg(0, id), false);
        assertEquals(0x5002, get16.keyId());
        assertFalse(get16.set());
        // TF-M 1.6 ignores further vectors
        assertFalse(HukRequests.keyStat(msg(0, id, new byte[] {1}, Le.bytes32(2)), false).set());
        // TF-M 1.7: a missing or zero set flag is a get
        assertFalse(HukRequests.keyStat(msg(0, id), true).set());
        assertFalse(HukRequests.keyStat(msg(0, id, new byte[] {0}), true).set());
        HukRequests.KeyStatRequest set = HukRequests.keyStat(msg(0, id, new byte[] {1}, Le.bytes32(2)), true);
        assertTrue(set.set());
        assertEquals(2, set.newStatus());
        assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR,
                () -> HukRequests.keyStat(msg(0, id, new byte[] {1, 0}), true));
        assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR,
                () -> HukRequests.keyStat(msg(0, id, new byte[] {1}, new byte[5]), true));
    }

    @Test
    void wordsAreReadLikePsaReadIntoAZeroedVariable() throws Exception {
        assertEquals(0x5002, HukRequests.exportPublicKey(msg(0, new byte[] {0x02, 0x50})));
        assertEquals(0, HukRequests.exportPublicKey(msg(0)));
        assertEquals(0x5002, HukRequests.exportPublicKey(msg(0, Le.bytes32(0x5002))));
        assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR, () -> HukRequests.exportPublicKey(msg(0, new byte[5])));
        HukRequests.CoseEncodeRequest r = HukRequests.coseEncode(msg(0, Le.bytes32(0x3c8ace2c), Le.bytes32(1)));
        assertEquals(0x3c8ace2c, Float.floatToRawIntBits(r.value()));
        assertEquals(1, r.format());
        HukRequests.HashSignRequest h = HukRequests.hashSign(msg(0, Le.bytes32(0x5002), new byte[] {1, 2}));
        assertEquals(0x5002, h.keyId());
        assertArrayEquals(new byte[] {1, 2}, h.tbs());
        assertArrayEquals(new byte[0], HukRequests.hashSign(msg(0, Le.bytes32(0x5002))).tbs());
    }

    @Test
    void onlyTheCoseKeyIsKnown() throws Exception {
        HukRequests.requireCoseKey(0x5002);
        for (int id : new int[] {0, 0x5001, 0x5003, -1, 0x7fff815c}) {
            assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> HukRequests.requireCoseKey(id));
        }
    }

    @Test
    void fixedOutputsNeedRoom() throws Exception {
        FakeMessage m = new FakeMessage(0, -1, new byte[0][], new int[] {36});
        assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR, () -> HukRequests.requireOutput(m, 0, 37, "UUID"));
        assertStatus(PsaStatus.ERROR_PROGRAMMER_ERROR, () -> HukRequests.requireOutput(m, 1, 4, "length"));
        HukRequests.requireOutput(m, 0, 36, "x");
    }
}

package io.github.cai4j.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import java.security.SecureRandom;

/**
 * The crypto partition's gate-facing request handling on arbitrary bytes: a sequence of messages (so that keys
 * and operations created by one request are used by the next) must only ever produce a status or a
 * {@link PsaException}; anything else would panic the device. Writing past an output vector fails the test.
 *
 * <p>Input format, repeated: one byte {@code v} (input count = v % 5, output count = (v / 5) % (5 - inputs),
 * call type 0 unless bit 7 is set), one byte caller selector (NS -1, NS -2, partition 0x4c690100), then per
 * input a little-endian u16 length and that many bytes, then per output a little-endian u16 capacity (mod 2048).
 */
class CryptoRequestFuzzTest {
    private static final int[] CALLERS = {-1, -2, 0x4c690100};

    @FuzzTest(maxDuration = "30s")
    void requests(byte[] data) {
        CryptoPartition partition = new CryptoPartition(HukSource.dummy(), CryptoConfig.builder()
                .profile(data.length % 2 == 0 ? TfmProfile.TFM_1_7 : TfmProfile.TFM_1_6)
                .random(new SecureRandom()).keySlots(4).operations(2).build(), PlatformLog.discard());
        int pos = 0;
        int messages = 0;
        while (pos + 2 <= data.length && messages < 64) {
            int v = data[pos++] & 0xff;
            int caller = CALLERS[(data[pos++] & 0xff) % CALLERS.length];
            int ins = v % 5;
            int outs = (v / 5) % (5 - ins);
            int type = (v & 0x80) != 0 ? (v & 0x7f) : 0;
            byte[][] in = new byte[ins][];
            for (int i = 0; i < ins; i++) {
                int len = pos + 2 <= data.length ? (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 : 0;
                pos = Math.min(pos + 2, data.length);
                len = Math.min(len, data.length - pos);
                in[i] = java.util.Arrays.copyOfRange(data, pos, pos + len);
                pos += len;
            }
            int[] caps = new int[outs];
            for (int i = 0; i < outs; i++) {
                int cap = pos + 2 <= data.length ? ((data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8) % 2048 : 0;
                pos = Math.min(pos + 2, data.length);
                caps[i] = cap;
            }
            try {
                partition.handle(new FakeMessage(type, caller, in, caps));
            } catch (PsaException expected) {
                // a status for the caller
            }
            messages++;
        }
    }
}

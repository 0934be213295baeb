package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.huk.internal.Le;
import io.github.cai4j.nvcounter.NvCounters;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.StorageFlags;
import io.github.cai4j.storage.StorageService;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NV counters in COSE_Sign1 payloads (§4): the firmware-exact mode and the safe default. */
class NvCountersTest {
    private static final HukDerivConfig FIRMWARE = HukDerivConfig.defaults()
            .withCounterMode(NvCounters.Mode.FIRMWARE_EXACT);
    private static final float ONE_DEGREE = Float.intBitsToFloat(0x3c8ace2c);
    private static final long ROLLOVER_MAX = 4294967200L;

    private static FirmwarePayload.Counters sign(TestDevice d) throws Exception {
        byte[] signed = d.encodeViaSecureCaller(ONE_DEGREE, EncodingFormat.COSE_SIGN1.value(), 256);
        assertEquals(106, signed.length);
        byte[] payload = FirmwareSign1.decodeStrict(signed).payload().orElseThrow();
        return FirmwarePayload.decode(payload).counters().orElseThrow();
    }

    @Test
    void firstSign1AfterAFreshFlashCarriesCounterOneAndBootLogsTheTrackers() throws Exception {
        TestDevice d = TestDevice.boot(FIRMWARE);
        byte[] signed = d.encodeViaSecureCaller(ONE_DEGREE, EncodingFormat.COSE_SIGN1.value(), 256);
        assertEquals("a33a0001387f442cce8a3c3a0001388444000000003a000138854401000000",
                HexFormat.of().formatHex(FirmwareSign1.decodeStrict(signed).payload().orElseThrow()));
        List<String> lines = d.log.lines();
        int key = lines.indexOf("[INF] [HUK DERIV SERV] Successfully derived the key for HUK_COSE");
        assertTrue(key >= 0);
        assertEquals(List.of("[INF] [NV PS COUNTERS] nv_ps_counter_tracker 0",
                "[INF] [NV PS COUNTERS] nv_ps_counter_rollover_tracker 0",
                "[INF] [NV PS COUNTERS] NV_PS_COUNTER_ROLLOVER_MAX 4294967200",
                "[INF] [NV PS COUNTERS] NV_COUNTER_TRACKER_THRESHOLD_LIMIT 100"), lines.subList(key + 1, key + 5));
        // plain CBOR does not touch the counters
        d.encodeViaSecureCaller(ONE_DEGREE, EncodingFormat.CBOR.value(), 256);
        assertEquals(new FirmwarePayload.Counters(0, 2), sign(d));
        // a failed SIGN1 keeps its increment
        PsaException e = assertThrows(PsaException.class,
                () -> d.encodeViaSecureCaller(ONE_DEGREE, EncodingFormat.COSE_SIGN1.value(), 60));
        assertTrue(e.is(PsaStatus.ERROR_BUFFER_TOO_SMALL));
        assertEquals(new FirmwarePayload.Counters(0, 4), sign(d));
    }

    @Test
    void writtenBackEveryHundredSoARebootReusesValues() throws Exception {
        TestDevice d = TestDevice.boot(FIRMWARE);
        for (int i = 1; i <= 150; i++) {
            assertEquals(new FirmwarePayload.Counters(0, i), sign(d));
        }
        TestDevice again = d.reboot();
        assertTrue(again.log.contains("[INF] [NV PS COUNTERS] nv_ps_counter_tracker 100"));
        // the firmware's known weakness: 101..150 are emitted a second time
        assertEquals(new FirmwarePayload.Counters(0, 101), sign(again));
    }

    @Test
    void rolloverAtTheMaximum() throws Exception {
        MemoryFlash flash = TestDevice.freshFlash();
        HukDerivConfig config = FIRMWARE;
        TestDevice.bootAs(flash, config, new PsWriter(config.partitionId(), ROLLOVER_MAX - 1, 0));
        TestDevice d = new TestDeviceOnFlash(flash, config).boot();
        assertEquals(new FirmwarePayload.Counters(0, ROLLOVER_MAX), sign(d));
        assertTrue(d.log.contains("NV counter overflow -96"));
        assertEquals(new FirmwarePayload.Counters(1, 1), sign(d));
        TestDevice again = d.reboot();
        assertTrue(again.log.contains("[INF] [NV PS COUNTERS] nv_ps_counter_rollover_tracker 1"));
        assertTrue(again.log.contains("[INF] [NV PS COUNTERS] nv_ps_counter_tracker 0"));
        assertEquals(new FirmwarePayload.Counters(1, 1), sign(again));
    }

    @Test
    void theSafeDefaultNeverRepeatsAValueAcrossReboots() throws Exception {
        TestDevice d = TestDevice.boot(HukDerivConfig.defaults());
        assertEquals(new FirmwarePayload.Counters(0, 1), sign(d));
        FirmwarePayload.Counters last = null;
        for (int i = 0; i < 150; i++) {
            last = sign(d);
        }
        for (int boot = 0; boot < 3; boot++) {
            d = d.reboot();
            FirmwarePayload.Counters next = sign(d);
            assertTrue(next.compareTo(last) > 0, next + " after " + last);
            last = next;
        }
    }

    @Test
    void countersOffMeansNoCountersInThePayload() throws Exception {
        TestDevice d = TestDevice.boot(HukDerivConfig.defaults().withNvCounters(false));
        byte[] signed = d.encodeViaSecureCaller(ONE_DEGREE, EncodingFormat.COSE_SIGN1.value(), 256);
        assertEquals(85, signed.length);
        assertArrayEquals(FirmwarePayload.encodeCbor(ONE_DEGREE),
                FirmwareSign1.decodeStrict(signed).payload().orElseThrow());
        assertTrue(!d.log.contains("NV PS COUNTERS"));
    }

    /** Boots a device on an existing flash image. */
    private record TestDeviceOnFlash(MemoryFlash flash, HukDerivConfig config) {
        TestDevice boot() throws PsaException {
            return TestDevice.rebootOn(flash, config);
        }
    }

    /** Stands in for the HUK partition (same id) to write its counter objects. */
    private static final class PsWriter implements SecurePartition {
        private final int id;
        private final long counter;
        private final long rollover;

        PsWriter(int id, long counter, long rollover) {
            this.id = id;
            this.counter = counter;
            this.rollover = rollover;
        }

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("PS_WRITER", id)
                    .service(ServiceManifest.connectionBased("PS_WRITER_SERVICE", 0x4c6901ff, false))
                    .dependsOn(StorageService.PROTECTED_STORAGE.sid(), CryptoPartition.SID)
                    .build();
        }

        @Override
        public void init(PartitionContext context) throws PsaException {
            ProtectedStorage ps = new ProtectedStorage(context.client());
            ps.set(NvCounters.UID_COUNTER, Le.bytes32((int) counter), StorageFlags.NONE);
            ps.set(NvCounters.UID_ROLLOVER, Le.bytes32((int) rollover), StorageFlags.NONE);
        }

        @Override
        public int handle(Message message) {
            return PsaStatus.SUCCESS.value();
        }
    }
}

package io.github.cai4j.huk.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.StorageFlags;
import io.github.cai4j.storage.StorageService;

/**
 * The HUK partition's NV counters ({@code nv_ps_counters.c}, {@code spec/firmware.md} §4), exactly as the
 * firmware keeps them: two RAM trackers backed by the partition's PS objects 0x4000 (rollover) and 0x4001
 * (counter), 4-byte little-endian values; the counter is incremented before each COSE_Sign1 and written back
 * only at multiples of the threshold (100), so up to 99 values are re-used after a reboot; at
 * {@code UINT32_MAX − (UINT32_MAX % threshold)} the rollover is incremented and the counter restarts at 0.
 */
public final class SignCounters {
    /** PS uid of the rollover tracker. */
    public static final long UID_ROLLOVER = 0x4000;
    /** PS uid of the counter tracker. */
    public static final long UID_COUNTER = 0x4001;
    /** {@code NV_COUNTER_TRACKER_THRESHOLD_LIMIT}. */
    public static final long DEFAULT_THRESHOLD = 100;

    private static final String LOG_SOURCE = "NV PS COUNTERS";
    private static final long U32 = 0xffff_ffffL;

    private final ProtectedStorage ps;
    private final PlatformLog log;
    private final long threshold;
    private final long rolloverMax;
    private long counter;
    private long rollover;
    private boolean overflow;

    /** The values a COSE_Sign1 carries, and the write-back to do once it has been produced. */
    public final class Pending {
        private final long rolloverValue;
        private final long counterValue;

        private Pending(long rolloverValue, long counterValue) {
            this.rolloverValue = rolloverValue;
            this.counterValue = counterValue;
        }

        public long rollover() {
            return rolloverValue;
        }

        public long counter() {
            return counterValue;
        }

        /** The firmware's write-back after a successful encoding. */
        public void commit() throws PsaException {
            writeBack();
        }
    }

    private SignCounters(ProtectedStorage ps, PlatformLog log, long threshold) {
        this.ps = ps;
        this.log = log;
        this.threshold = threshold;
        this.rolloverMax = U32 - (U32 % threshold);
    }

    /** The PS service the counters live in. */
    public static void declareDependencies(PartitionManifest.Builder manifest) {
        manifest.dependsOn(StorageService.PROTECTED_STORAGE.sid());
    }

    /**
     * {@code psa_nv_ps_counter_tracker_init}: reads the counter then the rollover ({@code DOES_NOT_EXIST} = 0) and
     * logs the four lines; another error is logged and leaves the remaining trackers at 0, as the firmware does.
     */
    public static SignCounters load(PartitionContext context) {
        SignCounters c = new SignCounters(new ProtectedStorage(context.client()), context.log(), DEFAULT_THRESHOLD);
        try {
            c.counter = c.read(UID_COUNTER);
            c.rollover = c.read(UID_ROLLOVER);
        } catch (PsaException e) {
            c.log.error(LOG_SOURCE, "Failed to read the NV counters (" + e.statusValue() + ")");
            return c;
        }
        c.log.info(LOG_SOURCE, "nv_ps_counter_tracker " + c.counter);
        c.log.info(LOG_SOURCE, "nv_ps_counter_rollover_tracker " + c.rollover);
        c.log.info(LOG_SOURCE, "NV_PS_COUNTER_ROLLOVER_MAX " + c.rolloverMax);
        c.log.info(LOG_SOURCE, "NV_COUNTER_TRACKER_THRESHOLD_LIMIT " + c.threshold);
        return c;
    }

    private long read(long uid) throws PsaException {
        byte[] b = new byte[4];
        try {
            int n = ps.get(uid, 0, b, 0, 4);
            if (n != 4) {
                throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, "NV counter object 0x" + Long.toHexString(uid)
                        + " holds " + n + " bytes");
            }
        } catch (PsaException e) {
            if (e.is(PsaStatus.ERROR_DOES_NOT_EXIST)) {
                return 0;
            }
            throw e;
        }
        return Le.int32(b, 0) & U32;
    }

    private void write(long uid, long value) throws PsaException {
        ps.set(uid, Le.bytes32((int) value), StorageFlags.NONE);
    }

    /** {@code tfm_inc_nv_ps_counter_tracker(COUNTER)}: before the payload is encoded. */
    public Pending increment() {
        counter = (counter + 1) & U32;
        return new Pending(rollover, counter);
    }

    private void writeBack() throws PsaException {
        long c = counter;
        if (c == rolloverMax) {
            rollover = (rollover + 1) & U32;
            write(UID_ROLLOVER, rollover);
            counter = 0;
            overflow = true;
        }
        if (c % threshold == 0 || overflow) {
            write(UID_COUNTER, counter);
            if (overflow) {
                // logged by tfm_huk_deriv_srv.c itself, hence the partition's source
                log.info("HUK DERIV SERV", "NV counter overflow " + (int) c);
                overflow = false;
            }
        }
    }
}

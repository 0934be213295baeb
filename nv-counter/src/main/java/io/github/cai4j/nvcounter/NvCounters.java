package io.github.cai4j.nvcounter;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.StorageFlags;
import java.util.Locale;
import java.util.Objects;

/**
 * The firmware's non-volatile counters ({@code nv_ps_counters.c}, {@code spec/firmware.md} §4): two uint32
 * trackers kept in RAM and backed by Protected Storage objects of the HUK partition (uid {@link #UID_ROLLOVER}
 * = 0x4000 and {@link #UID_COUNTER} = 0x4001, each the value as 4 little-endian bytes, create flags
 * {@code NONE}). The counter is incremented before every signed payload and put into it with the rollover
 * tracker, so a verifier can reject replays.
 *
 * <p>It runs inside the HUK partition: build it on that partition's own {@link PsaClient} (its manifest must
 * depend on the PS SID 0x60), so the objects live in the partition's PS namespace.
 *
 * <h2>Modes</h2>
 * <dl>
 *   <dt>{@link Mode#FIRMWARE_EXACT}</dt>
 *   <dd>Bit-for-bit the firmware: {@code counter += 1} before the payload is built; after it is signed, if the
 *   counter equals {@link #rolloverMax()} ({@code UINT32_MAX - UINT32_MAX % threshold}, 4294967200 for 100)
 *   the rollover tracker is incremented and written, the counter reset to 0 and the overflow line logged; the
 *   counter is written back whenever it is a multiple of {@code threshold} (or after an overflow). After a
 *   reboot the counter restarts from the last written multiple, so up to {@code threshold - 1} values that
 *   were already put into signed payloads are handed out again: a verifier cannot tell a replay from a
 *   reboot. A failed signature keeps the increment in RAM and writes nothing.</dd>
 *   <dt>{@link Mode#SAFE} (the default)</dt>
 *   <dd>Never hands out a value twice, and never a smaller one, across any reboot or power loss. The counter
 *   object holds a <em>reservation</em>: before a value above it is handed out, the end of that value's
 *   threshold block is written to PS (so every value ever handed out is at most the stored one), and the
 *   write is acknowledged by PS's power-fail-safe store before the value leaves. On boot the counter restarts
 *   one whole block above the stored value (the stored value may have been written by the firmware or by
 *   {@code FIRMWARE_EXACT}, which can have used up to a block beyond it), and the first value reserves the next
 *   block. When the counter is exhausted ({@link #rolloverMax()} was handed out), the next call first writes
 *   the incremented rollover tracker, then reserves the first block of the new epoch and hands out counter 1,
 *   as the firmware's sequence does. The price: up to two blocks of values are skipped per reboot, and a power
 *   cut between the two writes of a rollover skips the rest of an epoch. A store holding no counter object is
 *   taken as fresh (the first value is 1), so a device that ran {@code FIRMWARE_EXACT} is safe to switch only
 *   after its first write-back.</dd>
 * </dl>
 *
 * <p>The log lines are the firmware's ({@code [NV PS COUNTERS] ...}, {@code spec/firmware.md} §4 and §8.4).
 * Thread-safe.
 */
public final class NvCounters {
    /** PS uid of the rollover tracker. */
    public static final long UID_ROLLOVER = 0x4000;
    /** PS uid of the counter tracker. */
    public static final long UID_COUNTER = 0x4001;
    /** The HUK partition, whose PS namespace holds the counters. */
    public static final int HUK_PARTITION_ID = 0x4c69_0100;
    /** {@code NV_COUNTER_TRACKER_THRESHOLD_LIMIT}'s default ({@code CONFIG_NV_COUNTER_TRACKER_THRESHOLD_LIMIT}). */
    public static final int DEFAULT_THRESHOLD = 100;
    /** The log source of every line. */
    public static final String LOG_SOURCE = "NV PS COUNTERS";
    /** {@code UINT32_MAX}. */
    public static final long UINT32_MAX = 0xffff_ffffL;

    /** How values are persisted; see the class description. */
    public enum Mode {
        /** Never reuses a value after a reboot or power loss (the default). */
        SAFE,
        /** Exactly the firmware: up to {@code threshold - 1} values are reused after a reboot. */
        FIRMWARE_EXACT
    }

    /** What is done with a value between its increment and the write-back: the signing of a payload. */
    @FunctionalInterface
    public interface CounterUse<T> {
        T apply(CounterValues values) throws PsaException;
    }

    private final ProtectedStorage ps;
    private final PlatformLog log;
    private final Mode mode;
    private final int threshold;
    private final long rolloverMax;

    private long rollover;
    private long counter;
    private boolean overflow;
    // SAFE mode: the stored counter (every value handed out in this epoch is <= it), and whether boot finished
    private long reserved;
    private boolean ready;
    // whether the boot found no counter object (a fresh store)
    private boolean absent;

    private NvCounters(Builder b) {
        this.ps = new ProtectedStorage(b.client);
        this.log = b.log;
        this.mode = b.mode;
        this.threshold = b.threshold;
        this.rolloverMax = UINT32_MAX - (UINT32_MAX % threshold);
    }

    /** A builder for counters kept through {@code client} (the HUK partition's own client) and logging to {@code log}. */
    public static Builder builder(PsaClient client, PlatformLog log) {
        return new Builder(client, log);
    }

    /** {@code SAFE} counters with the default threshold, initialised now. */
    public static NvCounters init(PsaClient client, PlatformLog log) throws PsaException {
        return builder(client, log).init();
    }

    // ------------------------------------------------------------------ boot

    private void boot() {
        long c;
        long r;
        try {
            c = read(UID_COUNTER);
            counter = c;
            r = read(UID_ROLLOVER);
            rollover = r;
        } catch (PsaException e) {
            log.error(LOG_SOURCE, "psa_ps_get failed with " + e.statusValue() + ": counters not loaded");
            return;
        }
        log.info(LOG_SOURCE, "nv_ps_counter_tracker " + c);
        log.info(LOG_SOURCE, "nv_ps_counter_rollover_tracker " + r);
        log.info(LOG_SOURCE, "NV_PS_COUNTER_ROLLOVER_MAX " + rolloverMax);
        log.info(LOG_SOURCE, "NV_COUNTER_TRACKER_THRESHOLD_LIMIT " + threshold);
        if (mode == Mode.SAFE) {
            reserved = c;
            counter = c == 0 && absent ? 0 : c + threshold;
            ready = true;
        }
    }

    private long read(long uid) throws PsaException {
        byte[] b = new byte[4];
        try {
            int n = ps.get(uid, 0, b, 0, 4);
            if (uid == UID_COUNTER) {
                absent = false;
            }
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = v << 8 | (b[i] & 0xff);
            }
            return v;
        } catch (PsaException e) {
            if (e.is(PsaStatus.ERROR_DOES_NOT_EXIST)) {
                if (uid == UID_COUNTER) {
                    absent = true;
                }
                return 0;
            }
            throw e;
        }
    }

    private void write(long uid, long value) throws PsaException {
        byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        ps.set(uid, b, StorageFlags.NONE);
    }

    // ------------------------------------------------------------------ API

    /** The values in the RAM trackers now (the last values handed out, or the boot values). */
    public synchronized CounterValues current() {
        return new CounterValues(rollover, Math.min(counter, UINT32_MAX));
    }

    /** The rollover tracker. */
    public synchronized long rolloverCount() {
        return rollover;
    }

    /** {@code NV_PS_COUNTER_ROLLOVER_MAX = UINT32_MAX - (UINT32_MAX % threshold)}. */
    public long rolloverMax() {
        return rolloverMax;
    }

    public int threshold() {
        return threshold;
    }

    public Mode mode() {
        return mode;
    }

    /** Increments and returns the values, with the write-back done (no payload in between). */
    public CounterValues incrementAndGet() throws PsaException {
        return withNextValues(v -> v);
    }

    /**
     * Increments the counter, hands the values to {@code use} (the signing of a payload), then does the
     * write-back and rollover bookkeeping, and returns what {@code use} returned. If {@code use} fails, its
     * exception propagates and the increment is kept (the value is never handed out again).
     *
     * @throws PsaException a failure of {@code use}, or of a PS write; in {@code SAFE} mode a failed
     *                      reservation hands out nothing
     */
    public synchronized <T> T withNextValues(CounterUse<T> use) throws PsaException {
        Objects.requireNonNull(use, "use");
        return mode == Mode.SAFE ? nextSafe(use) : nextFirmware(use);
    }

    private <T> T nextFirmware(CounterUse<T> use) throws PsaException {
        counter = (counter + 1) & UINT32_MAX;
        T result = use.apply(new CounterValues(rollover, counter));
        long c = counter;
        if (c == rolloverMax) {
            rollover = (rollover + 1) & UINT32_MAX;
            write(UID_ROLLOVER, rollover);
            counter = 0;
            overflow = true;
        }
        if (c % threshold == 0 || overflow) {
            write(UID_COUNTER, counter);
            if (overflow) {
                log.info(LOG_SOURCE, String.format(Locale.ROOT, "NV counter overflow %d", (int) c));
                overflow = false;
            }
        }
        return result;
    }

    private <T> T nextSafe(CounterUse<T> use) throws PsaException {
        if (!ready) {
            boot();
            if (!ready) {
                throw new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "NV counters could not be loaded");
            }
        }
        long next = counter + 1;
        if (next > rolloverMax) {
            if (rollover >= UINT32_MAX) {
                throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "NV counters are exhausted");
            }
            write(UID_ROLLOVER, rollover + 1);
            rollover++;
            log.info(LOG_SOURCE, String.format(Locale.ROOT, "NV counter overflow %d", (int) rolloverMax));
            counter = 0;
            reserved = 0;
            next = 1;
        }
        if (next > reserved) {
            long block = (next + threshold - 1) / threshold * threshold;
            write(UID_COUNTER, block);
            reserved = block;
        }
        counter = next;
        return use.apply(new CounterValues(rollover, counter));
    }

    @Override
    public synchronized String toString() {
        return "NvCounters[" + mode + ", threshold=" + threshold + ", rollover=" + rollover + ", counter="
                + Math.min(counter, UINT32_MAX) + "]";
    }

    /** Builds {@link NvCounters}; defaults: {@link Mode#SAFE}, threshold {@value #DEFAULT_THRESHOLD}. */
    public static final class Builder {
        private final PsaClient client;
        private final PlatformLog log;
        private Mode mode = Mode.SAFE;
        private int threshold = DEFAULT_THRESHOLD;
        private CounterValues start;

        private Builder(PsaClient client, PlatformLog log) {
            this.client = Objects.requireNonNull(client, "client");
            this.log = Objects.requireNonNull(log, "log");
        }

        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** {@code NV_COUNTER_TRACKER_THRESHOLD_LIMIT} (1 or more). */
        public Builder threshold(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("threshold must be at least 1, got " + limit);
            }
            this.threshold = limit;
            return this;
        }

        /**
         * Writes these values into PS before the boot reads them (provisioning, and rollover tests without four
         * billion increments).
         */
        public Builder startAt(long rollover, long counter) {
            this.start = new CounterValues(rollover, counter);
            return this;
        }

        /**
         * Reads the trackers from PS and logs the firmware's four boot lines. As in the firmware, a read error
         * other than {@code DOES_NOT_EXIST} is logged and stops the boot; a {@code FIRMWARE_EXACT} counter
         * then counts from what was read, a {@code SAFE} one retries the boot on its first use and hands out
         * nothing until it succeeds.
         *
         * @throws PsaException if {@link #startAt} values cannot be written
         */
        public NvCounters init() throws PsaException {
            NvCounters c = new NvCounters(this);
            if (start != null) {
                c.write(UID_COUNTER, start.counter());
                c.write(UID_ROLLOVER, start.rollover());
            }
            synchronized (c) {
                c.boot();
            }
            return c;
        }
    }
}

package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.storage.internal.Le;
import io.github.cai4j.storage.internal.VerifiedFlash;
import java.util.zip.CRC32;

/**
 * The platform's monotonic non-volatile counters, kept on flash in their own area as TF-M's flash NV counter
 * backend does. Protected Storage and Internal Trusted Storage bind their object tables to these counters,
 * so an older image of a store's area is refused.
 *
 * <h2>Flash layout</h2>
 * The area (an even number of sectors, at least two) is split into two pages. A page is a run of
 * fixed-size slots ({@code 16} bytes, or the write granularity if larger):
 * <pre>
 *   slot: u8 magic (0xA5 value record, 0x5A page header) | u8 counter id | u16 0 | u32 value (LE)
 *         | u32 CRC-32 of the first 8 bytes (LE) | zero padding
 * </pre>
 * Slot 0 of a page holds its header (the page's sequence number); slots 1.. hold value records appended in
 * order. A counter's value is the largest value of any valid record of that counter in either page, so a torn
 * or dropped record only loses the increment being written, never an older value. When the active page is
 * full, the other page is erased, a snapshot of every counter is programmed into it, and only then its header
 * (sequence + 1) is programmed: the header is the commit mark of the page switch. Every program and erase is
 * read back, so a write that did not land is reported as {@link PsaStatus#ERROR_STORAGE_FAILURE} and the
 * counter is not advanced.
 *
 * <p>The area models on-chip NV counters: the storage areas are assumed to be open to an attacker (tamper,
 * replay), this area is not. Restoring an older image of this area together with the store's area is an
 * attack these counters cannot see, exactly as with TF-M.
 *
 * <p>Thread-safe: PS and ITS may share one instance.
 */
public final class PlatformNvCounters {
    /** Counter incremented before each PS object-table write (TF-M's NV counter 1). */
    public static final int PS_TABLE_ATTEMPT = 0;
    /** Counter advanced after each PS object-table write completed (TF-M's NV counters 2/3). */
    public static final int PS_TABLE_DONE = 1;
    /** As {@link #PS_TABLE_ATTEMPT}, for Internal Trusted Storage. */
    public static final int ITS_TABLE_ATTEMPT = 2;
    /** As {@link #PS_TABLE_DONE}, for Internal Trusted Storage. */
    public static final int ITS_TABLE_DONE = 3;
    /** Number of counters held. */
    public static final int COUNTER_COUNT = 4;
    /** The largest value a counter can take (counters are 32-bit). */
    public static final long MAX_VALUE = 0xffff_ffffL;

    private static final byte MAGIC_VALUE = (byte) 0xA5;
    private static final byte MAGIC_HEADER = (byte) 0x5A;
    private static final int RECORD_BYTES = 12;

    private final VerifiedFlash flash;
    private final int slotSize;
    private final int pageSize;
    private final int slotsPerPage;

    // state loaded from flash; reloaded after any failure so memory always matches the cells
    private boolean loaded;
    private final long[] values = new long[COUNTER_COUNT];
    private int activePage;
    private long activeSequence;
    private int writeSlot;

    /**
     * @param area the counters' own area: an even number of sectors, each page large enough for a header, a
     *             snapshot of all counters and at least one record
     */
    public PlatformNvCounters(FlashArea area) {
        if (area.sectorCount() % 2 != 0) {
            throw new IllegalArgumentException("the NV counter area needs an even number of sectors, got "
                    + area.sectorCount());
        }
        this.flash = new VerifiedFlash(area);
        this.slotSize = Le.roundUp(Math.max(16, area.writeGranularity()), area.writeGranularity());
        this.pageSize = area.size() / 2;
        this.slotsPerPage = pageSize / slotSize;
        if (slotsPerPage < COUNTER_COUNT + 2) {
            throw new IllegalArgumentException("NV counter pages of " + pageSize + " bytes hold only "
                    + slotsPerPage + " slots; at least " + (COUNTER_COUNT + 2) + " are needed");
        }
    }

    /** The counters' own flash area. */
    public FlashArea area() {
        return flash.area();
    }

    /** The counter's current value. */
    public synchronized long read(int id) throws PsaException {
        checkId(id);
        load();
        return values[id];
    }

    /** Increments the counter by one and returns the new value (persisted and read back). */
    public synchronized long increment(int id) throws PsaException {
        checkId(id);
        load();
        if (values[id] >= MAX_VALUE) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "NV counter " + id + " is at its maximum");
        }
        long v = values[id] + 1;
        append(id, v);
        return v;
    }

    /**
     * Raises the counter to {@code value} if it is lower (a counter never decreases); returns the counter's
     * value afterwards.
     */
    public synchronized long advanceTo(int id, long value) throws PsaException {
        checkId(id);
        if (value < 0 || value > MAX_VALUE) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "NV counter value out of range");
        }
        load();
        if (value > values[id]) {
            append(id, value);
        }
        return values[id];
    }

    private static void checkId(int id) throws PsaException {
        if (id < 0 || id >= COUNTER_COUNT) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "no NV counter " + id);
        }
    }

    private void append(int id, long value) throws PsaException {
        try {
            if (writeSlot >= slotsPerPage) {
                switchPage();
            }
            int slot = writeSlot++;
            flash.program(activePage * pageSize + slot * slotSize, record(MAGIC_VALUE, id, value));
            values[id] = value;
        } catch (PsaException e) {
            loaded = false;
            throw e;
        }
    }

    private void switchPage() throws PsaException {
        int target = 1 - activePage;
        int base = target * pageSize;
        flash.erase(base, pageSize);
        byte[] snapshot = new byte[COUNTER_COUNT * slotSize];
        for (int i = 0; i < COUNTER_COUNT; i++) {
            System.arraycopy(record(MAGIC_VALUE, i, values[i]), 0, snapshot, i * slotSize, slotSize);
        }
        flash.program(base + slotSize, snapshot);
        long seq = (activeSequence + 1) & MAX_VALUE;
        flash.program(base, record(MAGIC_HEADER, 0, seq));
        activePage = target;
        activeSequence = seq;
        writeSlot = 1 + COUNTER_COUNT;
    }

    private byte[] record(byte magic, int id, long value) {
        byte[] r = new byte[slotSize];
        r[0] = magic;
        r[1] = (byte) id;
        Le.put32(r, 4, value);
        Le.put32(r, 8, crc(r));
        return r;
    }

    private static long crc(byte[] r) {
        CRC32 c = new CRC32();
        c.update(r, 0, 8);
        return c.getValue();
    }

    /** A valid record's magic, or 0 for an invalid or erased slot. */
    private byte validMagic(byte[] page, int slot) {
        int off = slot * slotSize;
        byte magic = page[off];
        if (magic != MAGIC_VALUE && magic != MAGIC_HEADER) {
            return 0;
        }
        if (page[off + 2] != 0 || page[off + 3] != 0 || Le.u32(page, off + 8) != crcAt(page, off)) {
            return 0;
        }
        for (int i = RECORD_BYTES; i < slotSize; i++) {
            if (page[off + i] != 0) {
                return 0;
            }
        }
        if (magic == MAGIC_VALUE && (page[off + 1] & 0xff) >= COUNTER_COUNT) {
            return 0;
        }
        return magic;
    }

    private static long crcAt(byte[] page, int off) {
        CRC32 c = new CRC32();
        c.update(page, off, 8);
        return c.getValue();
    }

    private void load() throws PsaException {
        if (loaded) {
            return;
        }
        byte[][] pages = {flash.read(0, pageSize), flash.read(pageSize, pageSize)};
        long[] seq = {-1, -1};
        long[] max = new long[COUNTER_COUNT];
        for (int p = 0; p < 2; p++) {
            if (validMagic(pages[p], 0) == MAGIC_HEADER) {
                seq[p] = Le.u32(pages[p], 4);
            }
            for (int s = 1; s < slotsPerPage; s++) {
                if (validMagic(pages[p], s) == MAGIC_VALUE) {
                    int off = s * slotSize;
                    int id = pages[p][off + 1];
                    max[id] = Math.max(max[id], Le.u32(pages[p], off + 4));
                }
            }
        }
        System.arraycopy(max, 0, values, 0, COUNTER_COUNT);
        if (seq[0] < 0 && seq[1] < 0) {
            // Never initialised (or both headers lost): start page 0 with a snapshot of what survives.
            activePage = 1;
            activeSequence = 0;
            writeSlot = slotsPerPage;
            loaded = true;
            try {
                switchPage();
            } catch (PsaException e) {
                loaded = false;
                throw e;
            }
            return;
        }
        if (seq[0] >= 0 && seq[1] >= 0) {
            // sequence numbers advance by one per switch; the newer page is one ahead (modulo 2^32)
            activePage = ((seq[1] - seq[0]) & MAX_VALUE) == 1 ? 1 : 0;
        } else {
            activePage = seq[0] >= 0 ? 0 : 1;
        }
        activeSequence = seq[activePage];
        int last = 0;
        byte[] page = pages[activePage];
        for (int s = 1; s < slotsPerPage; s++) {
            if (!Le.isErased(page, s * slotSize, slotSize)) {
                last = s;
            }
        }
        writeSlot = last + 1;
        loaded = true;
    }

    @Override
    public String toString() {
        return "PlatformNvCounters[" + flash.area() + "]";
    }
}

package io.github.cai4j.bootloader.boot;

import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.psa.flash.FlashGeometry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Monotonic security counters, one per image, kept on flash (the NV counters MCUboot's rollback
 * protection reads and raises). The area is split in two halves; each holds an append-only log of
 * self-checking records ({@code A5, image, 0, 0, value u32, ~value u32, CRC32}). The value of a counter is
 * the largest valid record over both halves, so a torn or lost record never lowers it. When the half being
 * written is full, the maxima are first copied to the other half, then the full half is erased.
 */
public final class SecurityCounterStore {
    private static final int MARKER = 0xA5;

    private final FlashDevice flash;
    private final FlashArea area;
    private final int recordSize;
    private final int halfSize;

    public SecurityCounterStore(FlashDevice flash, FlashArea area) {
        this.flash = flash;
        this.area = area;
        FlashGeometry g = flash.geometry();
        this.recordSize = Math.max(16, (16 + g.writeGranularity() - 1) / g.writeGranularity() * g.writeGranularity());
        int sectors = area.size() / g.sectorSize();
        if (sectors < 2) {
            throw new IllegalArgumentException("the security counter area needs two sectors");
        }
        this.halfSize = sectors / 2 * g.sectorSize();
    }

    /** The stored counter of {@code image} (0 if never raised). */
    public long read(int image) throws FlashException {
        return maxima().getOrDefault(image, 0L);
    }

    /** Raises the counter of {@code image} to {@code value}; a lower or equal value changes nothing. */
    public void raise(int image, long value) throws FlashException {
        Map<Integer, Long> max = maxima();
        if (value <= max.getOrDefault(image, 0L)) {
            return;
        }
        int half = writableHalf();
        int slot = freeSlot(half);
        if (slot < 0) {
            int other = 1 - half;
            max.merge(image, value, Math::max);
            for (Map.Entry<Integer, Long> e : max.entrySet()) {
                if (maxOf(other, e.getKey()) < e.getValue()) {
                    int s = freeSlot(other);
                    if (s < 0) {
                        throw new FlashException(FlashException.Kind.IO_ERROR,
                                "security counter area " + area.label() + " is full");
                    }
                    writeRecord(s, e.getKey(), e.getValue());
                }
            }
            flash.erase(area.offset() + half * halfSize, halfSize);
            return;
        }
        writeRecord(slot, image, value);
    }

    private int writableHalf() throws FlashException {
        // Write to the half that already has records (the other is empty except after an interrupted move).
        boolean used0 = freeSlot(0) != base(0);
        boolean used1 = freeSlot(1) != base(1);
        if (used1 && !used0) {
            return 1;
        }
        if (used0 && used1) {
            return freeSlot(0) < 0 ? 0 : (freeSlot(1) < 0 ? 1 : 0);
        }
        return 0;
    }

    private int base(int half) {
        return area.offset() + half * halfSize;
    }

    /** Address of the first erased record slot of a half, or -1 if full. */
    private int freeSlot(int half) throws FlashException {
        byte[] data = flash.read(base(half), halfSize);
        for (int off = 0; off + recordSize <= halfSize; off += recordSize) {
            boolean erased = true;
            for (int i = 0; i < recordSize && erased; i++) {
                erased = data[off + i] == FlashGeometry.ERASED;
            }
            if (erased) {
                return base(half) + off;
            }
        }
        return -1;
    }

    private long maxOf(int half, int image) throws FlashException {
        return scan(half).getOrDefault(image, -1L);
    }

    private Map<Integer, Long> maxima() throws FlashException {
        Map<Integer, Long> m = scan(0);
        scan(1).forEach((k, v) -> m.merge(k, v, Math::max));
        return m;
    }

    private Map<Integer, Long> scan(int half) throws FlashException {
        Map<Integer, Long> m = new HashMap<>();
        byte[] data = flash.read(base(half), halfSize);
        for (int off = 0; off + recordSize <= halfSize; off += recordSize) {
            byte[] r = Arrays.copyOfRange(data, off, off + 16);
            if ((r[0] & 0xff) != MARKER) {
                continue;
            }
            long v = u32(r, 4);
            long inv = u32(r, 8);
            if ((v ^ inv) != 0xffffffffL || u32(r, 12) != crc(r)) {
                continue;
            }
            m.merge(r[1] & 0xff, v, Math::max);
        }
        return m;
    }

    private void writeRecord(int address, int image, long value) throws FlashException {
        byte[] r = new byte[recordSize];
        Arrays.fill(r, FlashGeometry.ERASED);
        r[0] = (byte) MARKER;
        r[1] = (byte) image;
        r[2] = 0;
        r[3] = 0;
        put32(r, 4, value);
        put32(r, 8, ~value & 0xffffffffL);
        put32(r, 12, crc(r));
        flash.program(address, r);
    }

    private static long crc(byte[] r) {
        CRC32 c = new CRC32();
        c.update(r, 0, 12);
        return c.getValue();
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    private static void put32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}

package io.github.cai4j.psa.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

/** The NOR rules every {@link FlashDevice} obeys, checked on a fresh (erased) device of {@code 64 x 4, 8}. */
final class NorContract {
    private NorContract() {
    }

    private static void kind(FlashException.Kind kind, FlashOp op) {
        FlashException e = assertThrows(FlashException.class, op::run);
        assertEquals(kind, e.kind(), e.getMessage());
    }

    @FunctionalInterface
    private interface FlashOp {
        void run() throws FlashException;
    }

    /** Runs the checks; returns how many groups ran. */
    static int check(FlashDevice f) throws FlashException {
        FlashGeometry g = f.geometry();
        assertEquals(new FlashGeometry(64, 4, 8), g);
        int groups = 0;

        // 1. fresh device reads erased
        byte[] all = f.read(0, g.size());
        byte[] erased = new byte[g.size()];
        Arrays.fill(erased, (byte) 0xFF);
        assertArrayEquals(erased, all);
        groups++;

        // 2. program clears bits: the stored value is old & new
        f.program(8, new byte[] {(byte) 0xF0, 0x0F, (byte) 0xAA, 0x55, 0, 1, 2, 3});
        f.program(8, new byte[] {(byte) 0x3C, (byte) 0xFF, (byte) 0x0F, (byte) 0xFF, (byte) 0xFF, 3, 3, 3});
        assertArrayEquals(new byte[] {0x30, 0x0F, 0x0A, 0x55, 0, 1, 2, 3}, f.read(8, 8));
        groups++;

        // 3. programming 0xFF never sets a cleared bit
        f.program(8, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        assertArrayEquals(new byte[] {0x30, 0x0F, 0x0A, 0x55, 0, 1, 2, 3}, f.read(8, 8));
        groups++;

        // 4. program from an offset in the source, into the middle of a sector
        byte[] src = {9, 9, 10, 11, 12, 13, 14, 15, 16, 17, 9};
        f.program(72, src, 2, 8);
        assertArrayEquals(new byte[] {10, 11, 12, 13, 14, 15, 16, 17}, f.read(72, 8));
        groups++;

        // 5. erase sets a whole sector to 0xFF and nothing else
        f.program(64 + 56, new byte[8]);
        f.eraseSector(0);
        byte[] s0 = f.read(0, 64);
        byte[] ff = new byte[64];
        Arrays.fill(ff, (byte) 0xFF);
        assertArrayEquals(ff, s0);
        assertArrayEquals(new byte[] {10, 11, 12, 13, 14, 15, 16, 17}, f.read(72, 8));
        assertArrayEquals(new byte[8], f.read(120, 8));
        groups++;

        // 6. multi-sector erase
        f.program(192, new byte[8]);
        f.erase(64, 192);
        assertArrayEquals(erased, f.read(0, g.size()));
        groups++;

        // 7. read into an offset of the destination
        f.program(0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] dst = new byte[12];
        f.read(2, dst, 3, 4);
        assertArrayEquals(new byte[] {0, 0, 0, 3, 4, 5, 6, 0, 0, 0, 0, 0}, dst);
        groups++;

        // 8. program alignment
        kind(FlashException.Kind.MISALIGNED, () -> f.program(4, new byte[8]));
        kind(FlashException.Kind.MISALIGNED, () -> f.program(8, new byte[4]));
        kind(FlashException.Kind.MISALIGNED, () -> f.program(1, new byte[7]));
        groups++;

        // 9. erase alignment
        kind(FlashException.Kind.MISALIGNED, () -> f.erase(8, 64));
        kind(FlashException.Kind.MISALIGNED, () -> f.erase(0, 32));
        kind(FlashException.Kind.MISALIGNED, () -> f.erase(64, 65));
        groups++;

        // 10. bounds of reads, programs and erases
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.read(g.size() - 4, 8));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.read(-1, 1));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.read(0, new byte[1], 0, -1));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.read(Integer.MAX_VALUE, new byte[8], 0, 8));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.program(g.size(), new byte[8]));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.program(-8, new byte[8]));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.program(Integer.MAX_VALUE - 7, new byte[8]));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.erase(g.size(), 64));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.erase(-64, 64));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.erase(0, g.size() + 64));
        kind(FlashException.Kind.OUT_OF_BOUNDS, () -> f.eraseSector(4));
        groups++;

        // 11. refused operations changed nothing
        byte[] expected = erased.clone();
        System.arraycopy(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, expected, 0, 8);
        assertArrayEquals(expected, f.read(0, g.size()));
        groups++;

        // 12. zero-length operations are harmless
        f.program(16, new byte[0]);
        f.erase(64, 0);
        assertEquals(0, f.read(5, 0).length);
        assertArrayEquals(expected, f.read(0, g.size()));
        groups++;
        return groups;
    }
}

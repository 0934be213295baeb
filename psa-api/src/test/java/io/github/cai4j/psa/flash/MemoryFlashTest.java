package io.github.cai4j.psa.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** NOR semantics of {@link MemoryFlash} (and, through {@link NorContract}, of every device). */
class MemoryFlashTest {
    static final FlashGeometry GEOMETRY = new FlashGeometry(64, 4, 8);

    @Test
    void norContract() throws FlashException {
        assertEquals(12, NorContract.check(new MemoryFlash(GEOMETRY)));
    }

    @Test
    void geometryValidation() {
        assertEquals(256, GEOMETRY.size());
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(64, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(64, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new FlashGeometry(1 << 20, 1 << 12, 4));
        assertEquals((byte) 0xFF, FlashGeometry.ERASED);
    }

    @Test
    void snapshotAndRestore() throws FlashException {
        MemoryFlash f = new MemoryFlash(GEOMETRY);
        f.program(8, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] snap = f.snapshot();
        assertEquals(GEOMETRY.size(), snap.length);
        assertEquals(1, snap[8]);
        snap[8] = 0x55; // the snapshot is a copy
        assertEquals(1, f.read(8, 1)[0]);
        byte[] older = f.snapshot();
        f.eraseSector(0);
        f.program(0, new byte[8]);
        assertFalse(Arrays.equals(older, f.snapshot()));
        f.restore(older);
        assertArrayEquals(older, f.snapshot());
        older[9] = 0; // restore copied the image
        assertEquals(2, f.read(9, 1)[0]);
        assertThrows(IllegalArgumentException.class, () -> f.restore(new byte[GEOMETRY.size() - 1]));

        MemoryFlash copy = MemoryFlash.ofImage(GEOMETRY, f.snapshot());
        assertArrayEquals(f.snapshot(), copy.snapshot());
        assertThrows(IllegalArgumentException.class, () -> MemoryFlash.ofImage(GEOMETRY, new byte[10]));
    }

    @Test
    void flipBitBypassesNorRules() throws FlashException {
        MemoryFlash f = new MemoryFlash(GEOMETRY);
        f.program(0, new byte[8]);
        f.flipBit(3, 5);
        assertEquals(0x20, f.read(3, 1)[0], "a flip can set a bit that programming never could");
        f.flipBit(3, 5);
        assertEquals(0, f.read(3, 1)[0]);
        f.flipBit(100, 7);
        assertEquals(0x7F, f.read(100, 1)[0]);
        f.flipBit(100, 15); // bit index taken modulo 8
        assertEquals((byte) 0xFF, f.read(100, 1)[0]);
        byte[] all = f.snapshot();
        int zeroBytes = 0;
        for (byte b : all) {
            if (b == 0) {
                zeroBytes++;
            }
        }
        assertEquals(8, zeroBytes);
    }

    @Test
    void programWithShortSourceChangesNothing() throws FlashException {
        MemoryFlash f = new MemoryFlash(GEOMETRY);
        assertThrows(IndexOutOfBoundsException.class, () -> f.program(0, new byte[4], 0, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> f.program(0, new byte[8], 4, 8));
        byte[] erased = new byte[GEOMETRY.size()];
        Arrays.fill(erased, (byte) 0xFF);
        assertArrayEquals(erased, f.snapshot(), "no partial program");
    }
}

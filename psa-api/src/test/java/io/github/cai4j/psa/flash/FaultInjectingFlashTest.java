package io.github.cai4j.psa.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Every {@link FaultMode} of {@link FaultInjectingFlash}, for programs and erases. */
class FaultInjectingFlashTest {
    private static final FlashGeometry G = MemoryFlashTest.GEOMETRY; // 64 x 4, granularity 8

    private final MemoryFlash memory = new MemoryFlash(G);
    private final FaultInjectingFlash flash = new FaultInjectingFlash(memory);

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    private static byte[] ff(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    private void assertPoweredOff() {
        assertTrue(flash.isPoweredOff());
        assertEquals(FlashException.Kind.POWER_LOST,
                assertThrows(PowerLossException.class, () -> flash.read(0, 8)).kind());
        assertThrows(PowerLossException.class, () -> flash.program(0, new byte[8]));
        assertThrows(PowerLossException.class, () -> flash.erase(0, 64));
        assertThrows(PowerLossException.class, () -> flash.read(0, new byte[1], 0, 1));
    }

    private static int bitDifferences(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Integer.bitCount((a[i] ^ b[i]) & 0xFF);
        }
        return n;
    }

    @Test
    void passesTheNorContractWhenNoFaultIsArmed() throws FlashException {
        assertEquals(12, NorContract.check(flash));
        assertFalse(flash.isPoweredOff());
        assertFalse(flash.faultFired());
        assertEquals(memory, flash.target());
        assertEquals(G, flash.geometry());
    }

    @Test
    void countsProgramsAndErasesButNotReadsOrRefusedOperations() throws FlashException {
        assertEquals(0, flash.operationCount());
        flash.read(0, 64);
        flash.program(0, new byte[8]);
        flash.erase(0, 64);
        flash.eraseSector(1);
        assertThrows(FlashException.class, () -> flash.program(3, new byte[8]));
        assertThrows(FlashException.class, () -> flash.erase(0, 1000));
        flash.read(0, 8);
        assertEquals(3, flash.operationCount());
        assertThrows(IllegalArgumentException.class, () -> flash.armFault(2, FaultMode.POWER_LOSS_BEFORE));
        flash.armFault(3, FaultMode.POWER_LOSS_BEFORE);
    }

    @Test
    void faultFiresAtExactlyOperationK() throws FlashException {
        flash.armFault(2, FaultMode.POWER_LOSS_BEFORE);
        flash.program(0, pattern(8, 1));
        assertFalse(flash.faultFired());
        flash.program(8, pattern(8, 2));
        assertFalse(flash.faultFired());
        assertThrows(PowerLossException.class, () -> flash.program(16, pattern(8, 3)));
        assertTrue(flash.faultFired());
        assertEquals(3, flash.operationCount());
        assertArrayEquals(pattern(8, 1), memory.read(0, 8));
        assertArrayEquals(pattern(8, 2), memory.read(8, 8));
        assertArrayEquals(ff(8), memory.read(16, 8));
    }

    @Test
    void powerLossBeforeProgram() throws FlashException {
        byte[] before = memory.snapshot();
        flash.armFault(0, FaultMode.POWER_LOSS_BEFORE);
        PowerLossException e = assertThrows(PowerLossException.class, () -> flash.program(8, pattern(16, 5)));
        assertTrue(e.getMessage().contains("before"), e.getMessage());
        assertArrayEquals(before, memory.snapshot());
        assertPoweredOff();
        assertTrue(flash.faultDescription().contains("program of 16 bytes at 0x8"), flash.faultDescription());
        assertEquals(1, flash.operationCount(), "refusals while powered off are not operations");
    }

    @Test
    void powerLossAfterProgram() {
        flash.armFault(0, FaultMode.POWER_LOSS_AFTER);
        assertThrows(PowerLossException.class, () -> flash.program(8, pattern(16, 5)));
        assertArrayEquals(pattern(16, 5), Arrays.copyOfRange(memory.snapshot(), 8, 24));
        assertPoweredOff();
    }

    @Test
    void tornProgramWritesTheFirstHalf() {
        flash.armFault(0, FaultMode.TORN_WRITE);
        assertThrows(PowerLossException.class, () -> flash.program(64, pattern(32, 9)));
        byte[] s = memory.snapshot();
        assertArrayEquals(Arrays.copyOf(pattern(32, 9), 16), Arrays.copyOfRange(s, 64, 80));
        assertArrayEquals(ff(16), Arrays.copyOfRange(s, 80, 96));
        assertPoweredOff();
        assertTrue(flash.faultDescription().contains("16 bytes written"), flash.faultDescription());
    }

    @Test
    void tornProgramKeepsWholeWriteUnits() {
        // 24 bytes = 3 units of 8: half is 12, rounded down to one unit
        flash.armFault(0, FaultMode.TORN_WRITE);
        assertThrows(PowerLossException.class, () -> flash.program(0, pattern(24, 3)));
        byte[] s = memory.snapshot();
        assertArrayEquals(Arrays.copyOf(pattern(24, 3), 8), Arrays.copyOfRange(s, 0, 8));
        assertArrayEquals(ff(16), Arrays.copyOfRange(s, 8, 24));
    }

    @Test
    void tornProgramOfOneUnitWritesNothing() {
        byte[] before = memory.snapshot();
        flash.armFault(0, FaultMode.TORN_WRITE);
        assertThrows(PowerLossException.class, () -> flash.program(0, pattern(8, 3)));
        assertArrayEquals(before, memory.snapshot());
    }

    @Test
    void droppedProgramReportsSuccessAndChangesNothing() throws FlashException {
        flash.armFault(1, FaultMode.DROPPED_WRITE);
        flash.program(0, pattern(8, 1));
        byte[] before = memory.snapshot();
        flash.program(8, pattern(8, 2)); // dropped, no exception
        assertArrayEquals(before, memory.snapshot());
        assertTrue(flash.faultFired());
        assertFalse(flash.isPoweredOff());
        assertTrue(flash.faultDescription().startsWith("dropped"), flash.faultDescription());
        flash.program(16, pattern(8, 3)); // operation continues
        assertArrayEquals(pattern(8, 3), flash.read(16, 8));
        assertArrayEquals(ff(8), flash.read(8, 8));
    }

    @Test
    void bitFlipAfterProgramFlipsExactlyOneBitAndKeepsTheSector() throws FlashException {
        flash.program(0, pattern(8, 1));
        flash.program(120, pattern(8, 4)); // in sector 1 too: must survive the flip's sector rewrite
        flash.armFault(2, FaultMode.BIT_FLIP);
        flash.program(64, pattern(16, 2));
        byte[] expected = ff(G.size());
        System.arraycopy(pattern(8, 1), 0, expected, 0, 8);
        System.arraycopy(pattern(8, 4), 0, expected, 120, 8);
        System.arraycopy(pattern(16, 2), 0, expected, 64, 16);
        byte[] actual = memory.snapshot();
        assertEquals(1, bitDifferences(expected, actual));
        // default: the middle bit of the range (bit 64 of 128 -> byte 64 + 8, bit 0)
        assertEquals(expected[72] ^ 1, actual[72]);
        assertFalse(flash.isPoweredOff());
        assertTrue(flash.faultDescription().contains("bit 64"), flash.faultDescription());
        flash.program(24, pattern(8, 7));
        assertArrayEquals(pattern(8, 7), flash.read(24, 8), "operation continues");
    }

    @Test
    void bitFlipAtAChosenBit() {
        int checked = 0;
        for (int bit : new int[] {0, 3, 63, 64 + 5, -1}) {
            MemoryFlash m = new MemoryFlash(G);
            FaultInjectingFlash f = new FaultInjectingFlash(m);
            f.armFault(0, FaultMode.BIT_FLIP, bit);
            try {
                f.program(8, pattern(8, 11));
            } catch (FlashException e) {
                throw new AssertionError(e);
            }
            byte[] expected = ff(G.size());
            System.arraycopy(pattern(8, 11), 0, expected, 8, 8);
            byte[] actual = m.snapshot();
            assertEquals(1, bitDifferences(expected, actual), "bit " + bit);
            long b = bit < 0 ? 32 : Math.floorMod(bit, 64);
            int addr = 8 + (int) (b / 8);
            assertEquals((byte) (expected[addr] ^ (1 << (b % 8))), actual[addr], "bit " + bit);
            checked++;
        }
        assertEquals(5, checked);
    }

    @Test
    void powerLossBeforeErase() throws FlashException {
        flash.program(64, pattern(64, 1));
        flash.armFault(1, FaultMode.POWER_LOSS_BEFORE);
        byte[] before = memory.snapshot();
        assertThrows(PowerLossException.class, () -> flash.eraseSector(1));
        assertArrayEquals(before, memory.snapshot());
        assertPoweredOff();
    }

    @Test
    void powerLossAfterErase() throws FlashException {
        flash.program(64, pattern(64, 1));
        flash.armFault(1, FaultMode.POWER_LOSS_AFTER);
        assertThrows(PowerLossException.class, () -> flash.eraseSector(1));
        assertArrayEquals(ff(64), memory.read(64, 64));
        assertPoweredOff();
    }

    @Test
    void tornEraseErasesTheFirstHalfOnly() throws FlashException {
        flash.program(0, pattern(256, 1));
        flash.armFault(1, FaultMode.TORN_WRITE);
        assertThrows(PowerLossException.class, () -> flash.erase(64, 128));
        byte[] s = memory.snapshot();
        byte[] p = pattern(256, 1);
        assertArrayEquals(Arrays.copyOfRange(p, 0, 64), Arrays.copyOfRange(s, 0, 64));
        assertArrayEquals(ff(64), Arrays.copyOfRange(s, 64, 128));
        assertArrayEquals(Arrays.copyOfRange(p, 128, 256), Arrays.copyOfRange(s, 128, 256));
        assertPoweredOff();
        assertTrue(flash.faultDescription().contains("64 bytes erased"), flash.faultDescription());
    }

    @Test
    void droppedEraseReportsSuccessAndChangesNothing() throws FlashException {
        flash.program(64, pattern(64, 1));
        flash.armFault(1, FaultMode.DROPPED_WRITE);
        byte[] before = memory.snapshot();
        flash.eraseSector(1);
        assertArrayEquals(before, memory.snapshot());
        assertFalse(flash.isPoweredOff());
        flash.eraseSector(1);
        assertArrayEquals(ff(64), memory.read(64, 64));
    }

    @Test
    void bitFlipAfterErase() throws FlashException {
        flash.program(0, pattern(256, 1));
        flash.armFault(1, FaultMode.BIT_FLIP);
        flash.eraseSector(2);
        byte[] expected = pattern(256, 1);
        Arrays.fill(expected, 128, 192, (byte) 0xFF);
        byte[] actual = memory.snapshot();
        assertEquals(1, bitDifferences(expected, actual));
        assertEquals((byte) 0xFE, actual[128 + 32], "the middle bit of the erased range was cleared");
        assertFalse(flash.isPoweredOff());
    }

    @Test
    void powerOnRestoresOperationAndDisarms() throws FlashException {
        flash.armFault(0, FaultMode.POWER_LOSS_BEFORE);
        assertThrows(PowerLossException.class, () -> flash.program(0, pattern(8, 1)));
        flash.powerOn();
        assertFalse(flash.isPoweredOff());
        assertArrayEquals(ff(8), flash.read(0, 8));
        flash.program(0, pattern(8, 1));
        assertArrayEquals(pattern(8, 1), flash.read(0, 8));
        assertEquals(2, flash.operationCount());
    }

    @Test
    void powerOffByRequestAndPowerOnDisarmsAPendingFault() throws FlashException {
        flash.armFault(5, FaultMode.POWER_LOSS_BEFORE);
        flash.powerOff();
        assertPoweredOff();
        assertTrue(flash.faultDescription().contains("by request"), flash.faultDescription());
        flash.powerOn();
        for (int i = 0; i < 10; i++) {
            flash.program(i * 8, pattern(8, i));
        }
        assertFalse(flash.isPoweredOff(), "the fault armed before powerOn() was disarmed");
        assertEquals(10, flash.operationCount());
    }

    @Test
    void modesThatLosePower() {
        assertEquals(EnumSet.of(FaultMode.POWER_LOSS_BEFORE, FaultMode.POWER_LOSS_AFTER, FaultMode.TORN_WRITE),
                EnumSet.copyOf(Arrays.stream(FaultMode.values()).filter(FaultMode::losesPower).toList()));
        assertEquals(5, FaultMode.values().length);
    }

    @Test
    void everyModeOnEveryOperationKindBehavesAsDeclared() throws FlashException {
        int runs = 0;
        for (FaultMode mode : FaultMode.values()) {
            for (boolean erase : new boolean[] {false, true}) {
                MemoryFlash m = new MemoryFlash(G);
                m.program(64, pattern(64, 3));
                FaultInjectingFlash f = new FaultInjectingFlash(m);
                f.armFault(0, mode);
                boolean threw;
                try {
                    if (erase) {
                        f.eraseSector(1);
                    } else {
                        f.program(0, pattern(16, 1));
                    }
                    threw = false;
                } catch (PowerLossException e) {
                    threw = true;
                }
                assertEquals(mode.losesPower(), threw, mode + (erase ? " erase" : " program"));
                assertEquals(mode.losesPower(), f.isPoweredOff());
                assertTrue(f.faultFired());
                assertFalse(f.faultDescription().isEmpty());
                runs++;
            }
        }
        assertEquals(10, runs);
    }
}

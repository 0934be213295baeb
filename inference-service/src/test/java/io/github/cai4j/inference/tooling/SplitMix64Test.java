package io.github.cai4j.inference.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceSequenceForSeedZero() {
        // the published first outputs of SplitMix64 seeded with 0
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
    }

    @Test
    void doublesAndBoundedIntsStayInRange() {
        SplitMix64 r = new SplitMix64(42);
        int[] counts = new int[7];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            double d = r.nextDouble();
            assertTrue(d >= 0.0 && d < 1.0);
            double e = r.nextDouble(-2.0, 3.0);
            assertTrue(e >= -2.0 && e < 3.0);
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - n / 7) < 600, "roughly uniform: " + c);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }
}

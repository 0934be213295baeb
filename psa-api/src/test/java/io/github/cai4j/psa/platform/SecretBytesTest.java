package io.github.cai4j.psa.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SecretBytes}: no revealing toString, constant-time equality, destroy zeroes and blocks reads. */
class SecretBytesTest {

    @Test
    void destroyZeroesTheBytesAndLaterReadsFail() {
        byte[] owned = {1, 2, 3, 4, 5, 6, 7, 8};
        SecretBytes s = SecretBytes.wrap(owned);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, s.toByteArray());
        assertFalse(s.isDestroyed());
        s.destroy();
        assertTrue(s.isDestroyed());
        assertArrayEquals(new byte[8], owned, "wrap takes ownership: destroy zeroes that very array");
        assertThrows(IllegalStateException.class, s::toByteArray);
        assertThrows(IllegalStateException.class, () -> s.equalsConstantTime(SecretBytes.copyOf(new byte[8])));
        assertThrows(IllegalStateException.class, () -> SecretBytes.copyOf(new byte[8]).equalsConstantTime(s));
        s.destroy(); // idempotent
        assertTrue(s.isDestroyed());
        assertEquals(8, s.size());
    }

    @Test
    void copyOfKeepsItsOwnCopy() {
        byte[] mine = {9, 8, 7};
        SecretBytes s = SecretBytes.copyOf(mine);
        mine[0] = 0;
        assertArrayEquals(new byte[] {9, 8, 7}, s.toByteArray());
        byte[] out = s.toByteArray();
        assertNotSame(out, s.toByteArray());
        out[1] = 0;
        assertArrayEquals(new byte[] {9, 8, 7}, s.toByteArray(), "toByteArray returns a copy");
        s.destroy();
        assertArrayEquals(new byte[] {0, 8, 7}, mine, "the caller's array is not touched by destroy");
    }

    @Test
    void equalsConstantTime() {
        SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3, 4});
        assertTrue(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 3, 4})));
        assertTrue(a.equalsConstantTime(a));
        assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 3, 5})));
        assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 3})));
        assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 3, 4, 0})));
        assertTrue(SecretBytes.copyOf(new byte[0]).equalsConstantTime(SecretBytes.copyOf(new byte[0])));
    }

    @Test
    void toStringShowsOnlyTheSize() {
        byte[] key = HexFormat.of().parseHex("a1b2c3d4e5f60718293a4b5c6d7e8f90");
        SecretBytes s = SecretBytes.copyOf(key);
        String text = s.toString();
        assertEquals("SecretBytes[16 bytes]", text);
        String hex = HexFormat.of().formatHex(key);
        for (String needle : List.of(hex, hex.substring(0, 8), java.util.Arrays.toString(key), "-95")) {
            assertFalse(text.contains(needle), needle);
        }
    }
}

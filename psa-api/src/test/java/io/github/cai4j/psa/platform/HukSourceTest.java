package io.github.cai4j.psa.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HukSource}: the dummy provisioning value, the other sources, and that nothing leaks the key. */
class HukSourceTest {
    private static final String DUMMY_HEX = "000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f";
    private static final String KEY_HEX = "8f3a5c7e91b2d4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e";

    @TempDir
    Path dir;

    private static byte[] read(HukSource s) {
        SecretBytes b = s.read();
        try {
            return b.toByteArray();
        } finally {
            b.destroy();
        }
    }

    private static void assertNoKeyIn(String text, byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        assertFalse(text.toLowerCase(Locale.ROOT).contains(hex), text);
        assertFalse(text.toUpperCase(Locale.ROOT).contains(hex.toUpperCase(Locale.ROOT)), text);
        // no 8-byte window of the key, in hex or as characters
        for (int i = 0; i + 4 <= key.length; i++) {
            String window = hex.substring(2 * i, 2 * i + 8);
            assertFalse(text.toLowerCase(Locale.ROOT).contains(window), text + " contains " + window);
        }
        assertFalse(text.contains(new String(key, StandardCharsets.ISO_8859_1)), text);
        assertFalse(text.contains(java.util.Arrays.toString(key)), text);
    }

    @Test
    void dummyIsTfmDummyProvisioningValue() {
        HukSource d = HukSource.dummy();
        assertTrue(d.isDummyProvisioning());
        byte[] k = read(d);
        assertEquals(32, k.length);
        assertEquals(DUMMY_HEX, HexFormat.of().formatHex(k));
        for (int i = 0; i < 32; i++) {
            assertEquals(i % 16, k[i]);
        }
        assertEquals(HukSource.HUK_SIZE, 32);
        assertTrue(HukSource.DUMMY_PROVISIONING_WARNING.contains("NOT SECURE"));
        assertTrue(HukSource.DUMMY_PROVISIONING_WARNING.contains("TFM_DUMMY_PROVISIONING"));
    }

    @Test
    void ofBytesCopiesTheCallersArray() {
        byte[] key = HexFormat.of().parseHex(KEY_HEX);
        HukSource s = HukSource.of(key);
        assertFalse(s.isDummyProvisioning());
        java.util.Arrays.fill(key, (byte) 0);
        assertEquals(KEY_HEX, HexFormat.of().formatHex(read(s)));
    }

    @Test
    void ofBytesOfTheWrongSizeIsRefused() {
        for (int n : new int[] {0, 16, 31, 33, 64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HukSource.of(new byte[n]));
            assertTrue(e.getMessage().contains(String.valueOf(n)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> HukSource.of(null));
    }

    @Test
    void ofHex() {
        assertEquals(KEY_HEX, HexFormat.of().formatHex(read(HukSource.ofHex(KEY_HEX))));
        assertEquals(KEY_HEX, HexFormat.of().formatHex(read(HukSource.ofHex(" " + KEY_HEX.toUpperCase(Locale.ROOT)
                + "\n"))));
        HukSource dummyByHex = HukSource.ofHex(DUMMY_HEX);
        assertFalse(dummyByHex.isDummyProvisioning(), "only dummy() is flagged, whatever the bytes");
        assertThrows(IllegalArgumentException.class, () -> HukSource.ofHex(KEY_HEX.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> HukSource.ofHex(KEY_HEX + "00"));
        assertThrows(IllegalArgumentException.class, () -> HukSource.ofHex(KEY_HEX.substring(1)));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HukSource.ofHex("zz" + KEY_HEX.substring(2)));
        assertNoKeyIn(bad.getMessage(), HexFormat.of().parseHex(KEY_HEX));
        assertThrows(IllegalArgumentException.class, () -> HukSource.ofHex(""));
    }

    @Test
    void fromFileWithRawBytes() throws IOException {
        Path f = dir.resolve("huk.bin");
        byte[] key = HexFormat.of().parseHex(KEY_HEX);
        Files.write(f, key);
        HukSource s = HukSource.fromFile(f);
        assertArrayEquals(key, read(s));
        assertFalse(s.isDummyProvisioning());
        assertTrue(s.toString().contains("huk.bin"), s.toString());
    }

    @Test
    void fromFileWithHexDigits() throws IOException {
        Path f = dir.resolve("huk.hex");
        Files.writeString(f, "  " + KEY_HEX + "\r\n", StandardCharsets.US_ASCII);
        assertEquals(KEY_HEX, HexFormat.of().formatHex(read(HukSource.fromFile(f))));
        Files.writeString(f, KEY_HEX.toUpperCase(Locale.ROOT), StandardCharsets.US_ASCII);
        assertEquals(KEY_HEX, HexFormat.of().formatHex(read(HukSource.fromFile(f))));
    }

    @Test
    void fromFileOfTheWrongSizeIsAnIoException() throws IOException {
        int checked = 0;
        for (byte[] content : new byte[][] {new byte[0], new byte[31], new byte[33], new byte[64],
            KEY_HEX.substring(2).getBytes(StandardCharsets.US_ASCII),
            (KEY_HEX + "ab").getBytes(StandardCharsets.US_ASCII),
            ("g" + KEY_HEX.substring(1)).getBytes(StandardCharsets.US_ASCII)}) {
            Path f = dir.resolve("bad" + checked + ".bin");
            Files.write(f, content);
            IOException e = assertThrows(IOException.class, () -> HukSource.fromFile(f));
            assertTrue(e.getMessage().contains(String.valueOf(content.length)), e.getMessage());
            assertNoKeyIn(e.getMessage(), HexFormat.of().parseHex(KEY_HEX));
            checked++;
        }
        assertEquals(7, checked);
        assertThrows(NoSuchFileException.class, () -> HukSource.fromFile(dir.resolve("missing")));
    }

    @Test
    void toStringShowsNoKeyBytes() throws IOException {
        byte[] key = HexFormat.of().parseHex(KEY_HEX);
        Path f = dir.resolve("k.bin");
        Files.write(f, key);
        int checked = 0;
        for (HukSource s : new HukSource[] {HukSource.of(key), HukSource.ofHex(KEY_HEX), HukSource.fromFile(f)}) {
            assertNoKeyIn(s.toString(), key);
            assertNoKeyIn(s.read().toString(), key);
            checked++;
        }
        HukSource d = HukSource.dummy();
        assertNoKeyIn(d.toString(), read(d));
        assertNoKeyIn(d.read().toString(), read(d));
        assertTrue(d.toString().contains("dummy"), d.toString());
        assertEquals(3, checked);
    }

    @Test
    void eachReadIsAFreshSecret() {
        HukSource s = HukSource.ofHex(KEY_HEX);
        SecretBytes a = s.read();
        SecretBytes b = s.read();
        assertNotSame(a, b);
        assertTrue(a.equalsConstantTime(b));
        a.destroy();
        assertEquals(KEY_HEX, HexFormat.of().formatHex(read(s)), "destroying a copy leaves the source intact");
        assertTrue(b.equalsConstantTime(s.read()));
    }
}

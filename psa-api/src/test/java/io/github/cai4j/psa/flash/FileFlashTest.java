package io.github.cai4j.psa.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileFlash}: NOR rules, write-through persistence, refusal of a file of the wrong size. */
class FileFlashTest {
    private static final FlashGeometry G = MemoryFlashTest.GEOMETRY;

    @TempDir
    Path dir;

    @Test
    void norContract() throws Exception {
        try (FileFlash f = FileFlash.open(dir.resolve("nor.bin"), G)) {
            assertEquals(12, NorContract.check(f));
        }
    }

    @Test
    void newFileIsCreatedErased() throws Exception {
        Path file = dir.resolve("new.bin");
        assertFalse(Files.exists(file));
        try (FileFlash f = FileFlash.open(file, G)) {
            assertEquals(G, f.geometry());
            assertTrue(f.toString().contains("new.bin"));
        }
        byte[] raw = Files.readAllBytes(file);
        byte[] ff = new byte[G.size()];
        Arrays.fill(ff, (byte) 0xFF);
        assertArrayEquals(ff, raw);
    }

    @Test
    void contentSurvivesReopen() throws Exception {
        Path file = dir.resolve("persist.bin");
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        byte[] expected;
        try (FileFlash f = FileFlash.open(file, G)) {
            f.program(64, data);
            f.program(0, new byte[8]);
            f.eraseSector(0);
            f.program(200, new byte[] {0, 0, 0, 0, (byte) 0xF0, 0, 0, 0});
            expected = f.read(0, G.size());
            // written through: the file already holds the image before close
            assertArrayEquals(expected, Files.readAllBytes(file));
        }
        try (FileFlash again = FileFlash.open(file, G)) {
            assertArrayEquals(expected, again.read(0, G.size()));
            assertArrayEquals(data, again.read(64, 16));
            again.program(64, new byte[] {(byte) 0xF0, -1, -1, -1, -1, -1, -1, -1});
            assertEquals(0, again.read(64, 1)[0], "NOR rules hold on the reopened content: 0x01 & 0xF0");
        }
        try (FileFlash third = FileFlash.open(file, G)) {
            assertEquals(0, third.read(64, 1)[0]);
            assertEquals(2, third.read(65, 1)[0]);
        }
    }

    @Test
    void fileOfTheWrongSizeIsRefused() throws Exception {
        Path file = dir.resolve("short.bin");
        byte[] content = new byte[G.size() - 1];
        Files.write(file, content);
        FlashException e = assertThrows(FlashException.class, () -> FileFlash.open(file, G));
        assertEquals(FlashException.Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().contains(String.valueOf(G.size() - 1)), e.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file), "a refused file is left alone");

        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[G.size() * 2]);
        assertEquals(FlashException.Kind.IO_ERROR,
                assertThrows(FlashException.class, () -> FileFlash.open(big, G)).kind());
        // the same file opens with the geometry that matches it
        try (FileFlash f = FileFlash.open(big, new FlashGeometry(64, 8, 8))) {
            assertEquals(0, f.read(500, 1)[0]);
        }
    }

    @Test
    void emptyExistingFileIsFormattedErased() throws Exception {
        Path file = dir.resolve("empty.bin");
        Files.write(file, new byte[0]);
        try (FileFlash f = FileFlash.open(file, G)) {
            assertEquals((byte) 0xFF, f.read(G.size() - 1, 1)[0]);
        }
        assertEquals(G.size(), Files.size(file));
    }

    @Test
    void unreadableLocationIsAnIoError() {
        Path file = dir.resolve("no-such-dir").resolve("x.bin");
        assertEquals(FlashException.Kind.IO_ERROR,
                assertThrows(FlashException.class, () -> FileFlash.open(file, G)).kind());
    }

    @Test
    void faultInjectionOverAFileLeavesTheSurvivingImageOnDisk() throws Exception {
        Path file = dir.resolve("cut.bin");
        try (FileFlash f = FileFlash.open(file, G)) {
            FaultInjectingFlash cut = new FaultInjectingFlash(f);
            cut.program(0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            cut.armFault(1, FaultMode.TORN_WRITE);
            assertThrows(PowerLossException.class, () -> cut.program(64, new byte[32]));
        }
        try (FileFlash reboot = FileFlash.open(file, G)) {
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, reboot.read(0, 8));
            assertArrayEquals(new byte[16], reboot.read(64, 16));
            byte[] ff = new byte[16];
            Arrays.fill(ff, (byte) 0xFF);
            assertArrayEquals(ff, reboot.read(80, 16));
        }
    }
}

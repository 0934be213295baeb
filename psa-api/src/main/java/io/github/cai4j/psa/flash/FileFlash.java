package io.github.cai4j.psa.flash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A NOR flash kept in a file (one byte per cell), so a simulated device resumes from it after the process
 * ends. A missing file is created erased; an existing one must have exactly the device's size. Every
 * program and erase is written through before it returns.
 */
public final class FileFlash implements FlashDevice, AutoCloseable {
    private final FlashGeometry geometry;
    private final Path file;
    private final FileChannel channel;
    private final MemoryFlash mirror;

    private FileFlash(FlashGeometry geometry, Path file, FileChannel channel, MemoryFlash mirror) {
        this.geometry = geometry;
        this.file = file;
        this.channel = channel;
        this.mirror = mirror;
    }

    /** Opens or creates the flash file. */
    public static FileFlash open(Path file, FlashGeometry geometry) throws FlashException {
        try {
            boolean existed = Files.exists(file);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                byte[] image = new byte[geometry.size()];
                if (existed && ch.size() != 0) {
                    if (ch.size() != geometry.size()) {
                        throw new FlashException(FlashException.Kind.IO_ERROR, "flash file " + file + " is "
                                + ch.size() + " bytes, the device needs " + geometry.size());
                    }
                    ByteBuffer bb = ByteBuffer.wrap(image);
                    while (bb.hasRemaining()) {
                        if (ch.read(bb, bb.position()) < 0) {
                            throw new FlashException(FlashException.Kind.IO_ERROR, "short read of " + file);
                        }
                    }
                } else {
                    Arrays.fill(image, FlashGeometry.ERASED);
                    writeFully(ch, image, 0, 0, image.length);
                }
                return new FileFlash(geometry, file, ch, MemoryFlash.ofImage(geometry, image));
            } catch (FlashException | IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new FlashException(FlashException.Kind.IO_ERROR, "cannot open flash file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, byte[] data, int offset, long position, int length)
            throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(data, offset, length);
        long pos = position;
        while (bb.hasRemaining()) {
            pos += ch.write(bb, pos);
        }
    }

    @Override
    public FlashGeometry geometry() {
        return geometry;
    }

    @Override
    public void read(int address, byte[] dst, int offset, int length) throws FlashException {
        mirror.read(address, dst, offset, length);
    }

    @Override
    public synchronized void program(int address, byte[] src, int offset, int length) throws FlashException {
        mirror.program(address, src, offset, length);
        persist(address, length);
    }

    @Override
    public synchronized void erase(int address, int length) throws FlashException {
        mirror.erase(address, length);
        persist(address, length);
    }

    private void persist(int address, int length) throws FlashException {
        byte[] data = mirror.read(address, length);
        try {
            writeFully(channel, data, 0, address, length);
        } catch (IOException e) {
            throw new FlashException(FlashException.Kind.IO_ERROR, "cannot write flash file " + file + " at 0x"
                    + Integer.toHexString(address) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "FileFlash[" + file + ", " + geometry + "]";
    }
}

package io.github.cai4j.bootloader.boot;

import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.psa.flash.FlashGeometry;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The trailer at the end of a slot ({@code bootutil_misc.h}, {@code spec/mcuboot-psa.md} A2). With
 * {@code A} = BOOT_MAX_ALIGN: magic at {@code size-16}, image_ok at {@code ALIGN_DOWN(size-16-A, A)},
 * copy_done, swap_info and swap_size each {@code A} lower, then the two encryption-key fields, then the
 * swap status area ({@code maxImageSectors * minWrite * states} bytes). Flags and status entries are one
 * byte padded with the erased value to the minimum write size.
 */
public final class SlotTrailer {
    /** Magic for BOOT_MAX_ALIGN 8. */
    private static final byte[] MAGIC_8 = {
        0x77, (byte) 0xc2, (byte) 0x95, (byte) 0xf3, 0x60, (byte) 0xd2, (byte) 0xef, 0x7f,
        0x35, 0x52, 0x50, 0x0f, 0x2c, (byte) 0xb6, 0x79, (byte) 0x80};
    /** Tail of the magic for other BOOT_MAX_ALIGN values (after the u16 alignment). */
    private static final byte[] MAGIC_TAIL = {
        0x2d, (byte) 0xe1, 0x5d, 0x29, 0x41, 0x0b, (byte) 0x8d, 0x77, 0x67, (byte) 0x9c, 0x11, 0x0f, 0x1f, (byte) 0x8a};

    public static final int FLAG_SET = 0x01;

    /** Decoded magic ({@code BOOT_MAGIC_*}). */
    public enum Magic { GOOD, BAD, UNSET }

    /** Decoded image_ok / copy_done ({@code BOOT_FLAG_*}). */
    public enum Flag { SET, BAD, UNSET }

    /** The decoded fields of one slot's trailer. */
    public record State(Magic magic, Flag imageOk, Flag copyDone, int swapInfo, long swapSize) {
        public SwapType swapType() {
            return swapInfo == 0xff ? SwapType.NONE : SwapType.ofSwapInfo(swapInfo);
        }

        public int imageNumber() {
            return (swapInfo >>> 4) & 0x0f;
        }
    }

    private final int slotSize;
    private final int maxAlign;
    private final int minWrite;
    private final int statusStates;
    private final int maxImageSectors;
    private final int encKeySize;

    /**
     * @param statusStates   3 for swap-scratch and swap-move, 0 for overwrite-only
     * @param encKeySize     0 without encrypted images, else the AES key size (16 or 32)
     */
    public SlotTrailer(int slotSize, int maxAlign, int minWrite, int statusStates, int maxImageSectors,
                       int encKeySize) {
        if (maxAlign != 8 && maxAlign != 16 && maxAlign != 32) {
            throw new IllegalArgumentException("BOOT_MAX_ALIGN must be 8, 16 or 32");
        }
        if (minWrite > maxAlign || maxAlign % minWrite != 0) {
            throw new IllegalArgumentException("write size " + minWrite + " does not divide BOOT_MAX_ALIGN " + maxAlign);
        }
        this.slotSize = slotSize;
        this.maxAlign = maxAlign;
        this.minWrite = minWrite;
        this.statusStates = statusStates;
        this.maxImageSectors = maxImageSectors;
        this.encKeySize = encKeySize;
        if (trailerSize() > slotSize) {
            throw new IllegalArgumentException("trailer of " + trailerSize() + " bytes does not fit the slot");
        }
    }

    /** The 16 magic bytes for a BOOT_MAX_ALIGN. */
    public static byte[] magicFor(int maxAlign) {
        if (maxAlign == 8) {
            return MAGIC_8.clone();
        }
        byte[] m = new byte[16];
        m[0] = (byte) maxAlign;
        m[1] = (byte) (maxAlign >>> 8);
        System.arraycopy(MAGIC_TAIL, 0, m, 2, MAGIC_TAIL.length);
        return m;
    }

    /** The BOOT_MAX_ALIGN a 16-byte magic encodes, or null if it is no magic (as imgtool dumpinfo reads it). */
    public static Integer maxAlignOfMagic(byte[] magic) {
        if (magic.length != 16) {
            return null;
        }
        if (MessageDigest.isEqual(magic, MAGIC_8)) {
            return 8;
        }
        if (MessageDigest.isEqual(Arrays.copyOfRange(magic, 2, 16), MAGIC_TAIL)) {
            return (magic[0] & 0xff) | (magic[1] & 0xff) << 8;
        }
        return null;
    }

    private static int alignDown(int n, int a) {
        return n / a * a;
    }

    private static int alignUp(int n, int a) {
        return (n + a - 1) / a * a;
    }

    public int magicOffset() {
        return slotSize - 16;
    }

    public int imageOkOffset() {
        return alignDown(magicOffset() - maxAlign, maxAlign);
    }

    public int copyDoneOffset() {
        return imageOkOffset() - maxAlign;
    }

    public int swapInfoOffset() {
        return copyDoneOffset() - maxAlign;
    }

    public int swapSizeOffset() {
        return swapInfoOffset() - maxAlign;
    }

    /** Offset of encryption key field {@code i} (0 = primary's image, 1 = secondary's). */
    public int encKeyOffset(int i) {
        return swapSizeOffset() - (i + 1) * alignUp(Math.max(encKeySize, 1), maxAlign);
    }

    /** Start of the swap status area (= start of the trailer). */
    public int statusOffset() {
        return slotSize - trailerSize();
    }

    /** {@code boot_trailer_sz}. */
    public int trailerSize() {
        int enc = encKeySize == 0 ? 0 : 2 * alignUp(encKeySize, maxAlign);
        return maxImageSectors * minWrite * statusStates + enc + 4 * maxAlign + alignUp(16, maxAlign);
    }

    public int maxAlign() {
        return maxAlign;
    }

    public int encKeySize() {
        return encKeySize;
    }

    public int statusStates() {
        return statusStates;
    }

    public int maxImageSectors() {
        return maxImageSectors;
    }

    /** Reads the trailer fields of a slot. */
    public State read(FlashDevice flash, FlashArea slot) throws FlashException {
        byte[] magic = flash.read(slot.offset() + magicOffset(), 16);
        Magic m;
        if (allErased(magic)) {
            m = Magic.UNSET;
        } else if (MessageDigest.isEqual(magic, magicFor(maxAlign))) {
            m = Magic.GOOD;
        } else {
            m = Magic.BAD;
        }
        int ok = flash.read(slot.offset() + imageOkOffset(), 1)[0] & 0xff;
        int cd = flash.read(slot.offset() + copyDoneOffset(), 1)[0] & 0xff;
        int si = flash.read(slot.offset() + swapInfoOffset(), 1)[0] & 0xff;
        byte[] ss = flash.read(slot.offset() + swapSizeOffset(), 4);
        long size = (ss[0] & 0xffL) | (ss[1] & 0xffL) << 8 | (ss[2] & 0xffL) << 16 | (ss[3] & 0xffL) << 24;
        return new State(m, flag(ok), flag(cd), si, size);
    }

    private static Flag flag(int b) {
        if (b == 0xff) {
            return Flag.UNSET;
        }
        return b == FLAG_SET ? Flag.SET : Flag.BAD;
    }

    static boolean allErased(byte[] b) {
        for (byte x : b) {
            if (x != FlashGeometry.ERASED) {
                return false;
            }
        }
        return true;
    }

    /** Writes the magic: padded to BOOT_MAX_ALIGN with the erased value, at {@code ALIGN_DOWN(magic_off, A)}. */
    public void writeMagic(FlashDevice flash, FlashArea slot) throws FlashException {
        int off = alignDown(magicOffset(), maxAlign);
        byte[] buf = new byte[slotSize - off];
        Arrays.fill(buf, FlashGeometry.ERASED);
        System.arraycopy(magicFor(maxAlign), 0, buf, magicOffset() - off, 16);
        flash.program(slot.offset() + off, buf);
    }

    public void writeImageOk(FlashDevice flash, FlashArea slot) throws FlashException {
        writeByte(flash, slot, imageOkOffset(), FLAG_SET);
    }

    public void writeCopyDone(FlashDevice flash, FlashArea slot) throws FlashException {
        writeByte(flash, slot, copyDoneOffset(), FLAG_SET);
    }

    public void writeSwapInfo(FlashDevice flash, FlashArea slot, SwapType type, int imageNumber)
            throws FlashException {
        writeByte(flash, slot, swapInfoOffset(), (type.code() & 0x0f) | (imageNumber & 0x0f) << 4);
    }

    public void writeSwapSize(FlashDevice flash, FlashArea slot, long size) throws FlashException {
        byte[] buf = padded(4);
        buf[0] = (byte) size;
        buf[1] = (byte) (size >>> 8);
        buf[2] = (byte) (size >>> 16);
        buf[3] = (byte) (size >>> 24);
        flash.program(slot.offset() + swapSizeOffset(), buf);
    }

    /** Saves an AES key (plaintext, as without BOOT_SWAP_SAVE_ENCTLV) in key field {@code i}. */
    public void writeEncKey(FlashDevice flash, FlashArea slot, int i, byte[] key) throws FlashException {
        byte[] buf = padded(key.length);
        System.arraycopy(key, 0, buf, 0, key.length);
        flash.program(slot.offset() + encKeyOffset(i), buf);
        Arrays.fill(buf, (byte) 0);
    }

    /** Reads key field {@code i}; empty array if erased. */
    public byte[] readEncKey(FlashDevice flash, FlashArea slot, int i) throws FlashException {
        byte[] k = flash.read(slot.offset() + encKeyOffset(i), encKeySize);
        return allErased(k) ? new byte[0] : k;
    }

    /** Records that {@code state} (1..statusStates) of step {@code index} is done. */
    public void writeStatus(FlashDevice flash, FlashArea slot, int index, int state) throws FlashException {
        writeByte(flash, slot, statusEntryOffset(index, state), state);
    }

    /** {@code true} if the status entry of step {@code index}, {@code state} is written. */
    public boolean statusDone(FlashDevice flash, FlashArea slot, int index, int state) throws FlashException {
        return flash.read(slot.offset() + statusEntryOffset(index, state), 1)[0] != FlashGeometry.ERASED;
    }

    private int statusEntryOffset(int index, int state) {
        if (index < 0 || index >= maxImageSectors || state < 1 || state > statusStates) {
            throw new IllegalArgumentException("status entry " + index + "/" + state + " out of range");
        }
        return statusOffset() + (index * statusStates + state - 1) * minWrite;
    }

    private void writeByte(FlashDevice flash, FlashArea slot, int off, int value) throws FlashException {
        byte[] buf = padded(1);
        buf[0] = (byte) value;
        flash.program(slot.offset() + off, buf);
    }

    private byte[] padded(int len) {
        byte[] b = new byte[alignUp(len, minWrite)];
        Arrays.fill(b, FlashGeometry.ERASED);
        return b;
    }
}

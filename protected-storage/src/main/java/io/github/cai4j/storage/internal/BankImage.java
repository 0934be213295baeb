package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The byte layout of one bank (one of the two copies of a store), all little endian:
 * <pre>
 *   header (32):  u32 magic | u16 format version (1) | u16 entry count | u64 generation | u32 data length
 *                 | u8 bank index (0 or 1: an image copied to the other bank does not authenticate) | 11 bytes zero
 *   entries (76 each): u64 uid | i32 client id | u32 flags | u32 size | u32 capacity | u32 data offset
 *                 | u32 stored length | 12-byte IV | 32-byte tag field (tag, then zeros)
 *   data:         the stored bytes of every object, packed in entry order
 *   table tag:    the store's tag over header || entries, bound to the generation
 *   tail:         erased (0xFF) up to the end of the bank
 * </pre>
 * A bank is valid only if every field is consistent, the table tag verifies and the tail is erased, so a
 * flipped bit anywhere in a bank's image makes the bank invalid; the objects' bytes are checked by their own
 * tags when read.
 */
public final class BankImage {
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_BYTES = 32;
    public static final int ENTRY_BYTES = 76;
    public static final int ENTRY_TAG_BYTES = 32;
    /** The table format caps the entry count at a u16. */
    public static final int MAX_ENTRIES = 0xffff;

    /** A bank that parsed and authenticated. */
    public record Table(long generation, List<StoredObject> objects, int dataLength, int imageLength) {
    }

    private BankImage() {
    }

    /** Bytes of an image with these entries and data bytes (before padding). */
    public static int imageLength(int entries, long dataLength, int tableTagLength) {
        long n = HEADER_BYTES + (long) entries * ENTRY_BYTES + dataLength + tableTagLength;
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    /**
     * Encodes an image; {@code data.get(i)} are the stored bytes of {@code objects.get(i)}, whose offsets are
     * recomputed.
     */
    public static byte[] encode(ObjectProtection protection, int bank, long generation, List<StoredObject> objects,
                                List<byte[]> data, int granularity) throws PsaException {
        int dataLength = 0;
        for (byte[] d : data) {
            dataLength += d.length;
        }
        int tableLength = HEADER_BYTES + objects.size() * ENTRY_BYTES;
        int length = imageLength(objects.size(), dataLength, protection.tableTagLength());
        byte[] image = new byte[Le.roundUp(length, granularity)];
        java.util.Arrays.fill(image, length, image.length, (byte) 0xff);
        Le.put32(image, 0, protection.magic());
        Le.put16(image, 4, FORMAT_VERSION);
        Le.put16(image, 6, objects.size());
        Le.put64(image, 8, generation);
        Le.put32(image, 16, dataLength);
        image[20] = (byte) bank;
        int dataPos = tableLength;
        int offset = 0;
        for (int i = 0; i < objects.size(); i++) {
            StoredObject o = objects.get(i);
            ObjectMeta m = o.meta();
            int e = HEADER_BYTES + i * ENTRY_BYTES;
            Le.put64(image, e, m.uid());
            Le.put32(image, e + 8, m.clientId());
            Le.put32(image, e + 12, m.flags());
            Le.put32(image, e + 16, m.size());
            Le.put32(image, e + 20, m.capacity());
            Le.put32(image, e + 24, offset);
            Le.put32(image, e + 28, data.get(i).length);
            System.arraycopy(o.iv(), 0, image, e + 32, ObjectCipher.IV_LENGTH);
            System.arraycopy(o.tag(), 0, image, e + 44, o.tag().length);
            System.arraycopy(data.get(i), 0, image, dataPos + offset, data.get(i).length);
            offset += data.get(i).length;
        }
        byte[] table = java.util.Arrays.copyOf(image, tableLength);
        byte[] tag = protection.tableTag(generation, table);
        System.arraycopy(tag, 0, image, tableLength + dataLength, tag.length);
        return image;
    }

    /** {@code true} if the bank holds nothing at all. */
    public static boolean isBlank(byte[] bank) {
        return Le.isErased(bank, 0, bank.length);
    }

    /**
     * Parses and authenticates a bank; empty if it is blank, malformed, or its tag does not verify.
     *
     * @param index      which bank of the pair this is
     * @param validFlags the create flags a stored object may carry
     */
    public static Optional<Table> parse(ObjectProtection protection, int index, byte[] bank, int validFlags)
            throws PsaException {
        if (bank.length < HEADER_BYTES || Le.i32(bank, 0) != protection.magic()
                || Le.u16(bank, 4) != FORMAT_VERSION || bank[20] != index) {
            return Optional.empty();
        }
        for (int i = 21; i < HEADER_BYTES; i++) {
            if (bank[i] != 0) {
                return Optional.empty();
            }
        }
        int count = Le.u16(bank, 6);
        long generation = Le.i64(bank, 8);
        long dataLength = Le.u32(bank, 16);
        int tagLength = protection.tableTagLength();
        long tableLength = HEADER_BYTES + (long) count * ENTRY_BYTES;
        long imageLength = tableLength + dataLength + tagLength;
        if (generation <= 0 || imageLength > bank.length) {
            return Optional.empty();
        }
        int tl = (int) tableLength;
        int dl = (int) dataLength;
        int il = (int) imageLength;
        if (!Le.isErased(bank, il, bank.length - il)) {
            return Optional.empty();
        }
        List<StoredObject> objects = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        long expectedOffset = 0;
        int objectTag = protection.objectTagLength();
        for (int i = 0; i < count; i++) {
            int e = HEADER_BYTES + i * ENTRY_BYTES;
            long uid = Le.i64(bank, e);
            int clientId = Le.i32(bank, e + 8);
            int flags = Le.i32(bank, e + 12);
            long size = Le.u32(bank, e + 16);
            long capacity = Le.u32(bank, e + 20);
            long offset = Le.u32(bank, e + 24);
            long stored = Le.u32(bank, e + 28);
            if (uid == 0 || clientId == 0 || (flags & ~validFlags) != 0 || size > capacity
                    || capacity > Integer.MAX_VALUE || stored != size || offset != expectedOffset
                    || offset + stored > dataLength || !seen.add(clientId + ":" + uid)) {
                return Optional.empty();
            }
            for (int k = e + 44 + objectTag; k < e + 44 + ENTRY_TAG_BYTES; k++) {
                if (bank[k] != 0) {
                    return Optional.empty();
                }
            }
            expectedOffset += stored;
            objects.add(new StoredObject(new ObjectMeta(clientId, uid, flags, (int) size, (int) capacity),
                    java.util.Arrays.copyOfRange(bank, e + 32, e + 44),
                    java.util.Arrays.copyOfRange(bank, e + 44, e + 44 + objectTag), (int) offset, (int) stored));
        }
        if (expectedOffset != dataLength) {
            return Optional.empty();
        }
        byte[] tag = protection.tableTag(generation, java.util.Arrays.copyOf(bank, tl));
        if (!MessageDigest.isEqual(tag, java.util.Arrays.copyOfRange(bank, tl + dl, il))) {
            return Optional.empty();
        }
        return Optional.of(new Table(generation, List.copyOf(objects), dl, il));
    }
}

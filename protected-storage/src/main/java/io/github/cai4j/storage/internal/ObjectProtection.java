package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;

/** How a store protects its objects and its table: PS encrypts and authenticates, ITS checks integrity. */
public interface ObjectProtection {

    /** The object as stored: bytes on flash, the IV (zero for ITS) and the tag kept in the table. */
    record Sealed(byte[] stored, byte[] iv, byte[] tag) {
    }

    /** Magic number of this store's bank images (PS and ITS images are not interchangeable). */
    int magic();

    /** The store's name for messages and logs ({@code PS} or {@code ITS}). */
    String name();

    /** Bytes of the per-object tag kept in a table entry (at most {@link BankImage#ENTRY_TAG_BYTES}). */
    int objectTagLength();

    /** Bytes of the table tag at the end of a bank image. */
    int tableTagLength();

    /** Protects an object's plaintext; {@code generation} makes the IV unique. */
    Sealed protect(ObjectMeta meta, long generation, byte[] plaintext) throws PsaException;

    /**
     * Checks and recovers an object's plaintext.
     *
     * @throws PsaException {@code INVALID_SIGNATURE} (PS) or {@code DATA_CORRUPT} (ITS) if it was altered
     */
    byte[] unprotect(ObjectMeta meta, byte[] iv, byte[] tag, byte[] stored) throws PsaException;

    /** The tag of a table (bank header and entries) written at {@code generation}. */
    byte[] tableTag(long generation, byte[] table) throws PsaException;
}

package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Arrays;

/**
 * Protected Storage: every object is AES-128-GCM encrypted under its own key derived from the HUK with the
 * label {@code client_id || uid}; the IV is {@code generation (u64 LE) || 0x00000000}, unique because the
 * generation is a monotonic NV counter incremented before every table write. The table is authenticated as
 * GMAC (GCM over no plaintext) under the key of TF-M's table label, IV {@code generation || 0xFFFFFFFF}.
 */
public final class PsObjectProtection implements ObjectProtection {
    /** TF-M's uid of the object-table key ({@code PS_TABLE_KEY_LABEL}'s uid). */
    public static final long TABLE_KEY_UID = 0x4ee1_43e1_df40_bd00L;
    private static final int MAGIC = 0x3153_5350; // "PSS1"

    private final ObjectCipher cipher;
    private final int partitionId;

    public PsObjectProtection(ObjectCipher cipher, int partitionId) {
        this.cipher = cipher;
        this.partitionId = partitionId;
    }

    @Override
    public int magic() {
        return MAGIC;
    }

    @Override
    public String name() {
        return "PS";
    }

    @Override
    public int objectTagLength() {
        return ObjectCipher.TAG_LENGTH;
    }

    @Override
    public int tableTagLength() {
        return ObjectCipher.TAG_LENGTH;
    }

    private static byte[] iv(long generation, int suffix) {
        byte[] iv = new byte[ObjectCipher.IV_LENGTH];
        Le.put64(iv, 0, generation);
        Le.put32(iv, 8, suffix);
        return iv;
    }

    @Override
    public Sealed protect(ObjectMeta meta, long generation, byte[] plaintext) throws PsaException {
        byte[] iv = iv(generation, 0);
        byte[] sealed = cipher.seal(meta.label(), iv, meta.aad(), plaintext);
        if (sealed.length != plaintext.length + ObjectCipher.TAG_LENGTH) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "AEAD returned " + sealed.length + " bytes");
        }
        return new Sealed(Arrays.copyOf(sealed, plaintext.length),
                iv, Arrays.copyOfRange(sealed, plaintext.length, sealed.length));
    }

    @Override
    public byte[] unprotect(ObjectMeta meta, byte[] iv, byte[] tag, byte[] stored) throws PsaException {
        byte[] sealed = Arrays.copyOf(stored, stored.length + ObjectCipher.TAG_LENGTH);
        System.arraycopy(tag, 0, sealed, stored.length, ObjectCipher.TAG_LENGTH);
        try {
            return cipher.open(meta.label(), iv, meta.aad(), sealed);
        } catch (PsaException e) {
            if (e.is(PsaStatus.ERROR_INVALID_SIGNATURE)) {
                throw new PsaException(PsaStatus.ERROR_INVALID_SIGNATURE, "PS object authentication failed");
            }
            throw e;
        }
    }

    @Override
    public byte[] tableTag(long generation, byte[] table) throws PsaException {
        byte[] label = new byte[12];
        Le.put32(label, 0, partitionId);
        Le.put64(label, 4, TABLE_KEY_UID);
        byte[] tag = cipher.seal(label, iv(generation, -1), table, new byte[0]);
        if (tag.length != ObjectCipher.TAG_LENGTH) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "GMAC returned " + tag.length + " bytes");
        }
        return tag;
    }
}

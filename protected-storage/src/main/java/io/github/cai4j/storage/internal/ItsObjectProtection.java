package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Internal Trusted Storage: no encryption (as TF-M's ITS), integrity only. Each object's SHA-256 over its
 * metadata and data is kept in its table entry, and the table's own SHA-256 (over the header, which holds the
 * generation, and the entries) closes the chain; the generation is checked against the platform NV counters.
 * ITS lives in the device's internal flash, so the digests detect corruption and replay, not a forger who can
 * rewrite the whole image consistently.
 */
public final class ItsObjectProtection implements ObjectProtection {
    private static final int MAGIC = 0x3153_5449; // "ITS1"
    private static final byte[] OBJECT_DOMAIN = "cai4j ITS object v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TABLE_DOMAIN = "cai4j ITS table v1".getBytes(StandardCharsets.US_ASCII);

    @Override
    public int magic() {
        return MAGIC;
    }

    @Override
    public String name() {
        return "ITS";
    }

    @Override
    public int objectTagLength() {
        return 32;
    }

    @Override
    public int tableTagLength() {
        return 32;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static byte[] objectDigest(ObjectMeta meta, byte[] data) {
        MessageDigest md = sha256();
        md.update(OBJECT_DOMAIN);
        md.update(meta.aad());
        md.update(data);
        return md.digest();
    }

    @Override
    public Sealed protect(ObjectMeta meta, long generation, byte[] plaintext) {
        return new Sealed(plaintext.clone(), new byte[ObjectCipher.IV_LENGTH], objectDigest(meta, plaintext));
    }

    @Override
    public byte[] unprotect(ObjectMeta meta, byte[] iv, byte[] tag, byte[] stored) throws PsaException {
        if (!MessageDigest.isEqual(objectDigest(meta, stored), tag)) {
            throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, "ITS object integrity check failed");
        }
        return stored.clone();
    }

    @Override
    public byte[] tableTag(long generation, byte[] table) {
        MessageDigest md = sha256();
        md.update(TABLE_DOMAIN);
        md.update(Le.bytes64(generation));
        md.update(table);
        return md.digest();
    }
}

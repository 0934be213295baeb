package io.github.cai4j.storage.internal;

/**
 * A table entry: the object's metadata, its IV and tag, and where its stored bytes sit in the bank's data
 * section.
 */
public record StoredObject(ObjectMeta meta, byte[] iv, byte[] tag, int dataOffset, int storedLength) {

    /** {@code true} if this entry is {@code uid} of {@code clientId}. */
    public boolean is(int clientId, long uid) {
        return meta.clientId() == clientId && meta.uid() == uid;
    }
}

package io.github.cai4j.psa.platform;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret bytes (a HUK, a derived key): never shown by {@link #toString()}, compared in constant time,
 * zeroed by {@link #destroy()}. Callers that take a copy with {@link #toByteArray()} must zero it when
 * done.
 */
public final class SecretBytes implements Destroyable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code data}; the caller keeps (and should zero) its own array. */
    public static SecretBytes copyOf(byte[] data) {
        return new SecretBytes(data.clone());
    }

    /** Takes ownership of {@code data} and zeroes nothing of the caller's: use only for fresh arrays. */
    public static SecretBytes wrap(byte[] data) {
        return new SecretBytes(data);
    }

    public int size() {
        return bytes.length;
    }

    /** A copy of the secret. The caller must zero it ({@code Arrays.fill(b, (byte) 0)}) when done. */
    public byte[] toByteArray() {
        if (destroyed) {
            throw new IllegalStateException("secret has been destroyed");
        }
        return bytes.clone();
    }

    /**
     * Constant-time comparison of the contents.
     *
     * @throws IllegalStateException if either secret has been destroyed (zeroed secrets must not compare equal)
     */
    public boolean equalsConstantTime(SecretBytes other) {
        if (destroyed || other.destroyed) {
            throw new IllegalStateException("secret has been destroyed");
        }
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the secret with zeros; later reads fail. */
    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }
}

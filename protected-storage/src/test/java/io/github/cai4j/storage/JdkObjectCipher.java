package io.github.cai4j.storage;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.storage.internal.ObjectCipher;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An {@link ObjectCipher} on the JDK: HKDF-SHA256 (RFC 5869, empty salt) of a test HUK with the label as
 * INFO, then AES-128-GCM. Lets the storage layout be tested without the crypto partition.
 */
final class JdkObjectCipher implements ObjectCipher {
    private final byte[] huk;
    int calls;

    JdkObjectCipher(byte[] huk) {
        this.huk = huk.clone();
    }

    JdkObjectCipher() {
        this(new byte[32]);
    }

    private byte[] key(byte[] label) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = mac.doFinal(huk);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(label);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), 16);
    }

    private byte[] run(int mode, byte[] label, byte[] iv, byte[] aad, byte[] input) throws PsaException {
        calls++;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key(label), "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new PsaException(PsaStatus.ERROR_INVALID_SIGNATURE, "tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, e.toString());
        }
    }

    @Override
    public byte[] seal(byte[] label, byte[] iv, byte[] aad, byte[] plaintext) throws PsaException {
        return run(Cipher.ENCRYPT_MODE, label, iv, aad, plaintext);
    }

    @Override
    public byte[] open(byte[] label, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws PsaException {
        return run(Cipher.DECRYPT_MODE, label, iv, aad, ciphertextAndTag);
    }
}

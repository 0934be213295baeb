package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.internal.Primitives;
import io.github.cai4j.cose.key.CoseKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * COSE_Encrypt0 (RFC 9052 §5.2), tag 16: content encrypted with a key both sides already share (AES-GCM or
 * ChaCha20/Poly1305). The IV is generated unless the headers carry one. Decryption returns an empty result when the
 * tag does not verify.
 */
public final class Encrypt0Message {
    public static final int TAG = 16;

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] ciphertext;

    private Encrypt0Message(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders,
            byte[] ciphertext) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.ciphertext = ciphertext;
    }

    /** Encrypts with {@code alg} in the protected header and a random IV in the unprotected header. */
    public static Encrypt0Message encrypt(Algorithm alg, byte[] plaintext, CoseKey key) throws CoseException {
        return encrypt(Headers.builder().algorithm(alg).build(), Headers.empty(), plaintext, null, key,
                new SecureRandom());
    }

    /**
     * Encrypts. The algorithm is the {@code alg} header (required). Without an {@code iv} or {@code partial iv}
     * header, a fresh IV drawn from {@code random} is added to the unprotected header.
     */
    public static Encrypt0Message encrypt(Headers protectedHeaders, Headers unprotectedHeaders, byte[] plaintext,
            byte[] externalAad, CoseKey key, SecureRandom random) throws CoseException {
        Algorithm alg = CoseStructures.algorithm(protectedHeaders, unprotectedHeaders,
                Algorithm.Kind.CONTENT_ENCRYPTION, "COSE_Encrypt0");
        byte[] k = key.symmetricKey();
        try {
            Headers unprot = unprotectedHeaders;
            if (!protectedHeaders.contains(HeaderLabel.IV) && !unprot.contains(HeaderLabel.IV)
                    && !protectedHeaders.contains(HeaderLabel.PARTIAL_IV)
                    && !unprot.contains(HeaderLabel.PARTIAL_IV)) {
                byte[] iv = new byte[Primitives.ivLength(alg)];
                random.nextBytes(iv);
                unprot = unprot.toBuilder().iv(iv).build();
            }
            Headers.checkDisjoint(protectedHeaders, unprot, "COSE_Encrypt0");
            byte[] pb = protectedHeaders.encodeProtected();
            byte[] iv = CoseStructures.iv(protectedHeaders, unprot, null, Primitives.ivLength(alg), "COSE_Encrypt0");
            byte[] ct = Primitives.aeadEncrypt(alg, k, iv,
                    CoseStructures.encStructure("Encrypt0", pb, externalAad), plaintext);
            return new Encrypt0Message(pb, protectedHeaders, unprot, ct);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    public static Encrypt0Message decode(byte[] data) throws CoseException {
        return decode(data, DecodeLimits.DEFAULT);
    }

    public static Encrypt0Message decode(byte[] data, DecodeLimits limits) throws CoseException {
        CBORObject o = CoseStructures.untag(CborReader.decode(data, limits, "COSE_Encrypt0"), TAG, "COSE_Encrypt0");
        CborReader.array(o, 3, "COSE_Encrypt0");
        byte[] pb = CborReader.bstr(o.get(0), "COSE_Encrypt0 protected header");
        Headers prot = Headers.decodeProtected(pb, limits, "COSE_Encrypt0 protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, "COSE_Encrypt0 unprotected header");
        Headers.checkDisjoint(prot, unprot, "COSE_Encrypt0");
        byte[] ct = CborReader.bstrOrNil(o.get(2), "COSE_Encrypt0 ciphertext");
        return new Encrypt0Message(pb, prot, unprot, ct);
    }

    public Optional<byte[]> decrypt(CoseKey key, byte[] externalAad) throws CoseException {
        return decrypt(key, externalAad, null);
    }

    /**
     * Decrypts; empty if the tag does not verify. {@code baseIv} (may be null) is combined with a partial IV
     * header.
     */
    public Optional<byte[]> decrypt(CoseKey key, byte[] externalAad, byte[] baseIv) throws CoseException {
        return decryptDetached(key, externalAad, baseIv, null);
    }

    /** Decrypts a message whose ciphertext travels separately. */
    public Optional<byte[]> decryptDetached(CoseKey key, byte[] externalAad, byte[] baseIv, byte[] detached)
            throws CoseException {
        byte[] ct = ciphertext != null ? ciphertext : detached;
        if (ct == null) {
            throw new CoseException("COSE_Encrypt0: the ciphertext is detached and was not supplied");
        }
        Algorithm alg = algorithm();
        byte[] iv = CoseStructures.iv(protectedHeaders, unprotectedHeaders, baseIv, Primitives.ivLength(alg),
                "COSE_Encrypt0");
        byte[] k = key.symmetricKey();
        try {
            if (k.length != alg.keyLength()) {
                throw new CoseException("COSE_Encrypt0: " + alg + " needs a " + alg.keyLength() + "-byte key");
            }
            return Optional.ofNullable(Primitives.aeadDecrypt(alg, k, iv,
                    CoseStructures.encStructure("Encrypt0",
                    CoseStructures.forStructure(protectedBytes, protectedHeaders), externalAad), ct));
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    public Algorithm algorithm() throws CoseException {
        return CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.CONTENT_ENCRYPTION,
                "COSE_Encrypt0");
    }

    public byte[] encode() {
        return encode(true);
    }

    public byte[] encode(boolean tagged) {
        CborWriter w = CoseStructures.openMessage(tagged, TAG, 3, protectedBytes, unprotectedHeaders,
                ciphertext);
        return w.toByteArray();
    }

    public byte[] protectedBytes() {
        return protectedBytes.clone();
    }

    public Headers protectedHeaders() {
        return protectedHeaders;
    }

    public Headers unprotectedHeaders() {
        return unprotectedHeaders;
    }

    /** Ciphertext ‖ tag, empty when detached. */
    public Optional<byte[]> ciphertext() {
        return Optional.ofNullable(ciphertext).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "Encrypt0Message[protected=" + protectedHeaders + ", unprotected=" + unprotectedHeaders + "]";
    }
}

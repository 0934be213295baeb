package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.internal.Primitives;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * COSE_Encrypt (RFC 9052 §5.1), tag 96: content encrypted under a content key conveyed to one or more recipients
 * (direct, AES key wrap, direct+HKDF, ECDH-ES/SS with HKDF or key wrap). Decryption returns an empty result when the
 * content does not authenticate with the key a recipient yields.
 */
public final class EncryptMessage {
    public static final int TAG = 96;

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] ciphertext;
    private final List<Recipient> recipients;

    private EncryptMessage(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders,
            byte[] ciphertext, List<Recipient> recipients) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.ciphertext = ciphertext;
        this.recipients = List.copyOf(recipients);
    }

    public static EncryptMessage encrypt(Algorithm alg, byte[] plaintext, List<RecipientSpec> recipients)
            throws CoseException {
        return encrypt(Headers.builder().algorithm(alg).build(), Headers.empty(), plaintext, null, recipients,
                new SecureRandom());
    }

    /**
     * Encrypts for the given recipients. The content algorithm is the {@code alg} header (required). The content
     * key is drawn from {@code random} unless a direct recipient (which must then be the only one) determines it;
     * the IV is drawn next unless the headers carry one; then each key-transport recipient is built.
     */
    public static EncryptMessage encrypt(Headers protectedHeaders, Headers unprotectedHeaders, byte[] plaintext,
            byte[] externalAad, List<RecipientSpec> recipients, SecureRandom random) throws CoseException {
        Algorithm alg = CoseStructures.algorithm(protectedHeaders, unprotectedHeaders,
                Algorithm.Kind.CONTENT_ENCRYPTION, "COSE_Encrypt");
        return encrypt(alg, protectedHeaders, unprotectedHeaders, plaintext, externalAad, recipients, random);
    }

    /**
     * Encrypts with {@code contentAlgorithm} whatever the {@code alg} header says. Only for interoperability with
     * senders that label the body with another value (Linaro flow writes the recipient's ECDH-ES+A128KW there);
     * new designs use {@link #encrypt(Headers, Headers, byte[], byte[], List, SecureRandom)}.
     */
    public static EncryptMessage encrypt(Algorithm contentAlgorithm, Headers protectedHeaders,
            Headers unprotectedHeaders, byte[] plaintext, byte[] externalAad, List<RecipientSpec> recipients,
            SecureRandom random) throws CoseException {
        Algorithm alg = contentAlgorithm;
        CoseStructures.checkAlgorithmKind(alg, Algorithm.Kind.CONTENT_ENCRYPTION, "COSE_Encrypt");
        Built b = contentKey(alg, recipients, random, "COSE_Encrypt");
        try {
            Headers unprot = unprotectedHeaders;
            if (!protectedHeaders.contains(HeaderLabel.IV) && !unprot.contains(HeaderLabel.IV)) {
                byte[] iv = new byte[Primitives.ivLength(alg)];
                random.nextBytes(iv);
                unprot = unprot.toBuilder().iv(iv).build();
            }
            Headers.checkDisjoint(protectedHeaders, unprot, "COSE_Encrypt");
            byte[] pb = protectedHeaders.encodeProtected();
            byte[] iv = CoseStructures.iv(protectedHeaders, unprot, null, Primitives.ivLength(alg), "COSE_Encrypt");
            byte[] ct = Primitives.aeadEncrypt(alg, b.cek, iv,
                    CoseStructures.encStructure("Encrypt", pb, externalAad), plaintext);
            List<Recipient> rs = b.finish(recipients, random);
            return new EncryptMessage(pb, protectedHeaders, unprot, ct, rs);
        } finally {
            Arrays.fill(b.cek, (byte) 0);
        }
    }

    /** The content key and the direct recipient that fixed it, if any. */
    static final class Built {
        final byte[] cek;
        final Recipient direct;

        Built(byte[] cek, Recipient direct) {
            this.cek = cek;
            this.direct = direct;
        }

        List<Recipient> finish(List<RecipientSpec> specs, SecureRandom random) throws CoseException {
            if (direct != null) {
                return List.of(direct);
            }
            List<Recipient> rs = new ArrayList<>();
            for (RecipientSpec s : specs) {
                rs.add(Recipients.buildWrap(s, cek, random));
            }
            return rs;
        }
    }

    static Built contentKey(Algorithm alg, List<RecipientSpec> recipients, SecureRandom random, String what)
            throws CoseException {
        if (recipients.isEmpty()) {
            throw new CoseException(what + ": at least one recipient is needed");
        }
        boolean direct = recipients.stream().anyMatch(RecipientSpec::isDirect);
        if (direct) {
            if (recipients.size() != 1) {
                throw new CoseException(what + ": a direct recipient must be the only recipient");
            }
            Recipients.Built rb = Recipients.buildDirect(recipients.get(0), alg, random);
            return new Built(rb.cek(), rb.recipient());
        }
        byte[] cek = new byte[alg.keyLength()];
        random.nextBytes(cek);
        return new Built(cek, null);
    }

    public static EncryptMessage decode(byte[] data) throws CoseException {
        return decode(data, DecodeLimits.DEFAULT);
    }

    public static EncryptMessage decode(byte[] data, DecodeLimits limits) throws CoseException {
        CBORObject o = CoseStructures.untag(CborReader.decode(data, limits, "COSE_Encrypt"), TAG, "COSE_Encrypt");
        CborReader.array(o, 4, "COSE_Encrypt");
        byte[] pb = CborReader.bstr(o.get(0), "COSE_Encrypt protected header");
        Headers prot = Headers.decodeProtected(pb, limits, "COSE_Encrypt protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, "COSE_Encrypt unprotected header");
        Headers.checkDisjoint(prot, unprot, "COSE_Encrypt");
        byte[] ct = CborReader.bstrOrNil(o.get(2), "COSE_Encrypt ciphertext");
        List<Recipient> rs = Recipient.listFromCbor(o.get(3), limits, "COSE_Encrypt recipients");
        return new EncryptMessage(pb, prot, unprot, ct, rs);
    }

    /** Decrypts with a recipient key; empty if no recipient's content key authenticates the content. */
    public Optional<byte[]> decrypt(DecryptionKey key, byte[] externalAad) throws CoseException {
        return decryptDetached(key, externalAad, null);
    }

    public Optional<byte[]> decryptDetached(DecryptionKey key, byte[] externalAad, byte[] detached)
            throws CoseException {
        return decrypt(algorithm(), key, externalAad, detached);
    }

    /**
     * Decrypts with {@code contentAlgorithm} whatever the {@code alg} header says (see
     * {@link #encrypt(Algorithm, Headers, Headers, byte[], byte[], List, SecureRandom)}); {@code detached} may be
     * null when the ciphertext is attached.
     */
    public Optional<byte[]> decrypt(Algorithm contentAlgorithm, DecryptionKey key, byte[] externalAad,
            byte[] detached) throws CoseException {
        byte[] ct = ciphertext != null ? ciphertext : detached;
        if (ct == null) {
            throw new CoseException("COSE_Encrypt: the ciphertext is detached and was not supplied");
        }
        Algorithm alg = contentAlgorithm;
        CoseStructures.checkAlgorithmKind(alg, Algorithm.Kind.CONTENT_ENCRYPTION, "COSE_Encrypt");
        byte[] iv = CoseStructures.iv(protectedHeaders, unprotectedHeaders, key.baseIv(), Primitives.ivLength(alg),
                "COSE_Encrypt");
        byte[] aad = CoseStructures.encStructure("Encrypt",
                CoseStructures.forStructure(protectedBytes, protectedHeaders), externalAad);
        return Optional.ofNullable(Recipients.tryEach(recipients, key, alg,
                cek -> Primitives.aeadDecrypt(alg, cek, iv, aad, ct)));
    }

    public Algorithm algorithm() throws CoseException {
        return CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.CONTENT_ENCRYPTION,
                "COSE_Encrypt");
    }

    public byte[] encode() {
        return encode(true);
    }

    public byte[] encode(boolean tagged) {
        CborWriter w = CoseStructures.openMessage(tagged, TAG, 4, protectedBytes, unprotectedHeaders,
                ciphertext);
        w.array(recipients.size());
        for (Recipient r : recipients) {
            r.writeTo(w);
        }
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

    public Optional<byte[]> ciphertext() {
        return Optional.ofNullable(ciphertext).map(byte[]::clone);
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    @Override
    public String toString() {
        return "EncryptMessage[protected=" + protectedHeaders + ", unprotected=" + unprotectedHeaders + ", "
                + recipients.size() + " recipient(s)]";
    }
}

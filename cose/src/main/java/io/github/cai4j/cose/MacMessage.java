package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.internal.Primitives;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** COSE_Mac (RFC 9052 §6.1), tag 97: an HMAC whose key is conveyed to one or more recipients. */
public final class MacMessage {
    public static final int TAG = 97;

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] payload;
    private final byte[] tag;
    private final List<Recipient> recipients;

    private MacMessage(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] tag, List<Recipient> recipients) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.payload = payload;
        this.tag = tag;
        this.recipients = List.copyOf(recipients);
    }

    /**
     * Computes the tag; the MAC algorithm is the {@code alg} header. The MAC key is drawn from {@code random}
     * unless a direct recipient (the only one then) determines it.
     */
    public static MacMessage create(Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] externalAad, boolean detached, List<RecipientSpec> recipients, SecureRandom random)
            throws CoseException {
        Algorithm alg = CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.MAC,
                "COSE_Mac");
        Headers.checkDisjoint(protectedHeaders, unprotectedHeaders, "COSE_Mac");
        EncryptMessage.Built b = EncryptMessage.contentKey(alg, recipients, random, "COSE_Mac");
        try {
            byte[] pb = protectedHeaders.encodeProtected();
            byte[] t = Primitives.hmac(alg, b.cek, CoseStructures.macStructure("MAC", pb, externalAad, payload));
            return new MacMessage(pb, protectedHeaders, unprotectedHeaders, detached ? null : payload.clone(), t,
                    b.finish(recipients, random));
        } finally {
            Arrays.fill(b.cek, (byte) 0);
        }
    }

    public static MacMessage decode(byte[] data) throws CoseException {
        return decode(data, DecodeLimits.DEFAULT);
    }

    public static MacMessage decode(byte[] data, DecodeLimits limits) throws CoseException {
        CBORObject o = CoseStructures.untag(CborReader.decode(data, limits, "COSE_Mac"), TAG, "COSE_Mac");
        CborReader.array(o, 5, "COSE_Mac");
        byte[] pb = CborReader.bstr(o.get(0), "COSE_Mac protected header");
        Headers prot = Headers.decodeProtected(pb, limits, "COSE_Mac protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, "COSE_Mac unprotected header");
        Headers.checkDisjoint(prot, unprot, "COSE_Mac");
        byte[] payload = CborReader.bstrOrNil(o.get(2), "COSE_Mac payload");
        byte[] tag = CborReader.bstr(o.get(3), "COSE_Mac tag");
        List<Recipient> rs = Recipient.listFromCbor(o.get(4), limits, "COSE_Mac recipients");
        return new MacMessage(pb, prot, unprot, payload, tag, rs);
    }

    /** True iff a recipient the key opens yields a MAC key under which the tag verifies. */
    public boolean verify(DecryptionKey key, byte[] externalAad) throws CoseException {
        if (payload == null) {
            throw new CoseException("COSE_Mac: the payload is detached; use verifyDetached");
        }
        return verifyDetached(key, payload, externalAad);
    }

    public boolean verifyDetached(DecryptionKey key, byte[] content, byte[] externalAad) throws CoseException {
        Algorithm alg = algorithm();
        byte[] data = CoseStructures.macStructure("MAC",
                CoseStructures.forStructure(protectedBytes, protectedHeaders), externalAad, content);
        Boolean ok = Recipients.tryEach(recipients, key, alg,
                k -> Primitives.constantTimeEquals(Primitives.hmac(alg, k, data), tag) ? Boolean.TRUE : null);
        return ok != null;
    }

    public Algorithm algorithm() throws CoseException {
        return CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.MAC, "COSE_Mac");
    }

    public byte[] encode() {
        return encode(true);
    }

    public byte[] encode(boolean tagged) {
        CborWriter w = CoseStructures.openMessage(tagged, TAG, 5, protectedBytes, unprotectedHeaders,
                payload);
        w.bytes(tag).array(recipients.size());
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

    public Optional<byte[]> payload() {
        return Optional.ofNullable(payload).map(byte[]::clone);
    }

    public byte[] tag() {
        return tag.clone();
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    @Override
    public String toString() {
        return "MacMessage[protected=" + protectedHeaders + ", unprotected=" + unprotectedHeaders + ", "
                + recipients.size() + " recipient(s)]";
    }
}

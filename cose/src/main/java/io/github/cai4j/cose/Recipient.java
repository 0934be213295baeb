package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A COSE_recipient as carried in a COSE_Encrypt or COSE_Mac (RFC 9052 §5.1): protected header bytes (kept as
 * received), unprotected header, the encrypted key (empty for direct modes) and optional nested recipients.
 */
public final class Recipient {
    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] ciphertext;
    private final List<Recipient> recipients;

    Recipient(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders, byte[] ciphertext,
            List<Recipient> recipients) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.ciphertext = ciphertext;
        this.recipients = List.copyOf(recipients);
    }

    static List<Recipient> listFromCbor(CBORObject arr, DecodeLimits limits, String what) throws CoseException {
        CborReader.array(arr, what);
        if (arr.size() == 0) {
            throw new CoseException(what + ": no recipients");
        }
        if (arr.size() > limits.maxRecipients()) {
            throw new CoseException(what + ": " + arr.size() + " recipients exceeds the limit of "
                    + limits.maxRecipients());
        }
        List<Recipient> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            out.add(fromCbor(arr.get(i), limits, what + "[" + i + "]"));
        }
        return out;
    }

    static Recipient fromCbor(CBORObject o, DecodeLimits limits, String what) throws CoseException {
        CborReader.array(o, what);
        if (o.size() != 3 && o.size() != 4) {
            throw new CoseException(what + ": expected an array of 3 or 4 elements, found " + o.size());
        }
        byte[] pb = CborReader.bstr(o.get(0), what + " protected header");
        Headers prot = Headers.decodeProtected(pb, limits, what + " protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, what + " unprotected header");
        Headers.checkDisjoint(prot, unprot, what);
        byte[] ct = CborReader.bstrOrNil(o.get(2), what + " ciphertext");
        List<Recipient> nested = o.size() == 4 ? listFromCbor(o.get(3), limits, what + " recipients") : List.of();
        return new Recipient(pb, prot, unprot, ct == null ? new byte[0] : ct, nested);
    }

    void writeTo(CborWriter w) {
        w.array(recipients.isEmpty() ? 3 : 4).bytes(protectedBytes);
        unprotectedHeaders.writeTo(w);
        w.bytes(ciphertext);
        if (!recipients.isEmpty()) {
            w.array(recipients.size());
            for (Recipient r : recipients) {
                r.writeTo(w);
            }
        }
    }

    /** The recipient algorithm from the protected header, or else the unprotected one. */
    public Algorithm algorithm() throws CoseException {
        java.util.Optional<Algorithm> a = protectedHeaders.contains(HeaderLabel.ALG) ? protectedHeaders.algorithm()
                : unprotectedHeaders.algorithm();
        Algorithm alg = a.orElseThrow(() -> new CoseException("recipient: no alg header"));
        CoseStructures.checkAlgorithmKind(alg, Algorithm.Kind.RECIPIENT, "recipient");
        return alg;
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

    /** The encrypted key (empty for direct modes). */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    CBORObject header(long label) {
        return Headers.find(protectedHeaders, unprotectedHeaders, label);
    }

    byte[] rawProtected() {
        return CoseStructures.forStructure(protectedBytes, protectedHeaders);
    }

    byte[] rawCiphertext() {
        return ciphertext;
    }

    @Override
    public String toString() {
        return "Recipient[protected=" + protectedHeaders + ", unprotected=" + unprotectedHeaders + "]";
    }
}

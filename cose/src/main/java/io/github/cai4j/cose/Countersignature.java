package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8152 countersignatures, verification only: a COSE_Signature in header 7 (one or an array) signs
 * {@code ["CounterSignature", target protected, countersigner protected, external_aad, target content]}; header 9
 * (Countersignature0) holds a bare signature over {@code ["CounterSignature0", target protected, h'', external_aad,
 * target content]} with an algorithm agreed out of band. The target is a message (content = payload or
 * ciphertext), a COSE_Signature (content = its signature) or a recipient (content = its ciphertext).
 */
public final class Countersignature {
    /** Header label of RFC 8152 countersignatures. */
    public static final long LABEL = 7;
    /** Header label of RFC 8152 Countersignature0. */
    public static final long LABEL0 = 9;

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] signature;

    private Countersignature(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders,
            byte[] signature) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.signature = signature;
    }

    /** The countersignatures in header 7 of {@code targetUnprotected} (empty if none). */
    public static List<Countersignature> of(Headers targetUnprotected) throws CoseException {
        CBORObject v = targetUnprotected.get(LABEL);
        List<Countersignature> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        CborReader.array(v, "countersignature (7)");
        if (v.size() > 0 && CborReader.isUntagged(v.get(0), CBORType.ByteString)) {
            out.add(parse(v, "countersignature (7)"));
        } else {
            if (v.size() == 0 || v.size() > DecodeLimits.DEFAULT.maxRecipients()) {
                throw new CoseException("countersignature (7): bad number of countersignatures");
            }
            for (int i = 0; i < v.size(); i++) {
                out.add(parse(v.get(i), "countersignature (7)[" + i + "]"));
            }
        }
        return out;
    }

    private static Countersignature parse(CBORObject o, String what) throws CoseException {
        CborReader.array(o, 3, what);
        byte[] pb = CborReader.bstr(o.get(0), what + " protected header");
        Headers p = Headers.decodeProtected(pb, DecodeLimits.DEFAULT, what + " protected header");
        Headers u = Headers.fromCbor(o.get(1), DecodeLimits.DEFAULT, what + " unprotected header");
        Headers.checkDisjoint(p, u, what);
        return new Countersignature(pb, p, u, CborReader.bstr(o.get(2), what + " signature"));
    }

    public Algorithm algorithm() throws CoseException {
        return CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.SIGNATURE,
                "countersignature");
    }

    public Headers protectedHeaders() {
        return protectedHeaders;
    }

    public Headers unprotectedHeaders() {
        return unprotectedHeaders;
    }

    /**
     * Verifies this countersignature over a target given by its protected header bytes and its content; false if
     * it does not verify.
     */
    public boolean verify(CoseVerifier verifier, byte[] targetProtected, byte[] targetContent, byte[] externalAad)
            throws CoseException {
        if (algorithm() != verifier.algorithm()) {
            return false;
        }
        byte[] tbs = new CborWriter().array(5).text("CounterSignature").bytes(structure(targetProtected))
                .bytes(CoseStructures.forStructure(protectedBytes, protectedHeaders))
                .bytes(CoseStructures.nz(externalAad)).bytes(targetContent).toByteArray();
        return verifier.verify(tbs, signature.clone());
    }

    /** Verifies the Countersignature0 in header 9 of {@code targetUnprotected}; false if absent or invalid. */
    public static boolean verify0(Headers targetUnprotected, CoseVerifier verifier, byte[] targetProtected,
            byte[] targetContent, byte[] externalAad) throws CoseException {
        CBORObject v = targetUnprotected.get(LABEL0);
        if (v == null) {
            return false;
        }
        byte[] sig = CborReader.bstr(v, "countersignature0 (9)");
        byte[] tbs = new CborWriter().array(5).text("CounterSignature0").bytes(structure(targetProtected))
                .bytes(new byte[0]).bytes(CoseStructures.nz(externalAad)).bytes(targetContent).toByteArray();
        return verifier.verify(tbs, sig);
    }

    private static byte[] structure(byte[] targetProtected) {
        // an encoded empty map counts as no protected attributes (RFC 8152 §4.4)
        return targetProtected.length == 1 && targetProtected[0] == (byte) 0xa0 ? new byte[0] : targetProtected;
    }

    @Override
    public String toString() {
        return "Countersignature[protected=" + protectedHeaders + "]";
    }
}

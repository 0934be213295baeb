package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborWriter;

/** Shared pieces of the message codecs: tag handling and the to-be-signed/MACed/encrypted structures. */
final class CoseStructures {
    private CoseStructures() {
    }

    /** Strips the expected COSE tag; an untagged item is accepted, any other tag is an error. */
    static CBORObject untag(CBORObject o, int expectedTag, String what) throws CoseException {
        if (!o.isTagged()) {
            return o;
        }
        if (o.getTagCount() != 1 || !o.HasMostOuterTag(expectedTag)) {
            throw new CoseException(what + ": unexpected CBOR tag (expected " + expectedTag + ")");
        }
        return o.UntagOne();
    }

    /**
     * The protected bytes to put into a Sig/MAC/Enc structure or KDF context: a zero-length string when the map
     * is empty (RFC 9052 §4.4, §5.3, §6.3, even if the sender wrote {@code h'a0'}), else the bytes as received.
     */
    static byte[] forStructure(byte[] wire, Headers decoded) {
        return decoded.isEmpty() ? new byte[0] : wire;
    }

    static byte[] nz(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    /** Sig_structure for COSE_Sign1 (RFC 9052 §4.4). */
    static byte[] sigStructure1(byte[] bodyProtected, byte[] externalAad, byte[] payload) {
        return new CborWriter().array(4).text("Signature1").bytes(bodyProtected).bytes(nz(externalAad))
                .bytes(payload).toByteArray();
    }

    /** Sig_structure for one signer of a COSE_Sign. */
    static byte[] sigStructure(byte[] bodyProtected, byte[] signProtected, byte[] externalAad, byte[] payload) {
        return new CborWriter().array(5).text("Signature").bytes(bodyProtected).bytes(signProtected)
                .bytes(nz(externalAad)).bytes(payload).toByteArray();
    }

    /** MAC_structure (RFC 9052 §6.3); context "MAC0" or "MAC". */
    static byte[] macStructure(String context, byte[] bodyProtected, byte[] externalAad, byte[] payload) {
        return new CborWriter().array(4).text(context).bytes(bodyProtected).bytes(nz(externalAad)).bytes(payload)
                .toByteArray();
    }

    /** Enc_structure (RFC 9052 §5.3); context "Encrypt0", "Encrypt", "Enc_Recipient", "Mac_Recipient", …. */
    static byte[] encStructure(String context, byte[] bodyProtected, byte[] externalAad) {
        return new CborWriter().array(3).text(context).bytes(bodyProtected).bytes(nz(externalAad)).toByteArray();
    }

    /** The payload or ciphertext slot: a byte string, or nil when detached. */
    static byte[] payload(CBORObject o, String what) throws CoseException {
        return io.github.cai4j.cose.internal.CborReader.bstrOrNil(o, what);
    }

    static void checkAlgorithmKind(Algorithm alg, Algorithm.Kind kind, String what) throws CoseException {
        if (alg.kind() != kind) {
            throw new CoseException(what + ": " + alg + " is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + " algorithm");
        }
    }

    /**
     * The IV: the {@code iv} header, or the base IV combined with the {@code partial iv} header (RFC 9052 §3.1),
     * or the base IV alone.
     */
    static byte[] iv(Headers prot, Headers unprot, byte[] baseIv, int ivLen, String what) throws CoseException {
        CBORObject iv = Headers.find(prot, unprot, HeaderLabel.IV);
        CBORObject partial = Headers.find(prot, unprot, HeaderLabel.PARTIAL_IV);
        if (iv != null && partial != null) {
            throw new CoseException(what + ": both iv (5) and partial iv (6)");
        }
        if (iv != null) {
            byte[] v = io.github.cai4j.cose.internal.CborReader.bstr(iv, what + " iv (5)");
            if (v.length != ivLen) {
                throw new CoseException(what + " iv (5): expected " + ivLen + " bytes, found " + v.length);
            }
            return v;
        }
        if (baseIv == null) {
            throw new CoseException(what + ": no iv (5) header and no base IV");
        }
        if (baseIv.length != ivLen) {
            throw new CoseException(what + ": base IV must be " + ivLen + " bytes");
        }
        byte[] out = baseIv.clone();
        if (partial != null) {
            byte[] p = io.github.cai4j.cose.internal.CborReader.bstr(partial, what + " partial iv (6)");
            if (p.length > ivLen) {
                throw new CoseException(what + " partial iv (6): longer than the IV");
            }
            for (int i = 0; i < p.length; i++) {
                out[ivLen - p.length + i] ^= p[i];
            }
        }
        return out;
    }

    /** The alg from the protected header, else the unprotected one, of the expected kind. */
    static Algorithm algorithm(Headers prot, Headers unprot, Algorithm.Kind kind, String what) throws CoseException {
        java.util.Optional<Algorithm> a = prot.contains(HeaderLabel.ALG) ? prot.algorithm() : unprot.algorithm();
        Algorithm alg = a.orElseThrow(() -> new CoseException(what + ": no alg header"));
        checkAlgorithmKind(alg, kind, what);
        return alg;
    }

    /**
     * The common start of every COSE message's encoding: the tag if {@code tagged}, the array header, the protected
     * header bytes as received or written, the unprotected map, and the payload or ciphertext ({@code nil} when
     * detached). The caller appends the rest (signature, tag, signers, recipients).
     */
    static CborWriter openMessage(boolean tagged, int tag, int arrayLength, byte[] protectedBytes, Headers unprotected,
                                  byte[] contentOrNull) {
        CborWriter w = new CborWriter();
        if (tagged) {
            w.tag(tag);
        }
        w.array(arrayLength).bytes(protectedBytes);
        unprotected.writeTo(w);
        if (contentOrNull == null) {
            w.nil();
        } else {
            w.bytes(contentOrNull);
        }
        return w;
    }
}

package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.util.Optional;

/**
 * COSE_Sign1 (RFC 9052 §4.2): {@code [protected bstr, unprotected map, payload bstr / nil, signature bstr]},
 * tag 18. A decoded message keeps its protected header bytes exactly as received and verifies over them.
 * Verification returns {@code false} for a bad signature; structural problems throw {@link CoseException}.
 */
public final class Sign1Message {
    /** The CBOR tag of COSE_Sign1. */
    public static final int TAG = 18;

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] payload;
    private final byte[] signature;

    private Sign1Message(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] signature) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.payload = payload;
        this.signature = signature;
    }

    /** Signs {@code payload} with the protected header {@code {1: signer's alg}} and no unprotected header. */
    public static Sign1Message sign(byte[] payload, CoseSigner signer) throws CoseException {
        return sign(Headers.empty(), Headers.empty(), payload, null, false, signer);
    }

    /**
     * Signs {@code payload}. The signer's algorithm is added to the protected header when it has no {@code alg};
     * a different {@code alg} there is an error.
     */
    public static Sign1Message sign(Headers protectedHeaders, byte[] payload, CoseSigner signer)
            throws CoseException {
        return sign(protectedHeaders, Headers.empty(), payload, null, false, signer);
    }

    /**
     * Signs with all options: external AAD (may be null) and a detached payload (encoded as nil; the verifier must
     * supply it).
     */
    public static Sign1Message sign(Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] externalAad, boolean detached, CoseSigner signer) throws CoseException {
        if (payload == null) {
            throw new CoseException("COSE_Sign1: payload is null");
        }
        Headers prot = withAlgorithm(protectedHeaders, unprotectedHeaders, signer.algorithm(), "COSE_Sign1");
        Headers.checkDisjoint(prot, unprotectedHeaders, "COSE_Sign1");
        byte[] pb = prot.encodeProtected();
        byte[] sig = signer.sign(CoseStructures.sigStructure1(pb, externalAad, payload));
        return new Sign1Message(pb, prot, unprotectedHeaders, detached ? null : payload.clone(), sig);
    }

    /** Adds {1: alg} to the protected header unless one of the maps already names it (it must match). */
    static Headers withAlgorithm(Headers prot, Headers unprot, Algorithm alg, String what) throws CoseException {
        Optional<Algorithm> existing = prot.contains(HeaderLabel.ALG) ? prot.algorithm()
                : unprot.contains(HeaderLabel.ALG) ? unprot.algorithm() : Optional.empty();
        if (existing.isPresent()) {
            if (existing.get() != alg) {
                throw new CoseException(what + ": header alg " + existing.get() + " does not match the key's " + alg);
            }
            return prot;
        }
        return prot.toBuilder().algorithm(alg).build();
    }

    public static Sign1Message decode(byte[] data) throws CoseException {
        return decode(data, DecodeLimits.DEFAULT);
    }

    /** Decodes a tagged (18) or untagged COSE_Sign1. */
    public static Sign1Message decode(byte[] data, DecodeLimits limits) throws CoseException {
        CBORObject o = CoseStructures.untag(CborReader.decode(data, limits, "COSE_Sign1"), TAG, "COSE_Sign1");
        return fromCbor(o, limits);
    }

    static Sign1Message fromCbor(CBORObject o, DecodeLimits limits) throws CoseException {
        CborReader.array(o, 4, "COSE_Sign1");
        byte[] pb = CborReader.bstr(o.get(0), "COSE_Sign1 protected header");
        Headers prot = Headers.decodeProtected(pb, limits, "COSE_Sign1 protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, "COSE_Sign1 unprotected header");
        Headers.checkDisjoint(prot, unprot, "COSE_Sign1");
        byte[] payload = CoseStructures.payload(o.get(2), "COSE_Sign1 payload");
        byte[] sig = CborReader.bstr(o.get(3), "COSE_Sign1 signature");
        return new Sign1Message(pb, prot, unprot, payload, sig);
    }

    /** Verifies with the attached payload and no external AAD. */
    public boolean verify(CoseVerifier verifier) throws CoseException {
        return verify(verifier, null);
    }

    /** Verifies with the attached payload. */
    public boolean verify(CoseVerifier verifier, byte[] externalAad) throws CoseException {
        if (payload == null) {
            throw new CoseException("COSE_Sign1: the payload is detached; use verifyDetached");
        }
        return verifyOver(verifier, payload, externalAad);
    }

    /** Verifies a message whose payload travels separately. */
    public boolean verifyDetached(CoseVerifier verifier, byte[] detachedPayload, byte[] externalAad)
            throws CoseException {
        if (detachedPayload == null) {
            throw new CoseException("COSE_Sign1: no detached payload given");
        }
        return verifyOver(verifier, detachedPayload, externalAad);
    }

    private boolean verifyOver(CoseVerifier verifier, byte[] content, byte[] externalAad) throws CoseException {
        Algorithm alg = algorithm();
        CoseStructures.checkAlgorithmKind(alg, Algorithm.Kind.SIGNATURE, "COSE_Sign1");
        if (alg != verifier.algorithm()) {
            return false;
        }
        return verifier.verify(CoseStructures.sigStructure1(CoseStructures.forStructure(protectedBytes, protectedHeaders), externalAad, content), signature.clone());
    }

    /** The {@code alg} from the protected header, or else the unprotected one; absent is an error. */
    public Algorithm algorithm() throws CoseException {
        Optional<Algorithm> a = protectedHeaders.contains(HeaderLabel.ALG) ? protectedHeaders.algorithm()
                : unprotectedHeaders.algorithm();
        return a.orElseThrow(() -> new CoseException("COSE_Sign1: no alg header"));
    }

    /** The Sig_structure {@code ["Signature1", protected, external_aad, payload]} for given parts. */
    public static byte[] sigStructure(byte[] protectedBytes, byte[] externalAad, byte[] payload) {
        return CoseStructures.sigStructure1(protectedBytes, externalAad, payload);
    }

    /** The Sig_structure this message's signature covers. */
    public byte[] toBeSigned(byte[] externalAad) throws CoseException {
        if (payload == null) {
            throw new CoseException("COSE_Sign1: the payload is detached");
        }
        return CoseStructures.sigStructure1(CoseStructures.forStructure(protectedBytes, protectedHeaders),
                externalAad, payload);
    }

    /** Tagged encoding. */
    public byte[] encode() {
        return encode(true);
    }

    public byte[] encode(boolean tagged) {
        CborWriter w = CoseStructures.openMessage(tagged, TAG, 4, protectedBytes, unprotectedHeaders,
                payload);
        return w.bytes(signature).toByteArray();
    }

    /** The protected header bytes exactly as received or written. */
    public byte[] protectedBytes() {
        return protectedBytes.clone();
    }

    public Headers protectedHeaders() {
        return protectedHeaders;
    }

    public Headers unprotectedHeaders() {
        return unprotectedHeaders;
    }

    /** The attached payload, empty when detached. */
    public Optional<byte[]> payload() {
        return Optional.ofNullable(payload).map(byte[]::clone);
    }

    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "Sign1Message[protected=" + protectedHeaders + ", unprotected=" + unprotectedHeaders
                + (payload == null ? ", detached" : ", payload " + payload.length + " bytes") + "]";
    }
}

package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * COSE_Sign (RFC 9052 §4.1), tag 98: one payload, one or more signatures each with its own headers. Verification
 * of a signature returns {@code false} when it does not verify.
 */
public final class SignMessage {
    public static final int TAG = 98;

    /** One signer of a message to be built: the signer and the headers of its COSE_Signature. */
    public record SignerSpec(CoseSigner signer, Headers protectedHeaders, Headers unprotectedHeaders) {
        public SignerSpec {
            protectedHeaders = protectedHeaders == null ? Headers.empty() : protectedHeaders;
            unprotectedHeaders = unprotectedHeaders == null ? Headers.empty() : unprotectedHeaders;
        }

        public static SignerSpec of(CoseSigner signer) {
            return new SignerSpec(signer, Headers.empty(), Headers.empty());
        }
    }

    /** A COSE_Signature: headers (protected bytes kept as received) and the signature. */
    public static final class Signature {
        private final byte[] protectedBytes;
        private final Headers protectedHeaders;
        private final Headers unprotectedHeaders;
        private final byte[] signature;

        Signature(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders, byte[] signature) {
            this.protectedBytes = protectedBytes;
            this.protectedHeaders = protectedHeaders;
            this.unprotectedHeaders = unprotectedHeaders;
            this.signature = signature;
        }

        public Headers protectedHeaders() {
            return protectedHeaders;
        }

        public Headers unprotectedHeaders() {
            return unprotectedHeaders;
        }

        public byte[] protectedBytes() {
            return protectedBytes.clone();
        }

        public byte[] signature() {
            return signature.clone();
        }

        public Algorithm algorithm() throws CoseException {
            return CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.SIGNATURE,
                    "COSE_Signature");
        }

        void writeTo(CborWriter w) {
            w.array(3).bytes(protectedBytes);
            unprotectedHeaders.writeTo(w);
            w.bytes(signature);
        }
    }

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] payload;
    private final List<Signature> signatures;

    private SignMessage(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            List<Signature> signatures) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.payload = payload;
        this.signatures = List.copyOf(signatures);
    }

    /** Signs with every signer; each signer's algorithm goes into its protected header unless already named. */
    public static SignMessage sign(Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] externalAad, boolean detached, List<SignerSpec> signers) throws CoseException {
        if (signers.isEmpty()) {
            throw new CoseException("COSE_Sign: at least one signer is needed");
        }
        Headers.checkDisjoint(protectedHeaders, unprotectedHeaders, "COSE_Sign");
        byte[] bodyProtected = protectedHeaders.encodeProtected();
        List<Signature> sigs = new ArrayList<>();
        for (SignerSpec s : signers) {
            Headers sp = Sign1Message.withAlgorithm(s.protectedHeaders(), s.unprotectedHeaders(),
                    s.signer().algorithm(), "COSE_Signature");
            Headers.checkDisjoint(sp, s.unprotectedHeaders(), "COSE_Signature");
            byte[] spb = sp.encodeProtected();
            byte[] sig = s.signer().sign(CoseStructures.sigStructure(bodyProtected, spb, externalAad, payload));
            sigs.add(new Signature(spb, sp, s.unprotectedHeaders(), sig));
        }
        return new SignMessage(bodyProtected, protectedHeaders, unprotectedHeaders, detached ? null : payload.clone(),
                sigs);
    }

    public static SignMessage decode(byte[] data) throws CoseException {
        return decode(data, DecodeLimits.DEFAULT);
    }

    public static SignMessage decode(byte[] data, DecodeLimits limits) throws CoseException {
        CBORObject o = CoseStructures.untag(CborReader.decode(data, limits, "COSE_Sign"), TAG, "COSE_Sign");
        CborReader.array(o, 4, "COSE_Sign");
        byte[] pb = CborReader.bstr(o.get(0), "COSE_Sign protected header");
        Headers prot = Headers.decodeProtected(pb, limits, "COSE_Sign protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, "COSE_Sign unprotected header");
        Headers.checkDisjoint(prot, unprot, "COSE_Sign");
        byte[] payload = CborReader.bstrOrNil(o.get(2), "COSE_Sign payload");
        CBORObject arr = CborReader.array(o.get(3), "COSE_Sign signatures");
        if (arr.size() == 0) {
            throw new CoseException("COSE_Sign signatures: empty");
        }
        if (arr.size() > limits.maxRecipients()) {
            throw new CoseException("COSE_Sign signatures: " + arr.size() + " exceeds the limit of "
                    + limits.maxRecipients());
        }
        List<Signature> sigs = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String what = "COSE_Signature[" + i + "]";
            CBORObject s = CborReader.array(arr.get(i), 3, what);
            byte[] spb = CborReader.bstr(s.get(0), what + " protected header");
            Headers sp = Headers.decodeProtected(spb, limits, what + " protected header");
            Headers su = Headers.fromCbor(s.get(1), limits, what + " unprotected header");
            Headers.checkDisjoint(sp, su, what);
            sigs.add(new Signature(spb, sp, su, CborReader.bstr(s.get(2), what + " signature")));
        }
        return new SignMessage(pb, prot, unprot, payload, sigs);
    }

    /** Verifies signature {@code index} with the attached payload. */
    public boolean verify(int index, CoseVerifier verifier, byte[] externalAad) throws CoseException {
        if (payload == null) {
            throw new CoseException("COSE_Sign: the payload is detached; use verifyDetached");
        }
        return verifyDetached(index, verifier, payload, externalAad);
    }

    public boolean verifyDetached(int index, CoseVerifier verifier, byte[] content, byte[] externalAad)
            throws CoseException {
        if (index < 0 || index >= signatures.size()) {
            throw new CoseException("COSE_Sign: no signature " + index);
        }
        Signature s = signatures.get(index);
        Algorithm alg = s.algorithm();
        if (alg != verifier.algorithm()) {
            return false;
        }
        return verifier.verify(CoseStructures.sigStructure(
                CoseStructures.forStructure(protectedBytes, protectedHeaders),
                CoseStructures.forStructure(s.protectedBytes, s.protectedHeaders), externalAad, content),
                s.signature.clone());
    }

    /** True if any signature with the verifier's algorithm verifies. */
    public boolean verifyAny(CoseVerifier verifier, byte[] externalAad) throws CoseException {
        for (int i = 0; i < signatures.size(); i++) {
            if (signatures.get(i).algorithm() == verifier.algorithm() && verify(i, verifier, externalAad)) {
                return true;
            }
        }
        return false;
    }

    public byte[] encode() {
        return encode(true);
    }

    public byte[] encode(boolean tagged) {
        CborWriter w = CoseStructures.openMessage(tagged, TAG, 4, protectedBytes, unprotectedHeaders,
                payload);
        w.array(signatures.size());
        for (Signature s : signatures) {
            s.writeTo(w);
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

    public List<Signature> signatures() {
        return signatures;
    }

    @Override
    public String toString() {
        return "SignMessage[protected=" + protectedHeaders + ", " + signatures.size() + " signature(s)]";
    }
}

package io.github.cai4j.attestation;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.util.ArrayList;
import java.util.List;

/** Renders a token in CBOR diagnostic notation (RFC 8949 §8), for people; no verification is done. */
public final class TokenDiagnostics {
    private TokenDiagnostics() {
    }

    /**
     * Two lines: the COSE_Sign1 envelope, then the claims map decoded from its payload (when the payload is CBOR).
     *
     * @throws AttestationException if the token is not one well-formed CBOR item
     */
    public static List<String> describe(byte[] token) throws AttestationException {
        if (token.length > AttestationVerifier.MAX_TOKEN_SIZE) {
            throw new AttestationException("token: " + token.length + " bytes is over the limit of "
                    + AttestationVerifier.MAX_TOKEN_SIZE);
        }
        CBORObject envelope;
        try {
            envelope = CBORObject.DecodeFromBytes(token);
        } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
            throw new AttestationException("token: not one well-formed CBOR item", e);
        }
        List<String> out = new ArrayList<>();
        out.add(envelope.toString());
        if (envelope.getType() == CBORType.Array && envelope.size() == 4
                && envelope.get(2).getType() == CBORType.ByteString) {
            try {
                out.add(CBORObject.DecodeFromBytes(envelope.get(2).GetByteString()).toString());
            } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
                out.add("(payload is not CBOR)");
            }
        }
        return out;
    }
}

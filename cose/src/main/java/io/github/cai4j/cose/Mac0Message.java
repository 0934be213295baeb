package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.internal.Primitives;
import io.github.cai4j.cose.key.CoseKey;
import java.util.Arrays;
import java.util.Optional;

/** COSE_Mac0 (RFC 9052 §6.2), tag 17: an HMAC with a key both sides share. Tags are compared in constant time. */
public final class Mac0Message {
    public static final int TAG = 17;

    private final byte[] protectedBytes;
    private final Headers protectedHeaders;
    private final Headers unprotectedHeaders;
    private final byte[] payload;
    private final byte[] tag;

    private Mac0Message(byte[] protectedBytes, Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] tag) {
        this.protectedBytes = protectedBytes;
        this.protectedHeaders = protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders;
        this.payload = payload;
        this.tag = tag;
    }

    public static Mac0Message create(Algorithm alg, byte[] payload, CoseKey key) throws CoseException {
        return create(Headers.builder().algorithm(alg).build(), Headers.empty(), payload, null, false, key);
    }

    /** Computes the tag; the algorithm is the {@code alg} header (required). */
    public static Mac0Message create(Headers protectedHeaders, Headers unprotectedHeaders, byte[] payload,
            byte[] externalAad, boolean detached, CoseKey key) throws CoseException {
        Algorithm alg = CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.MAC,
                "COSE_Mac0");
        Headers.checkDisjoint(protectedHeaders, unprotectedHeaders, "COSE_Mac0");
        byte[] pb = protectedHeaders.encodeProtected();
        byte[] k = key.symmetricKey();
        try {
            byte[] t = Primitives.hmac(alg, k, CoseStructures.macStructure("MAC0", pb, externalAad, payload));
            return new Mac0Message(pb, protectedHeaders, unprotectedHeaders, detached ? null : payload.clone(), t);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    public static Mac0Message decode(byte[] data) throws CoseException {
        return decode(data, DecodeLimits.DEFAULT);
    }

    public static Mac0Message decode(byte[] data, DecodeLimits limits) throws CoseException {
        CBORObject o = CoseStructures.untag(CborReader.decode(data, limits, "COSE_Mac0"), TAG, "COSE_Mac0");
        CborReader.array(o, 4, "COSE_Mac0");
        byte[] pb = CborReader.bstr(o.get(0), "COSE_Mac0 protected header");
        Headers prot = Headers.decodeProtected(pb, limits, "COSE_Mac0 protected header");
        Headers unprot = Headers.fromCbor(o.get(1), limits, "COSE_Mac0 unprotected header");
        Headers.checkDisjoint(prot, unprot, "COSE_Mac0");
        byte[] payload = CborReader.bstrOrNil(o.get(2), "COSE_Mac0 payload");
        byte[] tag = CborReader.bstr(o.get(3), "COSE_Mac0 tag");
        return new Mac0Message(pb, prot, unprot, payload, tag);
    }

    public boolean verify(CoseKey key, byte[] externalAad) throws CoseException {
        if (payload == null) {
            throw new CoseException("COSE_Mac0: the payload is detached; use verifyDetached");
        }
        return verifyOver(key, payload, externalAad);
    }

    public boolean verifyDetached(CoseKey key, byte[] detachedPayload, byte[] externalAad) throws CoseException {
        return verifyOver(key, detachedPayload, externalAad);
    }

    private boolean verifyOver(CoseKey key, byte[] content, byte[] externalAad) throws CoseException {
        Algorithm alg = algorithm();
        byte[] k = key.symmetricKey();
        try {
            byte[] expected = Primitives.hmac(alg, k,
                    CoseStructures.macStructure("MAC0",
                    CoseStructures.forStructure(protectedBytes, protectedHeaders), externalAad, content));
            return Primitives.constantTimeEquals(expected, tag);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    public Algorithm algorithm() throws CoseException {
        return CoseStructures.algorithm(protectedHeaders, unprotectedHeaders, Algorithm.Kind.MAC, "COSE_Mac0");
    }

    public byte[] encode() {
        return encode(true);
    }

    public byte[] encode(boolean tagged) {
        CborWriter w = CoseStructures.openMessage(tagged, TAG, 4, protectedBytes, unprotectedHeaders,
                payload);
        return w.bytes(tag).toByteArray();
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

    @Override
    public String toString() {
        return "Mac0Message[protected=" + protectedHeaders + ", unprotected=" + unprotectedHeaders + "]";
    }
}

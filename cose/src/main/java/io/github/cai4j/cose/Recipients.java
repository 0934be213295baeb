package io.github.cai4j.cose;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.internal.EcCurves;
import io.github.cai4j.cose.internal.Primitives;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.KeyType;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** Building recipients and recovering content keys from them (RFC 9053 §6). */
final class Recipients {
    private Recipients() {
    }

    /** A built recipient and, for direct modes, the content key it determines. */
    record Built(Recipient recipient, byte[] cek) {
    }

    /** The key length in bits written into SuppPubInfo for a key used with {@code alg}. */
    static int keyBits(Algorithm alg) {
        return alg.keyLength() * 8;
    }

    // ------------------------------------------------------------------ KDF context

    static byte[] kdfContext(Algorithm target, int keyBits, byte[] recipientProtected, Headers prot, Headers unprot,
            KdfInfo oob) {
        CborWriter w = new CborWriter();
        boolean priv = oob.suppPrivInfo() != null;
        w.array(priv ? 5 : 4).integer(target.id());
        party(w, prot, unprot, HeaderLabel.PARTY_U_IDENTITY, oob.partyUIdentity(), oob.partyUNonce(),
                oob.partyUOther());
        party(w, prot, unprot, HeaderLabel.PARTY_V_IDENTITY, oob.partyVIdentity(), oob.partyVNonce(),
                oob.partyVOther());
        boolean other = oob.suppPubOther() != null;
        w.array(other ? 3 : 2).integer(keyBits).bytes(recipientProtected);
        if (other) {
            w.bytes(oob.suppPubOther());
        }
        if (priv) {
            w.bytes(oob.suppPrivInfo());
        }
        return w.toByteArray();
    }

    private static void party(CborWriter w, Headers prot, Headers unprot, long identityLabel, byte[] id, byte[] nonce,
            byte[] other) {
        w.array(3);
        value(w, Headers.find(prot, unprot, identityLabel), id);
        value(w, Headers.find(prot, unprot, identityLabel - 1), nonce);
        value(w, Headers.find(prot, unprot, identityLabel - 2), other);
    }

    private static void value(CborWriter w, CBORObject header, byte[] oob) {
        if (header != null) {
            w.writeObject(header);
        } else if (oob != null) {
            w.bytes(oob);
        } else {
            w.nil();
        }
    }

    private static byte[] salt(Headers prot, Headers unprot, String what) throws CoseException {
        CBORObject s = Headers.find(prot, unprot, HeaderLabel.SALT);
        return s == null ? null : CborReader.bstr(s, what + " salt (-20)");
    }

    private static int hkdfHash(Algorithm alg) {
        return switch (alg) {
            case DIRECT_HKDF_SHA_512, ECDH_ES_HKDF_512, ECDH_SS_HKDF_512 -> 512;
            default -> 256;
        };
    }

    // ------------------------------------------------------------------ building

    static Built buildDirect(RecipientSpec spec, Algorithm content, SecureRandom rnd) throws CoseException {
        Headers prot = spec.protectedHeaders.contains(HeaderLabel.ALG) ? spec.protectedHeaders
                : spec.alg == Algorithm.DIRECT ? spec.protectedHeaders
                : spec.protectedHeaders.toBuilder().algorithm(spec.alg).build();
        Headers unprot = spec.alg == Algorithm.DIRECT && !prot.contains(HeaderLabel.ALG)
                && !spec.unprotectedHeaders.contains(HeaderLabel.ALG)
                ? spec.unprotectedHeaders.toBuilder().algorithm(Algorithm.DIRECT).build() : spec.unprotectedHeaders;
        int len = content.keyLength();
        byte[] cek;
        switch (spec.alg) {
            case DIRECT -> {
                cek = spec.symmetricKey.symmetricKey();
                if (cek.length != len) {
                    throw new CoseException("direct recipient: key is " + cek.length + " bytes, " + content
                            + " needs " + len);
                }
            }
            case DIRECT_HKDF_SHA_256, DIRECT_HKDF_SHA_512 -> {
                byte[] pb = prot.encodeProtected();
                byte[] ctx = kdfContext(content, keyBits(content), pb, prot, unprot, spec.kdfInfo);
                byte[] secret = spec.symmetricKey.symmetricKey();
                try {
                    cek = Primitives.hkdf(hkdfHash(spec.alg), salt(prot, unprot, "recipient"), secret, ctx, len);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
            default -> {
                Object[] r = agreeAsSender(spec, unprot, rnd);
                unprot = (Headers) r[0];
                byte[] shared = (byte[]) r[1];
                byte[] pb = prot.encodeProtected();
                byte[] ctx = kdfContext(content, keyBits(content), pb, prot, unprot, spec.kdfInfo);
                try {
                    cek = Primitives.hkdf(hkdfHash(spec.alg), salt(prot, unprot, "recipient"), shared, ctx, len);
                } finally {
                    Arrays.fill(shared, (byte) 0);
                }
            }
        }
        Headers.checkDisjoint(prot, unprot, "recipient");
        return new Built(new Recipient(prot.encodeProtected(), prot, unprot, new byte[0], List.of()), cek);
    }

    static Recipient buildWrap(RecipientSpec spec, byte[] cek, SecureRandom rnd) throws CoseException {
        Headers prot = spec.protectedHeaders;
        Headers unprot = spec.unprotectedHeaders;
        boolean algPresent = prot.contains(HeaderLabel.ALG) || unprot.contains(HeaderLabel.ALG);
        if (!algPresent) {
            if (spec.alg.isEcdh()) {
                prot = prot.toBuilder().algorithm(spec.alg).build();
            } else {
                unprot = unprot.toBuilder().algorithm(spec.alg).build();
            }
        }
        Algorithm kw = spec.alg.keyWrap();
        byte[] kek;
        if (spec.alg.isEcdh()) {
            Object[] r = agreeAsSender(spec, unprot, rnd);
            unprot = (Headers) r[0];
            byte[] shared = (byte[]) r[1];
            byte[] ctx = kdfContext(kw, keyBits(kw), prot.encodeProtected(), prot, unprot, spec.kdfInfo);
            try {
                kek = Primitives.hkdf(256, salt(prot, unprot, "recipient"), shared, ctx, kw.keyLength());
            } finally {
                Arrays.fill(shared, (byte) 0);
            }
        } else {
            kek = spec.symmetricKey.symmetricKey();
        }
        byte[] wrapped;
        try {
            wrapped = Primitives.wrap(kw, kek, cek);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
        Headers.checkDisjoint(prot, unprot, "recipient");
        return new Recipient(prot.encodeProtected(), prot, unprot, wrapped, List.of());
    }

    /** ECDH as the sender: returns {updated unprotected headers, shared secret}. */
    private static Object[] agreeAsSender(RecipientSpec spec, Headers unprot, SecureRandom rnd)
            throws CoseException {
        CoseKey peer = spec.recipientPublicKey;
        if (spec.alg.isEcdhStatic()) {
            if (spec.senderKey.curve() != peer.curve().orElseThrow()) {
                throw new CoseException("ECDH-SS: sender and recipient keys are on different curves");
            }
            return new Object[] {unprot, spec.senderKey.agree(peer)};
        }
        CoseKey eph = ephemeral(peer.curve().orElseThrow(), rnd);
        try {
            byte[] shared = io.github.cai4j.cose.internal.Ecdh.agree(eph, peer);
            Headers u = unprot.withGenerated(HeaderLabel.EPHEMERAL_KEY, eph.publicOnly().encode());
            return new Object[] {u, shared};
        } finally {
            eph.destroy();
        }
    }

    /** A fresh key pair drawn from {@code rnd}. */
    static CoseKey ephemeral(Curve c, SecureRandom rnd) throws CoseException {
        if (c.keyType() == KeyType.OKP) {
            if (c != Curve.X25519) {
                throw new CoseException("ECDH-ES: unsupported curve " + c.jwkName());
            }
            byte[] d = new byte[32];
            rnd.nextBytes(d);
            return CoseKey.okp(c, null, d);
        }
        BigInteger n = EcCurves.domain(c).getN();
        int len = c.coordinateLength();
        for (int i = 0; i < 1000; i++) {
            byte[] d = new byte[len];
            rnd.nextBytes(d);
            int excess = len * 8 - n.bitLength();
            if (excess > 0) {
                d[0] &= (byte) (0xff >>> excess);
            }
            BigInteger s = new BigInteger(1, d);
            if (s.signum() > 0 && s.compareTo(n) < 0) {
                BigIntegerPoint p = BigIntegerPoint.of(c, s);
                return CoseKey.ec2(c, p.x, p.y, d);
            }
        }
        throw new CoseException("ECDH-ES: the random source produced no valid key");
    }

    private record BigIntegerPoint(byte[] x, byte[] y) {
        static BigIntegerPoint of(Curve c, BigInteger d) throws CoseException {
            org.bouncycastle.math.ec.ECPoint q = EcCurves.domain(c).getG().multiply(d).normalize();
            return new BigIntegerPoint(EcCurves.fixed(q.getAffineXCoord().toBigInteger(), c.coordinateLength()),
                    EcCurves.fixed(q.getAffineYCoord().toBigInteger(), c.coordinateLength()));
        }
    }

    // ------------------------------------------------------------------ recovering

    static boolean typeFits(Recipient r, DecryptionKey key) throws CoseException {
        return !r.recipients().isEmpty() || r.algorithm().isEcdh() != key.symmetric().isPresent();
    }

    /** True if {@code key} could open {@code r} (type fits; kid matches when both are known). */
    static boolean applicable(Recipient r, DecryptionKey key) throws CoseException {
        Algorithm alg = r.algorithm();
        if (!r.recipients().isEmpty()) {
            return true;
        }
        boolean symmetric = !alg.isEcdh();
        if (symmetric != key.symmetric().isPresent()) {
            return false;
        }
        CBORObject kid = r.header(HeaderLabel.KID);
        if (kid != null && key.kid().isPresent()) {
            return MessageDigest.isEqual(CborReader.bstr(kid, "recipient kid (4)"), key.kid().get());
        }
        return true;
    }

    /**
     * The content key (or the key for {@code target}) from this recipient, or null if the key does not open it
     * (key wrap integrity failure, no applicable nested recipient).
     */
    static byte[] recover(Recipient r, DecryptionKey key, Algorithm target) throws CoseException {
        Algorithm alg = r.algorithm();
        int len = target.keyLength();
        Headers prot = r.protectedHeaders();
        Headers unprot = r.unprotectedHeaders();
        if (!r.recipients().isEmpty()) {
            if (!alg.usesKeyWrap() || alg.isEcdh()) {
                throw new CoseException("recipient: nested recipients under " + alg + " are not supported");
            }
            for (Recipient inner : r.recipients()) {
                if (!typeFits(inner, key)) {
                    continue;
                }
                byte[] kek = recover(inner, key, alg.keyWrap());
                if (kek != null) {
                    try {
                        return unwrapChecked(alg.keyWrap(), kek, r.rawCiphertext(), len);
                    } finally {
                        Arrays.fill(kek, (byte) 0);
                    }
                }
            }
            return null;
        }
        switch (alg) {
            case DIRECT -> {
                if (r.rawCiphertext().length != 0) {
                    throw new CoseException("direct recipient: ciphertext must be empty");
                }
                byte[] k = key.symmetric().orElseThrow().symmetricKey();
                if (k.length != len) {
                    Arrays.fill(k, (byte) 0);
                    return null;
                }
                return k;
            }
            case A128KW, A192KW, A256KW -> {
                byte[] kek = key.symmetric().orElseThrow().symmetricKey();
                if (kek.length != alg.keyLength()) {
                    Arrays.fill(kek, (byte) 0);
                    return null;
                }
                try {
                    return unwrapChecked(alg, kek, r.rawCiphertext(), len);
                } finally {
                    Arrays.fill(kek, (byte) 0);
                }
            }
            case DIRECT_HKDF_SHA_256, DIRECT_HKDF_SHA_512 -> {
                if (r.rawCiphertext().length != 0) {
                    throw new CoseException("direct+HKDF recipient: ciphertext must be empty");
                }
                byte[] secret = key.symmetric().orElseThrow().symmetricKey();
                try {
                    byte[] ctx = kdfContext(target, keyBits(target), r.rawProtected(), prot, unprot, key.kdfInfo());
                    return Primitives.hkdf(hkdfHash(alg), salt(prot, unprot, "recipient"), secret, ctx, len);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
            default -> {
                byte[] shared = agreeAsRecipient(r, alg, key);
                try {
                    if (alg.usesKeyWrap()) {
                        Algorithm kw = alg.keyWrap();
                        byte[] ctx = kdfContext(kw, keyBits(kw), r.rawProtected(), prot, unprot, key.kdfInfo());
                        byte[] kek = Primitives.hkdf(256, salt(prot, unprot, "recipient"), shared, ctx,
                                kw.keyLength());
                        try {
                            return unwrapChecked(kw, kek, r.rawCiphertext(), len);
                        } finally {
                            Arrays.fill(kek, (byte) 0);
                        }
                    }
                    if (r.rawCiphertext().length != 0) {
                        throw new CoseException("ECDH direct recipient: ciphertext must be empty");
                    }
                    byte[] ctx = kdfContext(target, keyBits(target), r.rawProtected(), prot, unprot, key.kdfInfo());
                    return Primitives.hkdf(hkdfHash(alg), salt(prot, unprot, "recipient"), shared, ctx, len);
                } finally {
                    Arrays.fill(shared, (byte) 0);
                }
            }
        }
    }

    private static byte[] unwrapChecked(Algorithm kw, byte[] kek, byte[] wrapped, int len) throws CoseException {
        byte[] k = Primitives.unwrap(kw, kek, wrapped);
        if (k != null && k.length != len) {
            Arrays.fill(k, (byte) 0);
            return null;
        }
        return k;
    }

    private static byte[] agreeAsRecipient(Recipient r, Algorithm alg, DecryptionKey key) throws CoseException {
        KeyAgreement ka = key.agreement().orElseThrow(() -> new CoseException("recipient: needs an ECDH key"));
        CoseKey peer;
        if (alg.isEcdhStatic()) {
            CBORObject spk = r.header(HeaderLabel.STATIC_KEY);
            if (spk != null) {
                peer = decodeKey(spk, "recipient static key (-2)");
            } else {
                peer = key.senderPublicKey().orElseThrow(() -> new CoseException(
                        "ECDH-SS recipient: the sender's static key is neither in the message nor supplied"));
            }
        } else {
            CBORObject epk = r.header(HeaderLabel.EPHEMERAL_KEY);
            if (epk == null) {
                throw new CoseException("ECDH-ES recipient: missing ephemeral key (-1)");
            }
            peer = decodeKey(epk, "recipient ephemeral key (-1)");
        }
        if (peer.hasPrivate()) {
            throw new CoseException("recipient: the peer key carries a private part");
        }
        if (peer.curve().orElse(null) != ka.curve()) {
            throw new CoseException("recipient: peer key is not on " + ka.curve().jwkName());
        }
        return ka.agree(peer);
    }

    private static CoseKey decodeKey(CBORObject o, String what) throws CoseException {
        if (!CborReader.isUntagged(o, CBORType.Map)) {
            throw new CoseException(what + ": expected a COSE_Key map");
        }
        try {
            return CoseKey.decode(CborWriter.encode(o));
        } catch (CoseException e) {
            throw new CoseException(what + ": " + e.getMessage(), e);
        }
    }

    /** Uses a recovered content key; returns null if it does not authenticate the content. */
    interface CekUse<T> {
        T apply(byte[] cek) throws CoseException;
    }

    /**
     * Tries each applicable recipient in turn and applies {@code use} to the key it yields; returns the first
     * non-null result, or null if no recipient's key authenticates. No applicable recipient at all is an error.
     */
    static <T> T tryEach(List<Recipient> rs, DecryptionKey key, Algorithm target, CekUse<T> use)
            throws CoseException {
        // recipients whose kid names the key first, then any other recipient of a fitting type (a kid is a hint)
        List<Recipient> ordered = new java.util.ArrayList<>();
        for (Recipient r : rs) {
            if (applicable(r, key)) {
                ordered.add(r);
            }
        }
        for (Recipient r : rs) {
            if (!ordered.contains(r) && typeFits(r, key)) {
                ordered.add(r);
            }
        }
        boolean any = false;
        for (Recipient r : ordered) {
            any = true;
            byte[] k = recover(r, key, target);
            if (k == null) {
                continue;
            }
            try {
                T t = use.apply(k);
                if (t != null) {
                    return t;
                }
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        }
        if (!any) {
            throw new CoseException("no recipient matches the key");
        }
        return null;
    }
}

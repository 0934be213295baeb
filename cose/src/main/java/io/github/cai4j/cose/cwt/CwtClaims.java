package io.github.cai4j.cose.cwt;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.DecodeLimits;
import io.github.cai4j.cose.internal.CborReader;
import io.github.cai4j.cose.internal.CborWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The registered claims of a CBOR Web Token (RFC 8392 §3.1), carried as the payload of a COSE_Sign1 or COSE_Mac0.
 * Times are NumericDate (seconds since the epoch, integers). Encoding is deterministic (claim keys 1…7 in order);
 * decoding accepts other claims but requires the registered ones to have their types.
 *
 * @param issuer     iss (1)
 * @param subject    sub (2)
 * @param audience   aud (3)
 * @param expiration exp (4)
 * @param notBefore  nbf (5)
 * @param issuedAt   iat (6)
 * @param cwtId      cti (7)
 */
public record CwtClaims(Optional<String> issuer, Optional<String> subject, Optional<String> audience,
        OptionalLong expiration, OptionalLong notBefore, OptionalLong issuedAt, Optional<byte[]> cwtId) {
    public static final long ISS = 1;
    public static final long SUB = 2;
    public static final long AUD = 3;
    public static final long EXP = 4;
    public static final long NBF = 5;
    public static final long IAT = 6;
    public static final long CTI = 7;

    public CwtClaims {
        issuer = issuer == null ? Optional.empty() : issuer;
        subject = subject == null ? Optional.empty() : subject;
        audience = audience == null ? Optional.empty() : audience;
        expiration = expiration == null ? OptionalLong.empty() : expiration;
        notBefore = notBefore == null ? OptionalLong.empty() : notBefore;
        issuedAt = issuedAt == null ? OptionalLong.empty() : issuedAt;
        cwtId = cwtId == null ? Optional.empty() : cwtId.map(byte[]::clone);
    }

    /** The claims set map, keys in ascending order. */
    public byte[] encode() {
        int n = (issuer.isPresent() ? 1 : 0) + (subject.isPresent() ? 1 : 0) + (audience.isPresent() ? 1 : 0)
                + (expiration.isPresent() ? 1 : 0) + (notBefore.isPresent() ? 1 : 0) + (issuedAt.isPresent() ? 1 : 0)
                + (cwtId.isPresent() ? 1 : 0);
        CborWriter w = new CborWriter().map(n);
        issuer.ifPresent(v -> w.integer(ISS).text(v));
        subject.ifPresent(v -> w.integer(SUB).text(v));
        audience.ifPresent(v -> w.integer(AUD).text(v));
        expiration.ifPresent(v -> w.integer(EXP).integer(v));
        notBefore.ifPresent(v -> w.integer(NBF).integer(v));
        issuedAt.ifPresent(v -> w.integer(IAT).integer(v));
        cwtId.ifPresent(v -> w.integer(CTI).bytes(v));
        return w.toByteArray();
    }

    /** Decodes a claims set (the payload of a CWT). */
    public static CwtClaims decode(byte[] claimsSet) throws CoseException {
        CBORObject m = CborReader.map(CborReader.decode(claimsSet, DecodeLimits.DEFAULT, "CWT claims"), "CWT claims");
        return new CwtClaims(text(m, ISS, "iss"), text(m, SUB, "sub"), text(m, AUD, "aud"), date(m, EXP, "exp"),
                date(m, NBF, "nbf"), date(m, IAT, "iat"), bytes(m, CTI, "cti"));
    }

    private static Optional<String> text(CBORObject m, long key, String name) throws CoseException {
        CBORObject v = m.get(CBORObject.FromObject(key));
        return v == null ? Optional.empty() : Optional.of(CborReader.tstr(v, "CWT " + name + " (" + key + ")"));
    }

    private static Optional<byte[]> bytes(CBORObject m, long key, String name) throws CoseException {
        CBORObject v = m.get(CBORObject.FromObject(key));
        return v == null ? Optional.empty() : Optional.of(CborReader.bstr(v, "CWT " + name + " (" + key + ")"));
    }

    private static OptionalLong date(CBORObject m, long key, String name) throws CoseException {
        CBORObject v = m.get(CBORObject.FromObject(key));
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isTagged() && v.getType() == CBORType.FloatingPoint) {
            double d = v.AsDoubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 9.2e18) {
                throw new CoseException("CWT " + name + " (" + key + "): not a valid NumericDate");
            }
            return OptionalLong.of((long) Math.floor(d));
        }
        return OptionalLong.of(CborReader.integer(v, "CWT " + name + " (" + key + ")"));
    }

    /**
     * True if the token is within its validity window at {@code clock}'s time, allowing {@code skew} either way:
     * not expired (exp) and not before its start (nbf).
     */
    public boolean isValidAt(Clock clock, Duration skew) {
        long now = Instant.now(clock).getEpochSecond();
        long s = skew.getSeconds();
        if (expiration.isPresent() && now - s >= expiration.getAsLong()) {
            return false;
        }
        return notBefore.isEmpty() || now + s >= notBefore.getAsLong();
    }
}

package io.github.cai4j.attestation;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.attestation.VerificationFailure.Reason;
import io.github.cai4j.attestation.internal.AttestationKey;
import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.DecodeLimits;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.Pem;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cloud-side verification of PSA attestation tokens from one device ({@code spec/cose.md} §8, RFC 9783): checks the
 * COSE_Sign1 ES256 signature with the trusted attestation key (IAK), the profile, the nonce against the challenge
 * that was sent, every mandatory claim with its type and size, and the instance id against the IAK. Unknown extra
 * claims are accepted.
 *
 * <p>A malformed token (not a COSE_Sign1, no payload, payload not a CBOR map, duplicate keys, over
 * {@value #MAX_TOKEN_SIZE} bytes) throws {@link AttestationException}. A well-formed token that fails any check
 * yields a {@link VerificationResult} listing every failure; its claims are exposed only when it is valid.
 * Immutable and thread-safe.
 */
public final class AttestationVerifier {
    /** Tokens larger than this are rejected as malformed. */
    public static final int MAX_TOKEN_SIZE = 64 * 1024;
    private static final DecodeLimits LIMITS = new DecodeLimits(MAX_TOKEN_SIZE, 16, 64, 64);

    private final EcdsaVerifier signatureVerifier;
    private final byte[] iakPoint;
    private final AttestationProfile profile;
    private final boolean checkInstanceId;

    private AttestationVerifier(Builder b) {
        this.signatureVerifier = b.verifier;
        this.iakPoint = b.point;
        this.profile = b.profile;
        this.checkInstanceId = b.checkInstanceId;
    }

    /** A verifier for the current profile with instance-id checking, trusting {@code iak} (P-256). */
    public static AttestationVerifier of(PublicKey iak) throws AttestationException {
        return builder(iak).build();
    }

    /** Trusting a P-256 key given as a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}. */
    public static Builder builderFromPem(String pem) throws AttestationException {
        try {
            return builder(Pem.publicKey(pem));
        } catch (CoseException e) {
            throw new AttestationException("attestation key: " + e.getMessage(), e);
        }
    }

    /** Trusting a P-256 key given as the 65-byte point {@code 04 || X || Y}. */
    public static Builder builderFromPoint(byte[] point) throws AttestationException {
        if (point.length != 65 || point[0] != 4) {
            throw new AttestationException("attestation key: expected 65 bytes 04||X||Y, found " + point.length
                    + " bytes");
        }
        try {
            return new Builder(EcdsaVerifier.of(Curve.P_256, point), point.clone());
        } catch (CoseException e) {
            throw new AttestationException("attestation key: " + e.getMessage(), e);
        }
    }

    public static Builder builder(PublicKey iak) throws AttestationException {
        Objects.requireNonNull(iak, "iak");
        if (!(iak instanceof ECPublicKey)) {
            throw new AttestationException("attestation key: expected an EC P-256 public key, found "
                    + iak.getAlgorithm());
        }
        try {
            return builderFromPoint(CoseKey.fromPublicKey(iak).uncompressedPoint());
        } catch (CoseException e) {
            throw new AttestationException("attestation key: " + e.getMessage(), e);
        }
    }

    /** The profile this verifier expects. */
    public AttestationProfile profile() {
        return profile;
    }

    /**
     * Verifies one token against the challenge that was sent.
     *
     * @param token          the encoded COSE_Sign1 (tagged or untagged)
     * @param expectedNonce  the challenge (32, 48 or 64 bytes)
     * @throws AttestationException if the token is malformed
     * @throws IllegalArgumentException if {@code expectedNonce} is not 32, 48 or 64 bytes
     */
    public VerificationResult verify(byte[] token, byte[] expectedNonce) throws AttestationException {
        Objects.requireNonNull(token, "token");
        if (!AttestationClaims.CHALLENGE_SIZES.contains(expectedNonce.length)) {
            throw new IllegalArgumentException("a challenge is 32, 48 or 64 bytes, got " + expectedNonce.length);
        }
        if (token.length > MAX_TOKEN_SIZE) {
            throw new AttestationException("token: " + token.length + " bytes is over the limit of " + MAX_TOKEN_SIZE);
        }
        Sign1Message message;
        Algorithm alg;
        try {
            message = Sign1Message.decode(token, LIMITS);
            alg = message.algorithm();
        } catch (CoseException e) {
            throw new AttestationException("token: " + e.getMessage(), e);
        }
        byte[] payload = message.payload().orElseThrow(
                () -> new AttestationException("token: the COSE_Sign1 payload is detached"));
        List<VerificationFailure> failures = new ArrayList<>();
        if (alg != Algorithm.ES256) {
            failures.add(new VerificationFailure(Reason.UNSUPPORTED_ALGORITHM, "token",
                    "signed with " + alg + ", expected ES256"));
        } else {
            try {
                if (!message.verify(signatureVerifier)) {
                    failures.add(new VerificationFailure(Reason.BAD_SIGNATURE, "token",
                            "the signature does not verify with the trusted attestation key"));
                }
            } catch (CoseException e) {
                throw new AttestationException("token: " + e.getMessage(), e);
            }
        }
        CBORObject map = decodeClaims(payload);
        ClaimsDecoder decoder = new ClaimsDecoder(map, failures);
        Optional<AttestationProfile> found = decoder.detectProfile();
        if (found.isPresent() && found.get() != profile) {
            failures.add(new VerificationFailure(Reason.PROFILE_MISMATCH, "profile (" + profile.profileKey() + ")",
                    "token is in " + found.get().profileValue() + ", expected " + profile.profileValue()));
        }
        Optional<AttestationClaims> claims = decoder.check(found.orElse(profile), expectedNonce,
                checkInstanceId ? AttestationKey.instanceIdOf(iakPoint) : null);
        return new VerificationResult(failures, failures.isEmpty() ? claims : Optional.empty());
    }

    /** Decodes the claims map of a token's payload (exactly one CBOR map, no duplicate keys). */
    static CBORObject decodeClaims(byte[] payload) throws AttestationException {
        CBORObject map;
        try {
            map = CBORObject.DecodeFromBytes(payload);
        } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
            throw new AttestationException("claims: the payload is not one well-formed CBOR item ("
                    + ClaimsDecoder.printable(String.valueOf(e.getMessage())) + ")", e);
        }
        if (map == null || map.isTagged() || map.getType() != CBORType.Map) {
            throw new AttestationException("claims: the payload is not a CBOR map");
        }
        return map;
    }

    @Override
    public String toString() {
        return "AttestationVerifier[" + profile + (checkInstanceId ? ", instance id checked" : "") + "]";
    }

    /** Builds an {@link AttestationVerifier}. */
    public static final class Builder {
        private final EcdsaVerifier verifier;
        private final byte[] point;
        private AttestationProfile profile = AttestationProfile.PSA_2023;
        private boolean checkInstanceId = true;

        private Builder(EcdsaVerifier verifier, byte[] point) {
            this.verifier = verifier;
            this.point = point;
        }

        /** The profile tokens must be in (default: the current profile). */
        public Builder profile(AttestationProfile p) {
            this.profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        /**
         * Whether the instance id must be {@code 0x01 || SHA-256(04 || X || Y)} of the trusted key (default on;
         * turn off for devices that derive their instance id differently).
         */
        public Builder checkInstanceId(boolean check) {
            this.checkInstanceId = check;
            return this;
        }

        public AttestationVerifier build() {
            return new AttestationVerifier(this);
        }
    }
}

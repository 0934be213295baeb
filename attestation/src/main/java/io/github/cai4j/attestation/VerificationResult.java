package io.github.cai4j.attestation;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying one attestation token: every failure found (empty when the token is valid) and, for a
 * valid token only, its claims.
 *
 * @param failures every reason the token was rejected, in the order they were found
 * @param claims   the typed claims; present exactly when {@code failures} is empty
 */
public record VerificationResult(List<VerificationFailure> failures, Optional<AttestationClaims> claims) {

    public VerificationResult {
        failures = List.copyOf(failures);
        if (failures.isEmpty() != claims.isPresent()) {
            throw new IllegalArgumentException("claims are given exactly for a valid token");
        }
    }

    /** {@code true} if the token verified and every check passed. */
    public boolean valid() {
        return failures.isEmpty();
    }

    /** {@code true} if any failure has this reason. */
    public boolean has(VerificationFailure.Reason reason) {
        return failures.stream().anyMatch(f -> f.reason() == reason);
    }

    @Override
    public String toString() {
        return valid() ? "VerificationResult[valid]" : "VerificationResult" + failures;
    }
}

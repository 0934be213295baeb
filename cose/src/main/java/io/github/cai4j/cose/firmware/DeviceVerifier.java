package io.github.cai4j.cose.firmware;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.cose.key.Pem;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Cloud-side check of one device's signed inference results: verifies the COSE_Sign1 with the device's public key,
 * decodes the payload and rejects a counter pair that repeats or goes backwards. Thread-safe; the last accepted
 * counter pair is the only state.
 */
public final class DeviceVerifier {
    /** The outcome of one check. */
    public enum Status {
        /** Signature valid, payload well formed, counters fresh (or absent and allowed). */
        VALID,
        /** The signature does not verify with this device's key. */
        BAD_SIGNATURE,
        /** Signature valid but the counter pair is not greater than the last accepted one. */
        REPLAYED,
        /** Signature valid but the payload carries no counters and counters are required. */
        NO_COUNTERS
    }

    /**
     * The result of verifying one message.
     *
     * @param status  what was found
     * @param payload the decoded payload when the signature is valid
     */
    public record Result(Status status, Optional<FirmwarePayload> payload) {
        public boolean valid() {
            return status == Status.VALID;
        }
    }

    private final CoseVerifier verifier;
    private final boolean requireCounters;
    private FirmwarePayload.Counters last;

    private DeviceVerifier(CoseVerifier verifier, boolean requireCounters) {
        this.verifier = verifier;
        this.requireCounters = requireCounters;
    }

    /** A verifier that requires counters in every payload. */
    public static DeviceVerifier of(CoseVerifier verifier) {
        return new DeviceVerifier(verifier, true);
    }

    /** A verifier that accepts payloads without counters (no replay protection for those). */
    public static DeviceVerifier allowingMissingCounters(CoseVerifier verifier) {
        return new DeviceVerifier(verifier, false);
    }

    public static DeviceVerifier of(PublicKey key) throws CoseException {
        return of(CoseVerifier.forPublicKey(key));
    }

    /** From a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}. */
    public static DeviceVerifier fromPem(String pem) throws CoseException {
        return of(Pem.publicKey(pem));
    }

    public static DeviceVerifier of(X509Certificate certificate) throws CoseException {
        return of(certificate.getPublicKey());
    }

    /** From an encoded COSE_Key. */
    public static DeviceVerifier fromCoseKey(byte[] coseKey) throws CoseException {
        return of(CoseVerifier.forKey(CoseKey.decode(coseKey)));
    }

    /** From the 65-byte uncompressed P-256 point 04‖X‖Y that {@code keys public} prints. */
    public static DeviceVerifier fromUncompressedPoint(byte[] point) throws CoseException {
        if (point.length != 65 || point[0] != 4) {
            throw new CoseException("device public key: expected 65 bytes 04||X||Y, found " + point.length);
        }
        return of(EcdsaVerifier.of(Curve.P_256, point));
    }

    /**
     * Verifies a COSE_Sign1 from the device. Malformed messages throw; a bad signature or a replayed counter is
     * reported in the result and does not advance the state.
     */
    public synchronized Result verify(byte[] sign1) throws CoseException {
        Sign1Message m = FirmwareSign1.decodeStrict(sign1);
        if (!m.verify(verifier)) {
            return new Result(Status.BAD_SIGNATURE, Optional.empty());
        }
        FirmwarePayload p = FirmwarePayload.decode(m.payload().orElseThrow());
        if (p.counters().isEmpty()) {
            return new Result(requireCounters ? Status.NO_COUNTERS : Status.VALID, Optional.of(p));
        }
        FirmwarePayload.Counters c = p.counters().get();
        if (last != null && c.compareTo(last) <= 0) {
            return new Result(Status.REPLAYED, Optional.of(p));
        }
        last = c;
        return new Result(Status.VALID, Optional.of(p));
    }

    /** The last accepted counter pair. */
    public synchronized Optional<FirmwarePayload.Counters> lastCounters() {
        return Optional.ofNullable(last);
    }

    @Override
    public String toString() {
        return "DeviceVerifier[" + verifier.algorithm().displayName() + "]";
    }
}

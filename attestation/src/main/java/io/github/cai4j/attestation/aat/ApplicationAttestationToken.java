package io.github.cai4j.attestation.aat;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.attestation.AttestationException;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The firmware's application attestation token (AAT, {@code spec/firmware.md} §8.1): the versions of the two
 * inference engines and of their models, as four claims in the "EAT Linaro range" (each a byte string holding the
 * text bytes, no NUL), in the order −80001 TFLM version, −80002 TFLM model version, −80003 uTVM version, −80004
 * uTVM model version; signed as the firmware's COSE_Sign1 (tag 18, protected {@code {1: -7}}, empty unprotected
 * map, ES256 raw signature) with the HUK partition's key 0x5002. No counters, no nonce, no timestamp.
 *
 * <p>The HUK partition signs it (through a {@link CoseSigner} that calls {@code psa_sign_hash} with key 0x5002);
 * the cloud checks it with {@link #verify(byte[], CoseVerifier)} and the device's public key.
 *
 * @param tflmVersion      the TFLM engine version (a git hash in the firmware)
 * @param tflmModelVersion the TFLM model version (the model file's MD5 in hex)
 * @param utvmVersion      the microTVM version
 * @param utvmModelVersion the uTVM model version (MD5 in hex)
 */
public record ApplicationAttestationToken(String tflmVersion, String tflmModelVersion, String utvmVersion,
                                          String utvmModelVersion) {
    /** {@code TFLM_VERSION}. */
    public static final int KEY_TFLM_VERSION = -80001;
    /** {@code TFLM_SINE_MODEL_VERSION}. */
    public static final int KEY_TFLM_MODEL_VERSION = -80002;
    /** {@code MTVM_VERSION}. */
    public static final int KEY_UTVM_VERSION = -80003;
    /** {@code MTVM_SINE_MODEL_VERSION}. */
    public static final int KEY_UTVM_MODEL_VERSION = -80004;

    private static final int[] KEYS = {KEY_TFLM_VERSION, KEY_TFLM_MODEL_VERSION, KEY_UTVM_VERSION,
        KEY_UTVM_MODEL_VERSION};
    private static final String[] NAMES = {"TFLM version", "TFLM model version", "uTVM version", "uTVM model version"};

    public ApplicationAttestationToken {
        Objects.requireNonNull(tflmVersion, "tflmVersion");
        Objects.requireNonNull(tflmModelVersion, "tflmModelVersion");
        Objects.requireNonNull(utvmVersion, "utvmVersion");
        Objects.requireNonNull(utvmModelVersion, "utvmModelVersion");
    }

    /**
     * The claims of the HUK partition's {@code COSE_AAT_SIGN} request (TF-M 1.7+): two {@code infer_version_t}
     * structs, TFLM first, read with the intended zero-initialised semantics ({@link InferVersionRecord}).
     */
    public static ApplicationAttestationToken fromVersionRecords(byte[] tflm, byte[] utvm) throws AttestationException {
        InferVersionRecord t = InferVersionRecord.decode(tflm);
        InferVersionRecord u = InferVersionRecord.decode(utvm);
        return new ApplicationAttestationToken(t.version(), t.model(), u.version(), u.model());
    }

    /** The claims map: {@code a4} and the four claims in firmware order (140 bytes for the firmware's strings). */
    public byte[] encodePayload() {
        String[] values = values();
        CBORObject map = CBORObject.NewOrderedMap();
        for (int i = 0; i < KEYS.length; i++) {
            map.Add(KEYS[i], values[i].getBytes(StandardCharsets.UTF_8));
        }
        return map.EncodeToBytes();
    }

    /** The signed token, as the firmware writes it; {@code signer} must be ES256 with key 0x5002. */
    public byte[] sign(CoseSigner signer) throws CoseException {
        return FirmwareSign1.sign(encodePayload(), signer);
    }

    /** The exact encoded size of the signed token. */
    public int signedLength() {
        return FirmwareSign1.encodedLength(encodePayload().length);
    }

    /** Decodes a claims map: all four claims must be byte strings holding UTF-8 text; other claims are ignored. */
    public static ApplicationAttestationToken decodePayload(byte[] payload) throws AttestationException {
        CBORObject map;
        try {
            map = CBORObject.DecodeFromBytes(payload);
        } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
            throw new AttestationException("AAT claims: the payload is not one well-formed CBOR item", e);
        }
        if (map == null || map.isTagged() || map.getType() != CBORType.Map) {
            throw new AttestationException("AAT claims: the payload is not a CBOR map");
        }
        String[] v = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            CBORObject o = map.GetOrDefault(CBORObject.FromObject(KEYS[i]), null);
            String where = "AAT claim " + NAMES[i] + " (" + KEYS[i] + ")";
            if (o == null) {
                throw new AttestationException(where + " is absent");
            }
            if (o.isTagged() || o.getType() != CBORType.ByteString) {
                throw new AttestationException(where + " is not a byte string");
            }
            try {
                // A new decoder REPORTs malformed input instead of replacing it.
                v[i] = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(o.GetByteString())).toString();
            } catch (CharacterCodingException e) {
                throw new AttestationException(where + " is not UTF-8 text", e);
            }
        }
        return new ApplicationAttestationToken(v[0], v[1], v[2], v[3]);
    }

    /**
     * Verifies a signed AAT with the device's key. A bad signature is an empty result; a token that does not have
     * the firmware's COSE_Sign1 layout or whose claims are malformed throws.
     */
    public static Optional<ApplicationAttestationToken> verify(byte[] token, CoseVerifier deviceKey)
            throws AttestationException {
        Sign1Message m;
        boolean ok;
        try {
            m = FirmwareSign1.decodeStrict(token);
            ok = m.verify(deviceKey);
        } catch (CoseException e) {
            throw new AttestationException("AAT: " + e.getMessage(), e);
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(decodePayload(m.payload().orElseThrow()));
    }

    private String[] values() {
        return new String[] {tflmVersion, tflmModelVersion, utvmVersion, utvmModelVersion};
    }
}

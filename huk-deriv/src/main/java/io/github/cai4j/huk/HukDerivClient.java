package io.github.cai4j.huk;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.internal.AatSignService;
import io.github.cai4j.huk.internal.Le;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Arrays;
import java.util.Objects;

/**
 * The typed client of the HUK derivation services (the firmware's {@code tfm_huk_deriv_srv_api.c}): each call
 * connects to the service (version 1), makes one {@code psa_call} with the firmware's byte layout
 * ({@code spec/firmware.md} §1.1) and closes the connection.
 *
 * <p>Usable by non-secure code and by secure partitions alike; the gate decides who may reach which service
 * (a non-secure caller of the COSE encode service is refused with {@code PSA_ERROR_CONNECTION_REFUSED}).
 */
public final class HukDerivClient {
    private final PsaClient client;
    private final TfmProfile profile;

    /**
     * @param client  the caller's PSA client (non-secure or a partition's)
     * @param profile the firmware generation, which decides the key status request layout
     */
    public HukDerivClient(PsaClient client, TfmProfile profile) {
        this.client = Objects.requireNonNull(client, "client");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** The firmware generation this client speaks. */
    public TfmProfile profile() {
        return profile;
    }

    /** {@code psa_huk_ec_key_stat}: the status of a key held by the partition (only 0x5002). */
    public KeyStatus keyStatus(int keyId) throws PsaException {
        InVec[] in = profile == TfmProfile.TFM_1_6
                ? new InVec[] {InVec.of(Le.bytes32(keyId))}
                : new InVec[] {InVec.of(Le.bytes32(keyId)), InVec.of(new byte[] {0})};
        byte[] out = new byte[4];
        CallResult r = call(HukServices.SID_EC_KEY_STAT, in, new OutVec[] {OutVec.of(out)}, "key status");
        requireLength(r, 0, 4, "key status");
        return KeyStatus.fromValue(Le.int32(out, 0));
    }

    /**
     * Sets a key's status (TF-M 1.7+ only; the partition accepts only {@link KeyStatus#X509_CERT_GENERATED}).
     *
     * @throws PsaException {@code PSA_ERROR_NOT_SUPPORTED} for the TF-M 1.6 profile, whose service has no set
     */
    public void setKeyStatus(int keyId, KeyStatus status) throws PsaException {
        if (profile == TfmProfile.TFM_1_6) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "the TF-M 1.6 key status service cannot set");
        }
        InVec[] in = {InVec.of(Le.bytes32(keyId)), InVec.of(new byte[] {1}), InVec.of(Le.bytes32(status.value()))};
        call(HukServices.SID_EC_KEY_STAT, in, new OutVec[0], "set key status");
    }

    /** {@code psa_huk_get_pubkey}: the 65-byte public key {@code 04 ‖ X ‖ Y}. */
    public DevicePublicKey exportPublicKey(int keyId) throws PsaException {
        byte[] out = new byte[HukServices.PUBLIC_KEY_SIZE];
        CallResult r = call(HukServices.SID_EXPORT_PUBKEY, new InVec[] {InVec.of(Le.bytes32(keyId))},
                new OutVec[] {OutVec.of(out)}, "export public key");
        requireLength(r, 0, HukServices.PUBLIC_KEY_SIZE, "public key");
        try {
            return DevicePublicKey.fromUncompressedPoint(out);
        } catch (IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "the service returned an invalid public key");
        }
    }

    /** {@code psa_huk_get_uuid}: the device UUID (the service writes 36 characters and a NUL). */
    public DeviceUuid uuid() throws PsaException {
        byte[] out = new byte[HukServices.UUID_OUTPUT_SIZE];
        CallResult r = call(HukServices.SID_GEN_UUID, new InVec[0], new OutVec[] {OutVec.of(out)}, "UUID");
        requireLength(r, 0, HukServices.UUID_OUTPUT_SIZE, "UUID");
        try {
            return DeviceUuid.fromServiceOutput(out, r.outLength(0));
        } catch (IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "the service returned a malformed UUID");
        }
    }

    /**
     * {@code psa_huk_hash_sign}: SHA-256 and ECDSA over a CSR's DER {@code CertificationRequestInfo} with a key of
     * the partition. Returns the raw signature {@code r ‖ s}.
     */
    public byte[] hashSign(int keyId, byte[] tbs) throws PsaException {
        byte[] sig = new byte[HukServices.SIGNATURE_SIZE];
        byte[] len = new byte[HukServices.SIZE_T_SIZE];
        CallResult r = call(HukServices.SID_HASH_SIGN, new InVec[] {InVec.of(Le.bytes32(keyId)), InVec.of(tbs)},
                new OutVec[] {OutVec.of(sig), OutVec.of(len)}, "hash sign");
        requireLength(r, 1, HukServices.SIZE_T_SIZE, "signature length");
        int n = Le.int32(len, 0);
        if (n != HukServices.SIGNATURE_SIZE || r.outLength(0) != n) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "the service returned a " + n
                    + "-byte signature");
        }
        return sig;
    }

    /** A {@link TbsSigner} that signs through {@link #hashSign} with {@code keyId}. */
    public TbsSigner tbsSigner(int keyId) {
        return tbs -> hashSign(keyId, tbs);
    }

    /**
     * {@code TFM_HUK_COSE_CBOR_ENC_SIGN} (secure callers only): encodes {@code value} in {@code format} into at most
     * {@code capacity} bytes.
     */
    public byte[] encode(float value, EncodingFormat format, int capacity) throws PsaException {
        return encode(value, format.value(), capacity);
    }

    /** As {@link #encode(float, EncodingFormat, int)} with a raw format value (to exercise invalid ones). */
    public byte[] encode(float value, int formatValue, int capacity) throws PsaException {
        byte[] out = new byte[capacity];
        byte[] len = new byte[HukServices.SIZE_T_SIZE];
        CallResult r = call(HukServices.SID_COSE_CBOR_ENC_SIGN,
                new InVec[] {InVec.of(Le.bytes32(Float.floatToRawIntBits(value))), InVec.of(Le.bytes32(formatValue))},
                new OutVec[] {OutVec.of(out), OutVec.of(len)}, "COSE encode");
        requireLength(r, 1, HukServices.SIZE_T_SIZE, "encoded length");
        int n = Le.int32(len, 0);
        if (n < 0 || n != r.outLength(0)) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "encoded length " + n + " does not match the "
                    + r.outLength(0) + " bytes written");
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * {@code TFM_HUK_COSE_AAT_SIGN} (TF-M 1.7+, secure callers only, e.g. the AAT partition): the application
     * attestation token over the two inference engines' version strings (each at most 41 ASCII characters).
     */
    public byte[] signAat(String tflmVersion, String tflmModel, String utvmVersion, String utvmModel, int capacity)
            throws PsaException {
        byte[] tflm;
        byte[] utvm;
        try {
            tflm = AatSignService.inferVersion(tflmVersion, tflmModel);
            utvm = AatSignService.inferVersion(utvmVersion, utvmModel);
        } catch (IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, e.getMessage());
        }
        byte[] out = new byte[capacity];
        byte[] len = new byte[HukServices.SIZE_T_SIZE];
        CallResult r = call(HukServices.SID_AAT, new InVec[] {InVec.of(tflm), InVec.of(utvm)},
                new OutVec[] {OutVec.of(out), OutVec.of(len)}, "AAT sign");
        requireLength(r, 1, HukServices.SIZE_T_SIZE, "token length");
        int n = Le.int32(len, 0);
        if (n < 0 || n != r.outLength(0)) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "token length " + n + " does not match the "
                    + r.outLength(0) + " bytes written");
        }
        return Arrays.copyOf(out, n);
    }

    /** TF-M 1.6's {@code TFM_HUK_AAT} (non-secure callers allowed): the token over the partition's own claims. */
    public byte[] aat(int capacity) throws PsaException {
        byte[] out = new byte[capacity];
        byte[] len = new byte[HukServices.SIZE_T_SIZE];
        CallResult r = call(HukServices.SID_AAT, new InVec[0], new OutVec[] {OutVec.of(out), OutVec.of(len)}, "AAT");
        requireLength(r, 1, HukServices.SIZE_T_SIZE, "token length");
        int n = Le.int32(len, 0);
        if (n < 0 || n != r.outLength(0)) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "token length " + n + " does not match the "
                    + r.outLength(0) + " bytes written");
        }
        return Arrays.copyOf(out, n);
    }

    private CallResult call(int sid, InVec[] in, OutVec[] out, String what) throws PsaException {
        int handle = client.connect(sid, HukServices.SERVICE_VERSION);
        PsaException.check(handle, what + ": connect to SID 0x" + Integer.toHexString(sid));
        try {
            return client.call(handle, in, out).orThrow(what);
        } finally {
            client.close(handle);
        }
    }

    private static void requireLength(CallResult r, int i, int expected, String what) throws PsaException {
        if (r.outLength(i) != expected) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, what + ": the service wrote " + r.outLength(i)
                    + " bytes, expected " + expected);
        }
    }

    @Override
    public String toString() {
        return "HukDerivClient[" + client + ", " + profile + "]";
    }
}

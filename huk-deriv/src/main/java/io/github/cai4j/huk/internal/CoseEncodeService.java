package io.github.cai4j.huk.internal;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.firmware.FlowSession;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.huk.EncodingFormat;
import io.github.cai4j.huk.HukDerivConfig;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.nvcounter.NvCounters;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.storage.StorageService;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * {@code TFM_HUK_COSE_CBOR_ENC_SIGN} ({@code tfm_huk_cose_encode_sign}, {@code spec/firmware.md} §1.1, §4, §5):
 * in[0] the float, in[1] the format; out[0] the encoding (capacity = the caller's out size), out[1] its length as a
 * {@code size_t}.
 *
 * <ul>
 *   <li>{@code HUK_ENC_CBOR}: the one-entry payload map, no counters.</li>
 *   <li>{@code HUK_ENC_COSE_SIGN1}: the NV counter is incremented <em>before</em> encoding (the increment is kept
 *       even if encoding then fails), then COSE_Sign1 over the value/rollover/counter map with key 0x5002 through
 *       crypto-service; a result larger than out[0] is {@code PSA_ERROR_BUFFER_TOO_SMALL}.</li>
 *   <li>{@code HUK_ENC_COSE_ENCRYPT0}: {@code PSA_ERROR_NOT_SUPPORTED} as in the firmware, unless the device
 *       configuration holds a cloud public key: then the "flow" records (§5.6).</li>
 *   <li>anything else (including {@code HUK_ENC_NONE}): {@code PSA_ERROR_INVALID_ARGUMENT}.</li>
 * </ul>
 */
public final class CoseEncodeService {
    private static final String LOG_SOURCE = "HUK DERIV SERV";

    private final HukDerivConfig config;
    private final PartitionContext context;
    private final PlatformLog log;
    private final PsaCoseSigner signer;
    private final SecureRandom random;
    private NvCounters counters;
    private FlowSession flow;
    private boolean keyMessagePending;

    public CoseEncodeService(HukDerivConfig config, PartitionContext context, CryptoClient crypto, int coseKey,
                             SecureRandom random) {
        this.config = config;
        this.context = context;
        this.log = context.log();
        this.signer = new PsaCoseSigner(crypto, coseKey);
        this.random = random;
    }

    /** Adds the SIDs this service calls to the partition's manifest. */
    public static void declareDependencies(HukDerivConfig config, PartitionManifest.Builder manifest) {
        if (config.nvCountersEnabled()) {
            manifest.dependsOn(StorageService.PROTECTED_STORAGE.sid());
        }
    }

    /** {@code psa_nv_ps_counter_tracker_init}: loads the counters (after the COSE key has been derived). */
    public void start() throws PsaException {
        if (config.nvCountersEnabled()) {
            counters = NvCounters.builder(context.client(), log).mode(config.counterMode()).init();
        }
    }

    public void handle(Message m) throws PsaException {
        HukRequests.CoseEncodeRequest req = HukRequests.coseEncode(m);
        Optional<EncodingFormat> format = EncodingFormat.fromValue(req.format());
        if (format.isEmpty() || format.get() == EncodingFormat.NONE) {
            log.error(LOG_SOURCE, " Invalid encode format");
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "invalid encode format " + req.format());
        }
        int capacity = HukRequests.outSize(m, 0);
        byte[] encoded = switch (format.get()) {
            case CBOR -> fit(FirmwarePayload.encodeCbor(req.value()), capacity);
            case COSE_SIGN1 -> sign1(req.value(), capacity);
            case COSE_ENCRYPT0 -> encrypt0(req.value(), capacity);
            case NONE -> throw new IllegalStateException("handled above");
        };
        HukRequests.requireOutput(m, 1, HukServices.SIZE_T_SIZE, "encoded length");
        m.write(0, encoded);
        m.write(1, HukRequests.sizeT(encoded.length));
    }

    private byte[] sign1(float value, int capacity) throws PsaException {
        if (counters == null) {
            return sign1Payload(FirmwarePayload.encodeCbor(value), capacity);
        }
        return counters.withNextValues(v -> sign1Payload(FirmwarePayload.encodeCbor(value, v.rollover(), v.counter()),
                capacity));
    }

    private byte[] sign1Payload(byte[] payload, int capacity) throws PsaException {
        if (FirmwareSign1.encodedLength(payload.length) > capacity) {
            log.error(LOG_SOURCE, "failed with " + PsaStatus.ERROR_BUFFER_TOO_SMALL.value());
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "COSE_Sign1 does not fit " + capacity
                    + " bytes");
        }
        byte[] signed;
        try {
            signed = FirmwareSign1.sign(payload, signer);
        } catch (CoseException e) {
            signer.rethrowPsaFailure();
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "COSE_Sign1 encoding failed");
        }
        return signed;
    }

    /**
     * Beyond the firmware: the "flow" scheme. The first record of a boot starts a session (fresh session id and
     * AES-128 key, sent to the cloud key with ECDH-ES + A128KW inside a COSE_Sign1 by key 0x5002); out[0] then holds
     * the CBOR sequence {@code session-key message ‖ record}, later calls only the tag-16 record. The payload is
     * the COSE_Sign1 payload map (value and NV counters, which are incremented as for SIGN1). If the output does
     * not fit, {@code PSA_ERROR_BUFFER_TOO_SMALL} and the session-key message is sent with the next record.
     */
    private byte[] encrypt0(float value, int capacity) throws PsaException {
        if (config.cloudPublicKey().isEmpty()) {
            log.error(LOG_SOURCE, " COSE ENCRYPT0 encode format is not supported");
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "COSE ENCRYPT0 encode format is not supported");
        }
        try {
            if (flow == null) {
                flow = FlowSession.start(CoseKey.fromPublicKey(config.cloudPublicKey().get()), null, signer, null,
                        random);
                keyMessagePending = true;
            }
        } catch (CoseException e) {
            signer.rethrowPsaFailure();
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "COSE flow session could not be started");
        }
        if (counters == null) {
            return encrypt0Payload(FirmwarePayload.encodeCbor(value), capacity);
        }
        return counters.withNextValues(v -> encrypt0Payload(FirmwarePayload.encodeCbor(value, v.rollover(),
                v.counter()), capacity));
    }

    private byte[] encrypt0Payload(byte[] payload, int capacity) throws PsaException {
        try {
            byte[] record = flow.encrypt(payload);
            byte[] out = record;
            if (keyMessagePending) {
                byte[] key = flow.keyMessage();
                out = new byte[key.length + record.length];
                System.arraycopy(key, 0, out, 0, key.length);
                System.arraycopy(record, 0, out, key.length, record.length);
            }
            fit(out, capacity);
            keyMessagePending = false;
            return out;
        } catch (CoseException e) {
            signer.rethrowPsaFailure();
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "COSE_Encrypt0 encoding failed");
        }
    }

    private byte[] fit(byte[] encoded, int capacity) throws PsaException {
        if (encoded.length > capacity) {
            log.error(LOG_SOURCE, "failed with " + PsaStatus.ERROR_BUFFER_TOO_SMALL.value());
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "encoding does not fit " + capacity + " bytes");
        }
        return encoded;
    }
}

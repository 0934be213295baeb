package io.github.cai4j.huk;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.internal.AatSignService;
import io.github.cai4j.huk.internal.CoseEncodeService;
import io.github.cai4j.huk.internal.HukKeyDeriver;
import io.github.cai4j.huk.internal.HukRequests;
import io.github.cai4j.huk.internal.PsaCoseSigner;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The HUK derivation partition ({@code TFM_SP_HUK_DERI}, {@code tfm_huk_deriv_srv}, {@code spec/firmware.md} §1):
 * the device UUID, the COSE key 0x5002 (derived at start-up, never exported), its status and public key,
 * hash-and-sign of CSR TBS blobs, the secure-only encoding service that signs inference values, and the
 * application attestation token (§8.1): TF-M 1.6's non-secure {@code TFM_HUK_AAT} with the partition's own claims,
 * TF-M 1.7+'s secure-only {@code TFM_HUK_COSE_AAT_SIGN} over the claims its caller sends.
 *
 * <p>The device assembler registers it with the {@link io.github.cai4j.psa.spm.CallGate} after the crypto partition
 * (and protected storage, when NV counters are enabled): {@code gate.register(new HukDerivPartition(config))}.
 * Its manifest declares those dependencies, so the gate starts it after them. Every service is connection based,
 * version 1, STRICT; {@code TFM_HUK_COSE_CBOR_ENC_SIGN} is reachable only by secure partitions that list it in
 * their dependencies.
 *
 * <p>The partition holds key ids only; private keys stay in crypto-service.
 */
public final class HukDerivPartition implements SecurePartition {
    /** The partition's name in the manifest list. */
    public static final String NAME = "TFM_SP_HUK_DERI";
    /** The log source of every line this partition writes. */
    public static final String LOG_SOURCE = "HUK DERIV SERV";

    private static final String COSE_KEY_NAME = "HUK_COSE";

    private final HukDerivConfig config;
    private final int signingAlgorithm;
    private final SecureRandom random;
    private final AatClaims aatClaims;
    private final PartitionManifest manifest;

    private PlatformLog log = PlatformLog.discard();
    private CryptoClient crypto;
    private int coseKeyHandle;
    private KeyStatus coseKeyStatus = KeyStatus.NONE;
    private DeviceUuid uuid;
    private CoseEncodeService encoder;
    private AatSignService aat;

    /**
     * A partition with the given configuration; randomness for COSE_Encrypt0 from a {@link SecureRandom}; the TF-M 1.6
     * AAT reports {@link AatClaims#FIRMWARE}.
     */
    public HukDerivPartition(HukDerivConfig config) {
        this(config, new SecureRandom(), AatClaims.FIRMWARE);
    }

    /**
     * @param config    the build configuration (profile, partition id, label extra, NV counters, cloud key)
     * @param random    the source of session keys and IVs for COSE_Encrypt0 (inject a seeded one only in tests)
     * @param aatClaims what the TF-M 1.6 {@code TFM_HUK_AAT} service reports (the inference services' versions)
     */
    public HukDerivPartition(HukDerivConfig config, SecureRandom random, AatClaims aatClaims) {
        this(config, random, aatClaims, false);
    }

    /**
     * @param deterministicEcdsa derive the COSE key 0x5002 with an RFC 6979 policy
     *                           ({@code PSA_ALG_DETERMINISTIC_ECDSA}), so the same payload always gives the same
     *                           COSE_Sign1; {@code false} is the firmware's randomised ECDSA
     */
    public HukDerivPartition(HukDerivConfig config, SecureRandom random, AatClaims aatClaims,
                             boolean deterministicEcdsa) {
        this.signingAlgorithm = deterministicEcdsa ? PsaAlgorithm.DETERMINISTIC_ECDSA_SHA_256
                : PsaAlgorithm.ECDSA_SHA_256;
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.aatClaims = Objects.requireNonNull(aatClaims, "aatClaims");
        this.manifest = manifestFor(config);
    }

    /** The manifest of a partition built with {@code config}. */
    public static PartitionManifest manifestFor(HukDerivConfig config) {
        PartitionManifest.Builder b = PartitionManifest.builder(NAME, config.partitionId())
                .service(ServiceManifest.connectionBased("TFM_HUK_EC_KEY_STAT", HukServices.SID_EC_KEY_STAT, true))
                .service(ServiceManifest.connectionBased("TFM_HUK_EXPORT_PUBKEY", HukServices.SID_EXPORT_PUBKEY, true))
                .service(ServiceManifest.connectionBased("TFM_HUK_COSE_CBOR_ENC_SIGN",
                        HukServices.SID_COSE_CBOR_ENC_SIGN, false))
                .service(ServiceManifest.connectionBased("TFM_HUK_GEN_UUID", HukServices.SID_GEN_UUID, true))
                .service(ServiceManifest.connectionBased("TFM_HUK_HASH_SIGN", HukServices.SID_HASH_SIGN, true))
                .dependsOn(CryptoPartition.SID);
        if (config.profile() == TfmProfile.TFM_1_7) {
            b.service(ServiceManifest.connectionBased("TFM_HUK_COSE_AAT_SIGN", HukServices.SID_AAT, false));
        } else {
            b.service(ServiceManifest.connectionBased("TFM_HUK_AAT", HukServices.SID_AAT, true));
        }
        CoseEncodeService.declareDependencies(config, b);
        return b.build();
    }

    @Override
    public PartitionManifest manifest() {
        return manifest;
    }

    /** The configuration this partition was built with. */
    public HukDerivConfig config() {
        return config;
    }

    @Override
    public void init(PartitionContext context) throws PsaException {
        log = context.log();
        crypto = new CryptoClient(context.client());
        HukKeyDeriver deriver = new HukKeyDeriver(crypto, config.profile(), signingAlgorithm);
        int usage = PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH;
        try {
            coseKeyHandle = deriver.deriveSigningKey(
                    HukKeyDeriver.ecKeyLabels(config.profile(), COSE_KEY_NAME, config.labelExtra()), usage, usage,
                    true);
        } catch (PsaException e) {
            // tfm_huk_ec_keys_init: psa_panic() when the COSE key cannot be derived.
            log.error(LOG_SOURCE, "failed with " + e.statusValue());
            throw new IllegalStateException("HUK partition: the COSE key could not be derived ("
                    + e.statusValue() + ")");
        }
        coseKeyStatus = KeyStatus.KEY_GENERATED;
        log.info(LOG_SOURCE, "Successfully derived the key for " + COSE_KEY_NAME);
        encoder = new CoseEncodeService(config, context, crypto, coseKeyHandle, random);
        encoder.start();
        aat = new AatSignService(new PsaCoseSigner(crypto, coseKeyHandle), log);
    }

    @Override
    public int handle(Message m) throws PsaException {
        if (m.type() == Psa.IPC_CONNECT || m.type() == Psa.IPC_DISCONNECT) {
            return PsaStatus.SUCCESS.value();
        }
        if (m.type() != Psa.IPC_CALL) {
            // The firmware's signal handler panics on any other message type.
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "unexpected message type " + m.type());
        }
        switch (m.sid()) {
            case HukServices.SID_EC_KEY_STAT -> keyStatus(m);
            case HukServices.SID_EXPORT_PUBKEY -> exportPublicKey(m);
            case HukServices.SID_COSE_CBOR_ENC_SIGN -> encoder.handle(m);
            case HukServices.SID_GEN_UUID -> generateUuid(m);
            case HukServices.SID_HASH_SIGN -> hashSign(m);
            case HukServices.SID_AAT -> {
                if (config.profile() == TfmProfile.TFM_1_6) {
                    aat.handleOwnClaims(m, aatClaims.tflmVersion(), aatClaims.tflmModel(), aatClaims.utvmVersion(),
                            aatClaims.utvmModel());
                } else {
                    aat.handle(m);
                }
            }
            default -> throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "unknown SID 0x"
                    + Integer.toHexString(m.sid()));
        }
        return PsaStatus.SUCCESS.value();
    }

    private void keyStatus(Message m) throws PsaException {
        HukRequests.KeyStatRequest req = HukRequests.keyStat(m, config.profile() != TfmProfile.TFM_1_6);
        HukRequests.requireCoseKey(req.keyId());
        if (req.set()) {
            if (req.newStatus() != KeyStatus.X509_CERT_GENERATED.value()) {
                throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a key status may only be set to "
                        + KeyStatus.X509_CERT_GENERATED.value());
            }
            coseKeyStatus = KeyStatus.X509_CERT_GENERATED;
            return;
        }
        HukRequests.requireOutput(m, 0, HukRequests.WORD, "key status");
        m.write(0, HukRequests.sizeT(coseKeyStatus.value()));
    }

    private void exportPublicKey(Message m) throws PsaException {
        int keyId = HukRequests.exportPublicKey(m);
        HukRequests.requireCoseKey(keyId);
        byte[] pub = crypto.exportPublicKey(coseKeyHandle);
        HukRequests.requireOutput(m, 0, pub.length, "public key");
        m.write(0, pub);
    }

    private void generateUuid(Message m) throws PsaException {
        if (uuid == null) {
            HukKeyDeriver deriver = new HukKeyDeriver(crypto, config.profile());
            String label = HukKeyDeriver.uuidLabel(config.labelExtra());
            if (label.length() >= HukKeyDeriver.LABEL_BUFFER_SIZE) {
                throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_MEMORY, "UUID label too long");
            }
            byte[] b = deriver.uuidBytes(label);
            try {
                uuid = DeviceUuid.fromDerivedBytes(b);
            } finally {
                Arrays.fill(b, (byte) 0);
            }
            log.info(LOG_SOURCE, "Generated UUID: " + uuid.value());
        }
        HukRequests.requireOutput(m, 0, HukServices.UUID_OUTPUT_SIZE, "UUID");
        byte[] out = Arrays.copyOf(uuid.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                HukServices.UUID_OUTPUT_SIZE);
        m.write(0, out);
    }

    private void hashSign(Message m) throws PsaException {
        HukRequests.HashSignRequest req = HukRequests.hashSign(m);
        try {
            HukRequests.requireCoseKey(req.keyId());
        } catch (PsaException e) {
            log.error(LOG_SOURCE, "failed with " + e.statusValue());
            throw e;
        }
        try {
            HukRequests.checkTbsFraming(req.tbs());
        } catch (PsaException e) {
            log.error(LOG_SOURCE, "failed with " + e.statusValue());
            throw e;
        }
        log.info(LOG_SOURCE, "Verified ASN.1 tag and length of the payload");
        if (config.profile() == TfmProfile.TFM_1_6) {
            log.info(LOG_SOURCE, "Key id: 0x" + Integer.toHexString(req.keyId()));
        }
        HukRequests.requireOutput(m, 0, HukServices.SIGNATURE_SIZE, "signature");
        HukRequests.requireOutput(m, 1, HukServices.SIZE_T_SIZE, "signature length");
        byte[] hash = sha256(req.tbs());
        byte[] sig = crypto.signHash(coseKeyHandle, signingAlgorithm, hash);
        m.write(0, sig);
        m.write(1, HukRequests.sizeT(sig.length));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "HukDerivPartition[0x" + Integer.toHexString(config.partitionId()) + ", " + config.profile() + "]";
    }
}

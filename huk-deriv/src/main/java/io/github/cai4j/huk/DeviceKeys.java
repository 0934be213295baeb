package io.github.cai4j.huk;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.internal.BootstrapResponse;
import io.github.cai4j.huk.internal.CertificateStore;
import io.github.cai4j.huk.internal.HukKeyDeriver;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The non-secure application's key management ({@code src/key_mgmt.c}, {@code src/device_client_tls_key.c},
 * {@code spec/firmware.md} §1.2–§1.6, §8.2): derives the client TLS key 0x5001 as the non-secure caller (its
 * private key is held by crypto-service for the non-secure owner), keeps the key status table, exports public
 * keys, builds CSRs (0x5001 signed through crypto-service, 0x5002 through the HUK partition's hash-and-sign) and
 * stores issued certificates in protected storage under the firmware's non-secure uids.
 *
 * <p>Build it once per boot with {@link #initialise}; not thread-safe (the firmware's shell is single-threaded).
 */
public final class DeviceKeys {
    /** {@code APP_PS_BASE}: the non-secure PS uid base of the application's objects. */
    public static final long APP_PS_BASE = 0x3e28e8993c690000L;
    /** PS uid of the client TLS certificate. */
    public static final long UID_TLS_CERT = APP_PS_BASE;
    /** PS uid of the COSE key certificate. */
    public static final long UID_COSE_CERT = APP_PS_BASE + 1;
    /** PS uid of the IoT hub name returned by the bootstrap server. */
    public static final long UID_HUB_NAME = APP_PS_BASE + 2;
    /** PS uid of the IoT hub port returned by the bootstrap server. */
    public static final long UID_HUB_PORT = APP_PS_BASE + 3;
    /** The log source of the non-secure application ({@code <inf> app: …}). */
    public static final String LOG_SOURCE = "app";

    private static final String TLS_KEY_NAME = "HUK_CLIENT_TLS";

    private final HukDerivConfig config;
    private final HukDerivClient huk;
    private final CryptoClient crypto;
    private final CertificateStore certificates;
    private final int tlsKeyId;
    private final Map<DeviceKey, KeyStatus> status = new EnumMap<>(DeviceKey.class);

    private DeviceKeys(HukDerivConfig config, HukDerivClient huk, CryptoClient crypto, CertificateStore certificates,
                       int tlsKeyId) {
        this.config = config;
        this.huk = huk;
        this.crypto = crypto;
        this.certificates = certificates;
        this.tlsKeyId = tlsKeyId;
    }

    /**
     * {@code km_keys_init}: derives the client TLS key as the non-secure caller and reads the COSE key's status from
     * the HUK partition.
     *
     * @param nonSecure the non-secure client (its id is the owner TF-M mixes into the derivation, -1 by default)
     * @param config    the device's HUK configuration (profile and label extra must match the secure side's)
     * @param log       where the application's log lines go
     */
    public static DeviceKeys initialise(PsaClient nonSecure, HukDerivConfig config, PlatformLog log)
            throws PsaException {
        Objects.requireNonNull(nonSecure, "nonSecure");
        Objects.requireNonNull(config, "config");
        CryptoClient crypto = new CryptoClient(nonSecure);
        HukKeyDeriver deriver = new HukKeyDeriver(crypto, config.profile());
        int tls = deriver.deriveSigningKey(
                HukKeyDeriver.ecKeyLabels(config.profile(), TLS_KEY_NAME, config.labelExtra()),
                PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_MESSAGE | PsaKeyUsage.EXPORT,
                PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_MESSAGE, false);
        log.info(LOG_SOURCE, "Successfully derived the key for " + TLS_KEY_NAME);
        HukDerivClient huk = new HukDerivClient(nonSecure, config.profile());
        DeviceKeys keys = new DeviceKeys(config, huk, crypto, CertificateStore.protectedStorage(nonSecure), tls);
        keys.status.put(DeviceKey.CLIENT_TLS, KeyStatus.KEY_GENERATED);
        keys.status.put(DeviceKey.COSE, huk.keyStatus(DeviceKey.COSE.keyId()));
        return keys;
    }

    /** The typed client of the HUK partition this object uses. */
    public HukDerivClient hukClient() {
        return huk;
    }

    /**
     * The crypto-service key id of the client TLS key in the non-secure caller's namespace (what the TLS stack signs
     * with).
     */
    public int tlsKeyId() {
        return tlsKeyId;
    }

    /** The status the application holds for a key ({@code km_get_context(i)->status}). */
    public KeyStatus status(DeviceKey key) {
        return status.getOrDefault(key, KeyStatus.NONE);
    }

    /** The device UUID (from the HUK partition). */
    public DeviceUuid uuid() throws PsaException {
        return huk.uuid();
    }

    /** The public key: 0x5001 from crypto-service, 0x5002 from the HUK partition's export service. */
    public DevicePublicKey publicKey(DeviceKey key) throws PsaException {
        if (key == DeviceKey.COSE) {
            return huk.exportPublicKey(key.keyId());
        }
        byte[] p = crypto.exportPublicKey(tlsKeyId);
        try {
            return DevicePublicKey.fromUncompressedPoint(p);
        } catch (IllegalArgumentException e) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "crypto-service exported an invalid public key");
        }
    }

    /** The signer of a key's CSR: never a private key, only a service that signs the TBS. */
    public TbsSigner signer(DeviceKey key) {
        if (key == DeviceKey.COSE) {
            return huk.tbsSigner(key.keyId());
        }
        return tbs -> crypto.signHash(tlsKeyId, PsaAlgorithm.ECDSA_SHA_256, firmwareHashBuffer(tbs));
    }

    /**
     * The firmware's quirk (§1.4): the non-secure side signs a 64-byte buffer whose first 32 bytes are the SHA-256;
     * ECDSA keeps only the leftmost 256 bits, so the signature is an ordinary ECDSA-SHA256 one over the TBS.
     */
    private static byte[] firmwareHashBuffer(byte[] tbs) {
        return java.util.Arrays.copyOf(sha256(tbs), 2 * 32);
    }

    /** {@code x509_csr_generate}: a signed CSR for the key, subject {@code O=Linaro,CN=<uuid>,OU=<label>}. */
    public DeviceCsr csr(DeviceKey key) throws PsaException {
        return csr(key, uuid());
    }

    /** As {@link #csr(DeviceKey)} with a UUID already read. */
    public DeviceCsr csr(DeviceKey key, DeviceUuid uuid) throws PsaException {
        return DeviceCsr.build(uuid, key.label(), publicKey(key), signer(key));
    }

    /** The PS uid (non-secure namespace) of a key's certificate. */
    public static long certificateUid(DeviceKey key) {
        return key == DeviceKey.CLIENT_TLS ? UID_TLS_CERT : UID_COSE_CERT;
    }

    /**
     * Stores the certificate issued for a key in PS and sets its status to X.509-cert-generated (for 0x5002 also in
     * the HUK partition, on TF-M 1.7+ whose service can set it).
     */
    public void storeCertificate(DeviceKey key, byte[] der) throws PsaException {
        Objects.requireNonNull(der, "der");
        if (der.length == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "empty certificate");
        }
        certificates.store(certificateUid(key), der);
        if (key == DeviceKey.COSE && config.profile() != TfmProfile.TFM_1_6) {
            huk.setKeyStatus(key.keyId(), KeyStatus.X509_CERT_GENERATED);
        }
        status.put(key, KeyStatus.X509_CERT_GENERATED);
    }

    /**
     * The bootstrap server's answer to a CSR ({@code POST /api/v1/cr}, {@code spec/firmware.md} §8.2): the CBOR map
     * {@code {1: status uint, 2: certificate bstr}}. Like the firmware, the status value is not interpreted; the
     * certificate is stored as by {@link #storeCertificate}.
     *
     * @return the certificate (DER) that was stored
     * @throws PsaException {@code PSA_ERROR_INVALID_ARGUMENT} for a response that is not such a map (the firmware's
     *                      {@code -EINVAL}), or a storage status
     */
    public byte[] acceptCsrResponse(DeviceKey key, byte[] response) throws PsaException {
        byte[] der = BootstrapResponse.certificate(response);
        storeCertificate(key, der);
        return der;
    }

    /** The stored certificate of a key, if its status says one was issued and PS holds it. */
    public Optional<byte[]> certificate(DeviceKey key) throws PsaException {
        if (status(key) != KeyStatus.X509_CERT_GENERATED) {
            return Optional.empty();
        }
        return certificates.load(certificateUid(key));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceKeys[" + config.profile() + ", TLS key id 0x" + Integer.toHexString(tlsKeyId) + "]";
    }
}

package io.github.cai4j.attestation;

import io.github.cai4j.attestation.internal.AttestationKey;
import io.github.cai4j.attestation.internal.PsaSigner;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.util.List;
import java.util.Objects;

/**
 * TF-M's Initial Attestation partition ({@code TFM_SP_INITIAL_ATTESTATION}, {@code spec/mcuboot-psa.md} B8): one
 * stateless service {@code TFM_ATTESTATION_SERVICE} (SID 0x20, stateless index 4, so handle 0x40000103, version 1
 * STRICT, reachable from the non-secure world) with TF-M's call types:
 *
 * <ul>
 *   <li>{@link #GET_TOKEN} 1001 ({@code psa_initial_attest_get_token}): in[0] = the challenge, out[0] = the token
 *       buffer; the token length is the bytes written.</li>
 *   <li>{@link #GET_TOKEN_SIZE} 1002 ({@code psa_initial_attest_get_token_size}): in[0] = the challenge size as a
 *       32-bit little-endian {@code size_t}, out[0] = the token size, same encoding.</li>
 *   <li>{@link #GET_PUBLIC_KEY} 1003: out[0] = the IAK public key {@code 04 || X || Y} (65 bytes). TF-M 1.0–1.3
 *       offered this call type ({@code TFM_ATTEST_GET_PUBLIC_KEY}); this model keeps it so that the device can
 *       show the key a verifier must trust.</li>
 * </ul>
 *
 * <p>Statuses: a challenge of any size other than 32, 48 or 64 bytes gives {@code PSA_ERROR_INVALID_ARGUMENT} for
 * both calls; a token buffer of size 0 gives {@code PSA_ERROR_INVALID_ARGUMENT}; a buffer smaller than the token
 * gives {@code PSA_ERROR_BUFFER_TOO_SMALL} (nothing written); malformed vectors give
 * {@code PSA_ERROR_INVALID_ARGUMENT}; an unknown call type {@code PSA_ERROR_NOT_SUPPORTED}; every call after a failed
 * start-up (the IAK could not be derived) {@code PSA_ERROR_SERVICE_FAILURE}; a signing failure
 * {@code PSA_ERROR_GENERIC_ERROR}.
 *
 * <p>Tokens are COSE_Sign1 (tag 18, protected {@code {1: -7}}, empty unprotected map, 64-byte raw ES256 signature)
 * over the claims of {@link AttestationClaims}: the challenge as nonce, the caller's client id, the software
 * components handed in at construction, and a boot seed drawn from crypto-service's random generator at start-up
 * (so it changes on every boot while nothing else does). The IAK is derived from the HUK inside crypto-service
 * ({@code AttestationKey}); the partition holds its id and public key only.
 *
 * <p>The device assembler registers it after the crypto partition: {@code gate.register(new
 * InitialAttestationPartition(config, components))}; its manifest depends on {@link CryptoPartition#SID}.
 */
public final class InitialAttestationPartition implements SecurePartition {
    /** The partition name of TF-M's manifest list. */
    public static final String NAME = "TFM_SP_INITIAL_ATTESTATION";
    /** TF-M's partition id for the attestation partition (the manifest list's pid 261). */
    public static final int PARTITION_ID = 261;
    /** The service name. */
    public static final String SERVICE_NAME = "TFM_ATTESTATION_SERVICE";
    /** The service id. */
    public static final int SID = 0x20;
    /** The stateless handle index of TF-M's attestation service. */
    public static final int STATELESS_INDEX = 4;
    /** The handle clients call: {@code 0x40000000 | 1 << 8 | (4 - 1)} = 0x40000103. */
    public static final int HANDLE = Psa.statelessHandle(1, STATELESS_INDEX);
    /** {@code TFM_ATTEST_GET_TOKEN}. */
    public static final int GET_TOKEN = 1001;
    /** {@code TFM_ATTEST_GET_TOKEN_SIZE}. */
    public static final int GET_TOKEN_SIZE = 1002;
    /** {@code TFM_ATTEST_GET_PUBLIC_KEY}. */
    public static final int GET_PUBLIC_KEY = 1003;
    /** The log source of this partition's lines. */
    public static final String LOG_SOURCE = "INITIAL ATTESTATION";

    static final int SIZE_T = 4;

    private static final PartitionManifest MANIFEST = PartitionManifest.builder(NAME, PARTITION_ID)
            .service(ServiceManifest.stateless(SERVICE_NAME, SID, true, STATELESS_INDEX))
            .dependsOn(CryptoPartition.SID)
            .build();

    private final AttestationConfig config;
    private final List<SoftwareComponent> components;

    private PlatformLog log = PlatformLog.discard();
    private CryptoClient crypto;
    private AttestationKey key;
    private byte[] bootSeed;

    /**
     * @param config     the token profile, the key derivation generation and the platform values
     * @param components the boot measurements, in the order they appear in tokens: one per image the bootloader
     *                   verified (secure firmware, non-secure firmware, model image …); at least one for the
     *                   current profile
     */
    public InitialAttestationPartition(AttestationConfig config, List<SoftwareComponent> components) {
        this.config = Objects.requireNonNull(config, "config");
        this.components = List.copyOf(components);
        if (this.components.isEmpty() && config.profile() == AttestationProfile.PSA_2023) {
            throw new IllegalArgumentException("the " + AttestationProfile.PSA_2023.profileValue()
                    + " profile needs at least one software component");
        }
    }

    @Override
    public PartitionManifest manifest() {
        return MANIFEST;
    }

    @Override
    public void init(PartitionContext context) throws PsaException {
        log = context.log();
        crypto = new CryptoClient(context.client());
        try {
            key = AttestationKey.derive(crypto, config.derivation());
            bootSeed = crypto.generateRandom(AttestationClaims.BOOT_SEED_SIZE);
        } catch (DeviceHaltedException e) {
            throw e;
        } catch (PsaException e) {
            // attest_init failed: TF-M keeps the partition and answers PSA_ERROR_SERVICE_FAILURE.
            key = null;
            log.error(LOG_SOURCE, "initialisation failed with " + e.statusValue());
            return;
        }
        log.info(LOG_SOURCE, "Attestation key derived, " + components.size() + " software components");
    }

    @Override
    public int handle(Message m) throws PsaException {
        if (key == null || bootSeed == null) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "initial attestation did not start");
        }
        switch (m.type()) {
            case GET_TOKEN -> getToken(m);
            case GET_TOKEN_SIZE -> getTokenSize(m);
            case GET_PUBLIC_KEY -> getPublicKey(m);
            default -> throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "unknown call type " + m.type());
        }
        return PsaStatus.SUCCESS.value();
    }

    private void getToken(Message m) throws PsaException {
        if (m.inCount() < 1 || m.outCount() < 1) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "get_token needs a challenge and a buffer");
        }
        requireChallengeSize(m.inSize(0));
        int capacity = m.outCapacity(0);
        if (capacity == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "token buffer size is 0");
        }
        byte[] payload = claims(m.input(0), m.clientId()).encode();
        if (FirmwareSign1.encodedLength(payload.length) > capacity) {
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "token needs "
                    + FirmwareSign1.encodedLength(payload.length) + " bytes, buffer has " + capacity);
        }
        PsaSigner signer = new PsaSigner(crypto, key.keyId());
        byte[] token;
        try {
            token = FirmwareSign1.sign(payload, signer);
        } catch (CoseException e) {
            try {
                signer.rethrowPsaFailure();
            } catch (DeviceHaltedException halted) {
                throw halted;
            } catch (PsaException failed) {
                throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "token signing failed", failed);
            }
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "token encoding failed", e);
        }
        m.write(0, token);
    }

    private void getTokenSize(Message m) throws PsaException {
        if (m.inCount() < 1 || m.inSize(0) != SIZE_T) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "get_token_size needs a " + SIZE_T
                    + "-byte challenge size");
        }
        if (m.outCount() < 1 || m.outCapacity(0) < SIZE_T) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "get_token_size needs a " + SIZE_T
                    + "-byte output");
        }
        byte[] in = m.input(0);
        long challengeSize = (in[0] & 0xffL) | (in[1] & 0xffL) << 8 | (in[2] & 0xffL) << 16 | (in[3] & 0xffL) << 24;
        if (challengeSize > Integer.MAX_VALUE) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "challenge size " + challengeSize
                    + " is not 32, 48 or 64");
        }
        requireChallengeSize((int) challengeSize);
        int size = tokenSize((int) challengeSize, m.clientId());
        m.write(0, new byte[] {(byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)});
    }

    private void getPublicKey(Message m) throws PsaException {
        byte[] pub = key.publicKey();
        if (m.outCount() < 1) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "get_public_key needs an output");
        }
        if (m.outCapacity(0) < pub.length) {
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "the public key is " + pub.length + " bytes");
        }
        m.write(0, pub);
    }

    private static void requireChallengeSize(int size) throws PsaException {
        if (!AttestationClaims.CHALLENGE_SIZES.contains(size)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "challenge size " + size
                    + " is not 32, 48 or 64");
        }
    }

    /** The exact token size for a challenge size and caller: everything but the nonce's bytes is fixed. */
    private int tokenSize(int challengeSize, int clientId) {
        return FirmwareSign1.encodedLength(claims(new byte[challengeSize], clientId).encode().length);
    }

    private AttestationClaims claims(byte[] challenge, int clientId) {
        return AttestationClaims.builder(config.profile())
                .clientId(clientId)
                .lifecycle(config.lifecycle())
                .implementationId(config.implementationId())
                .bootSeed(bootSeed)
                .certificationReference(config.certificationReference().orElse(null))
                .softwareComponents(components)
                .nonce(challenge)
                .instanceId(key.instanceId())
                .verificationService(config.verificationService().orElse(null))
                .build();
    }

    /** The configuration this partition was built with. */
    public AttestationConfig config() {
        return config;
    }

    /** The boot measurements this partition reports. */
    public List<SoftwareComponent> softwareComponents() {
        return components;
    }

    /**
     * The IAK public key {@code 04 || X || Y} (public data; for the device assembler that publishes it), or empty
     * before a successful start.
     */
    public java.util.Optional<byte[]> attestationPublicKey() {
        return java.util.Optional.ofNullable(key).map(AttestationKey::publicKey);
    }

    @Override
    public String toString() {
        return "InitialAttestationPartition[" + config.profile() + ", " + components.size() + " components, "
                + (key == null ? "not started" : "started") + "]";
    }
}

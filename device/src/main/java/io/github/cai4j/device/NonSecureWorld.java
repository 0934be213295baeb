package io.github.cai4j.device;

import io.github.cai4j.attestation.AttestationClient;
import io.github.cai4j.bootloader.fwu.FwuClient;
import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.huk.DeviceKeys;
import io.github.cai4j.huk.HukDerivClient;
import io.github.cai4j.huk.HukDerivConfig;
import io.github.cai4j.huk.HukShellCommands;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.storage.InternalTrustedStorage;
import io.github.cai4j.storage.ProtectedStorage;

/**
 * The non-secure side of a device: the Zephyr application's view. Every client here reaches the secure
 * world only through the call gate, as caller {@code -1}; none holds a key, only key ids.
 */
public final class NonSecureWorld {
    private static final int AAT_BUFFER = 512;

    private final PsaClient client;
    private final DeviceKeys keys;
    private final String uuid;

    private NonSecureWorld(PsaClient client, DeviceKeys keys, String uuid) {
        this.client = client;
        this.keys = keys;
        this.uuid = uuid;
    }

    /** The NS application's start-up ({@code main()}): key management, then the UUID. */
    static NonSecureWorld start(PsaClient client, HukDerivConfig hukConfig, PlatformLog log) throws PsaException {
        DeviceKeys keys = DeviceKeys.initialise(client, hukConfig, log);
        String uuid = keys.uuid().value();
        return new NonSecureWorld(client, keys, uuid);
    }

    /** The raw PSA client API (for custom services). */
    public PsaClient psaClient() {
        return client;
    }

    /** The PSA Crypto API. */
    public CryptoClient crypto() {
        return new CryptoClient(client);
    }

    /** PSA Protected Storage. */
    public ProtectedStorage protectedStorage() {
        return new ProtectedStorage(client);
    }

    /** PSA Internal Trusted Storage. */
    public InternalTrustedStorage internalTrustedStorage() {
        return new InternalTrustedStorage(client);
    }

    /** The application's key management: TLS key 0x5001, COSE key 0x5002, CSRs, certificates. */
    public DeviceKeys keys() {
        return keys;
    }

    /** The HUK derivation services. */
    public HukDerivClient huk() {
        return keys.hukClient();
    }

    /** The inference services. */
    public InferenceClient inference() {
        return new InferenceClient(client);
    }

    /** The PSA Firmware Update API through the gate (TF-M's FWU partition, SID 0xA0). */
    public FwuClient firmwareUpdate() {
        return new FwuClient(client);
    }

    /** PSA Initial Attestation. */
    public AttestationClient attestation() {
        return new AttestationClient(client);
    }

    /**
     * The application attestation token ({@code infer token}): TF-M 1.6's {@code TFM_HUK_AAT}, or TF-M 1.7+'s AAT
     * partition, signed with the COSE key 0x5002.
     */
    public byte[] applicationAttestationToken() throws PsaException {
        if (keys.hukClient().profile() == io.github.cai4j.crypto.TfmProfile.TFM_1_6) {
            return keys.hukClient().aat(AAT_BUFFER);
        }
        byte[] out = new byte[AAT_BUFFER];
        byte[] len = new byte[4];
        int h = client.connect(io.github.cai4j.device.aat.AatPartition.SID, 1);
        PsaException.check(h, "connect to the AAT service");
        io.github.cai4j.psa.CallResult r;
        try {
            r = client.call(h, new io.github.cai4j.psa.InVec[0],
                    new io.github.cai4j.psa.OutVec[] {io.github.cai4j.psa.OutVec.of(out),
                        io.github.cai4j.psa.OutVec.of(len)});
        } finally {
            client.close(h);
        }
        r.orThrow("AAT service");
        return java.util.Arrays.copyOf(out, r.outLength(0));
    }

    /** The firmware's {@code keys} and {@code info} shell commands. */
    public HukShellCommands hukShell() {
        return new HukShellCommands(keys);
    }

    /** The device UUID read at start-up. */
    public String uuid() {
        return uuid;
    }

    @Override
    public String toString() {
        return "NonSecureWorld[" + client + ", uuid=" + uuid + "]";
    }
}

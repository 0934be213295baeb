package io.github.cai4j.attestation;

import com.upokecenter.cbor.CBORObject;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a PSA attestation token ({@code spec/cose.md} §8), typed. The partition builds one per token and
 * {@link #encode() encodes} it; the {@link AttestationVerifier} hands one back after checking a token. Immutable;
 * every byte array is copied in and out. Nothing here is secret.
 */
public final class AttestationClaims {
    /** The challenge sizes the Initial Attestation API accepts ({@code PSA_INITIAL_ATTEST_CHALLENGE_SIZE_*}). */
    public static final List<Integer> CHALLENGE_SIZES = List.of(32, 48, 64);
    /** The implementation id is 32 bytes. */
    public static final int IMPLEMENTATION_ID_SIZE = 32;
    /** The boot seed this model writes (and the legacy profile requires) is 32 bytes. */
    public static final int BOOT_SEED_SIZE = 32;
    /** The type byte of a random / hash-derived UEID (the instance id). */
    public static final int UEID_TYPE_RAND = 0x01;

    private final AttestationProfile profile;
    private final int clientId;
    private final int lifecycle;
    private final byte[] implementationId;
    private final byte[] bootSeed;
    private final String certificationReference;
    private final List<SoftwareComponent> softwareComponents;
    private final byte[] nonce;
    private final byte[] instanceId;
    private final String verificationService;

    private AttestationClaims(Builder b) {
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.clientId = b.clientId;
        this.lifecycle = b.lifecycle;
        this.implementationId = Objects.requireNonNull(b.implementationId, "implementationId").clone();
        this.bootSeed = b.bootSeed == null ? null : b.bootSeed.clone();
        this.certificationReference = b.certificationReference;
        this.softwareComponents = List.copyOf(b.softwareComponents);
        this.nonce = Objects.requireNonNull(b.nonce, "nonce").clone();
        this.instanceId = Objects.requireNonNull(b.instanceId, "instanceId").clone();
        this.verificationService = b.verificationService;
    }

    public static Builder builder(AttestationProfile profile) {
        return new Builder(profile);
    }

    /** The profile the token was written in. */
    public AttestationProfile profile() {
        return profile;
    }

    /** The caller of {@code psa_initial_attest_get_token}: negative for non-secure, a partition id otherwise. */
    public int clientId() {
        return clientId;
    }

    /** The security lifecycle ({@code 0x3000} = secured). */
    public int lifecycle() {
        return lifecycle;
    }

    /** The state part of the lifecycle (its high byte shifted back), e.g. {@code 0x3000} for any 0x30xx. */
    public int lifecycleState() {
        return lifecycle & 0xff00;
    }

    public byte[] implementationId() {
        return implementationId.clone();
    }

    /** The boot seed: random per boot. */
    public Optional<byte[]> bootSeed() {
        return Optional.ofNullable(bootSeed).map(byte[]::clone);
    }

    /** The certification reference (current profile) or hardware version (legacy profile). */
    public Optional<String> certificationReference() {
        return Optional.ofNullable(certificationReference);
    }

    /** The measured software components, in token order (empty only for a legacy "no measurements" token). */
    public List<SoftwareComponent> softwareComponents() {
        return softwareComponents;
    }

    /** The challenge the token answers. */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The instance id (UEID): {@code 0x01 || SHA-256(IAK public key)}. */
    public byte[] instanceId() {
        return instanceId.clone();
    }

    public Optional<String> verificationService() {
        return Optional.ofNullable(verificationService);
    }

    /** The software component whose measurement type is {@code type}, if any. */
    public Optional<SoftwareComponent> softwareComponent(String type) {
        return softwareComponents.stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /**
     * The claims map in the profile's keys, as the partition signs it: profile, client id, lifecycle,
     * implementation id, boot seed, certification reference, software components (or, legacy only, the
     * no-measurements claim), nonce, instance id, verification service.
     */
    public byte[] encode() {
        return toCbor().EncodeToBytes();
    }

    CBORObject toCbor() {
        AttestationProfile p = profile;
        CBORObject map = CBORObject.NewOrderedMap();
        map.Add(p.profileKey(), p.profileValue());
        map.Add(p.clientIdKey(), clientId);
        map.Add(p.lifecycleKey(), lifecycle);
        map.Add(p.implementationIdKey(), implementationId);
        if (bootSeed != null) {
            map.Add(p.bootSeedKey(), bootSeed);
        }
        if (certificationReference != null) {
            map.Add(p.certificationReferenceKey(), certificationReference);
        }
        if (softwareComponents.isEmpty() && p.noSoftwareMeasurementsKey() != 0) {
            map.Add(p.noSoftwareMeasurementsKey(), 1);
        } else {
            CBORObject arr = CBORObject.NewArray();
            for (SoftwareComponent c : softwareComponents) {
                arr.Add(componentToCbor(c));
            }
            map.Add(p.softwareComponentsKey(), arr);
        }
        map.Add(p.nonceKey(), nonce);
        map.Add(p.instanceIdKey(), instanceId);
        if (verificationService != null) {
            map.Add(p.verificationServiceKey(), verificationService);
        }
        return map;
    }

    private static CBORObject componentToCbor(SoftwareComponent c) {
        CBORObject m = CBORObject.NewOrderedMap();
        if (c.type() != null) {
            m.Add(SoftwareComponent.KEY_TYPE, c.type());
        }
        m.Add(SoftwareComponent.KEY_MEASUREMENT_VALUE, c.measurement());
        if (c.version() != null) {
            m.Add(SoftwareComponent.KEY_VERSION, c.version());
        }
        m.Add(SoftwareComponent.KEY_SIGNER_ID, c.signerId());
        if (c.description() != null) {
            m.Add(SoftwareComponent.KEY_MEASUREMENT_DESCRIPTION, c.description());
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttestationClaims c && profile == c.profile && clientId == c.clientId
                && lifecycle == c.lifecycle && MessageDigest.isEqual(implementationId, c.implementationId)
                && bytesEqual(bootSeed, c.bootSeed) && Objects.equals(certificationReference, c.certificationReference)
                && softwareComponents.equals(c.softwareComponents) && MessageDigest.isEqual(nonce, c.nonce)
                && MessageDigest.isEqual(instanceId, c.instanceId)
                && Objects.equals(verificationService, c.verificationService);
    }

    private static boolean bytesEqual(byte[] a, byte[] b) {
        return a == null ? b == null : b != null && MessageDigest.isEqual(a, b);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, clientId, lifecycle, HexFormat.of().formatHex(nonce),
                HexFormat.of().formatHex(instanceId), softwareComponents);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "AttestationClaims[profile=" + profile + ", clientId=" + clientId + ", lifecycle=0x"
                + Integer.toHexString(lifecycle) + ", implementationId=" + hex.formatHex(implementationId)
                + ", bootSeed=" + (bootSeed == null ? "-" : hex.formatHex(bootSeed)) + ", certificationReference="
                + certificationReference + ", softwareComponents=" + softwareComponents + ", nonce="
                + hex.formatHex(nonce) + ", instanceId=" + hex.formatHex(instanceId) + ", verificationService="
                + verificationService + "]";
    }

    /** Builds {@link AttestationClaims}; no validation beyond non-null mandatory fields (the verifier checks). */
    public static final class Builder {
        private final AttestationProfile profile;
        private int clientId;
        private int lifecycle;
        private byte[] implementationId;
        private byte[] bootSeed;
        private String certificationReference;
        private final List<SoftwareComponent> softwareComponents = new ArrayList<>();
        private byte[] nonce;
        private byte[] instanceId;
        private String verificationService;

        private Builder(AttestationProfile profile) {
            this.profile = profile;
        }

        public Builder clientId(int id) {
            this.clientId = id;
            return this;
        }

        public Builder lifecycle(int value) {
            this.lifecycle = value;
            return this;
        }

        public Builder implementationId(byte[] id) {
            this.implementationId = id.clone();
            return this;
        }

        public Builder bootSeed(byte[] seed) {
            this.bootSeed = seed == null ? null : seed.clone();
            return this;
        }

        public Builder certificationReference(String ref) {
            this.certificationReference = ref;
            return this;
        }

        public Builder softwareComponents(List<SoftwareComponent> components) {
            this.softwareComponents.clear();
            this.softwareComponents.addAll(components);
            return this;
        }

        public Builder nonce(byte[] challenge) {
            this.nonce = challenge.clone();
            return this;
        }

        public Builder instanceId(byte[] id) {
            this.instanceId = id.clone();
            return this;
        }

        public Builder verificationService(String indicator) {
            this.verificationService = indicator;
            return this;
        }

        public AttestationClaims build() {
            return new AttestationClaims(this);
        }
    }
}

package io.github.cai4j.attestation;

import io.github.cai4j.crypto.TfmProfile;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Initial Attestation partition is built: the token profile, how the attestation key is derived, and the
 * platform values TF-M's attestation HAL reports. None of it is secret. Immutable; built with {@link #builder()}.
 *
 * <p>Defaults: the current profile, TF-M 1.7+ derivation, TF-M's template implementation id
 * ({@code AA×8 BB×8 CC×8 DD×8}), lifecycle {@code 0x3000} (secured), certification reference
 * {@code 0604565272829-10010} and verification service {@code www.trustedfirmware.org}.
 */
public final class AttestationConfig {
    /** TF-M's template implementation id. */
    public static final String DEFAULT_IMPLEMENTATION_ID_HEX =
            "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd";
    /** The secured lifecycle state. */
    public static final int LIFECYCLE_SECURED = 0x3000;
    /** TF-M's template certification reference (an EAN-13 with a 5-digit extension). */
    public static final String DEFAULT_CERTIFICATION_REFERENCE = "0604565272829-10010";
    /** TF-M's template verification service indicator. */
    public static final String DEFAULT_VERIFICATION_SERVICE = "www.trustedfirmware.org";

    private final AttestationProfile profile;
    private final TfmProfile derivation;
    private final byte[] implementationId;
    private final int lifecycle;
    private final String certificationReference;
    private final String verificationService;

    private AttestationConfig(Builder b) {
        this.profile = b.profile;
        this.derivation = b.derivation;
        this.implementationId = b.implementationId.clone();
        this.lifecycle = b.lifecycle;
        this.certificationReference = b.certificationReference;
        this.verificationService = b.verificationService;
    }

    public static AttestationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().profile(profile).derivation(derivation).implementationId(implementationId)
                .lifecycle(lifecycle);
        b.certificationReference = certificationReference;
        b.verificationService = verificationService;
        return b;
    }

    /** The claim set tokens are written in. */
    public AttestationProfile profile() {
        return profile;
    }

    /** Which TF-M generation's HUK derivation produces the attestation key (must match the crypto partition's). */
    public TfmProfile derivation() {
        return derivation;
    }

    public byte[] implementationId() {
        return implementationId.clone();
    }

    public int lifecycle() {
        return lifecycle;
    }

    public Optional<String> certificationReference() {
        return Optional.ofNullable(certificationReference);
    }

    public Optional<String> verificationService() {
        return Optional.ofNullable(verificationService);
    }

    @Override
    public String toString() {
        return "AttestationConfig[profile=" + profile + ", derivation=" + derivation + ", implementationId="
                + HexFormat.of().formatHex(implementationId) + ", lifecycle=0x" + Integer.toHexString(lifecycle)
                + ", certificationReference=" + certificationReference + ", verificationService="
                + verificationService + "]";
    }

    /** Builds an {@link AttestationConfig}. */
    public static final class Builder {
        private AttestationProfile profile = AttestationProfile.PSA_2023;
        private TfmProfile derivation = TfmProfile.defaultProfile();
        private byte[] implementationId = HexFormat.of().parseHex(DEFAULT_IMPLEMENTATION_ID_HEX);
        private int lifecycle = LIFECYCLE_SECURED;
        private String certificationReference = DEFAULT_CERTIFICATION_REFERENCE;
        private String verificationService = DEFAULT_VERIFICATION_SERVICE;

        private Builder() {
        }

        public Builder profile(AttestationProfile p) {
            this.profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        public Builder derivation(TfmProfile p) {
            this.derivation = Objects.requireNonNull(p, "derivation");
            return this;
        }

        /** Exactly 32 bytes. */
        public Builder implementationId(byte[] id) {
            if (id.length != AttestationClaims.IMPLEMENTATION_ID_SIZE) {
                throw new IllegalArgumentException("the implementation id is " + AttestationClaims.IMPLEMENTATION_ID_SIZE
                        + " bytes, got " + id.length);
            }
            this.implementationId = id.clone();
            return this;
        }

        /** A 16-bit lifecycle value; its high byte must be a defined state (0x00, 0x10 … 0x60). */
        public Builder lifecycle(int value) {
            if (!Lifecycle.isValid(value)) {
                throw new IllegalArgumentException("not a PSA security lifecycle value: 0x" + Integer.toHexString(value));
            }
            this.lifecycle = value;
            return this;
        }

        /** An EAN-13, optionally with a 5-digit extension ({@code 1234567890123-12345}); empty to omit the claim. */
        public Builder certificationReference(Optional<String> ref) {
            ref.ifPresent(r -> {
                if (!Lifecycle.isCertificationReference(r)) {
                    throw new IllegalArgumentException("certification reference must be 13 digits, optionally "
                            + "followed by '-' and 5 digits: " + r);
                }
            });
            this.certificationReference = ref.orElse(null);
            return this;
        }

        /** The verification service indicator (a URL); empty to omit the claim. */
        public Builder verificationService(Optional<String> indicator) {
            this.verificationService = indicator.orElse(null);
            return this;
        }

        public AttestationConfig build() {
            return new AttestationConfig(this);
        }
    }
}

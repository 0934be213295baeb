package io.github.cai4j.attestation;

import java.util.List;

/**
 * The claim sets a PSA attestation token can be written in ({@code spec/cose.md} §8, RFC 9783): the current
 * profile with EAT / CWT claim keys, and the 2019 legacy profile ({@code PSA_IOT_PROFILE_1}) with keys from the
 * private-use range −75000…−75010. The claim meanings are the same; the keys, the profile value and the set of
 * mandatory claims differ.
 */
public enum AttestationProfile {
    /**
     * {@code tag:psacertified.org,2023:psa#tfm}: nonce 10, instance id 256, profile 265, client id 2394, lifecycle
     * 2395, implementation id 2396, boot seed 2397, certification reference 2398, software components 2399,
     * verification service 2400. Mandatory: profile, client id, lifecycle, implementation id, software components,
     * nonce, instance id.
     */
    PSA_2023("tag:psacertified.org,2023:psa#tfm", List.of(), 265, 2394, 2395, 2396, 2397, 2398, 2399, 0, 10, 256,
            2400),
    /**
     * The 2019 legacy profile ({@code PSA_IOT_PROFILE_1}, named {@code tag:psacertified.org,2019:psa#legacy} by
     * RFC 9783): keys −75000…−75010. Mandatory: client id, lifecycle, implementation id, boot seed (32 bytes),
     * nonce, instance id, and either software components or the no-software-measurements claim (−75007). The
     * profile claim is optional; this model writes {@code PSA_IOT_PROFILE_1}, as TF-M's legacy builds do.
     */
    PSA_IOT_1("PSA_IOT_PROFILE_1", List.of("tag:psacertified.org,2019:psa#legacy"), -75000, -75001, -75002, -75003,
            -75004, -75005, -75006, -75007, -75008, -75009, -75010);

    private final String profileValue;
    private final List<String> alternativeValues;
    private final int profileKey;
    private final int clientIdKey;
    private final int lifecycleKey;
    private final int implementationIdKey;
    private final int bootSeedKey;
    private final int certificationReferenceKey;
    private final int softwareComponentsKey;
    private final int noSoftwareMeasurementsKey;
    private final int nonceKey;
    private final int instanceIdKey;
    private final int verificationServiceKey;

    AttestationProfile(String profileValue, List<String> alternativeValues, int profileKey, int clientIdKey,
            int lifecycleKey, int implementationIdKey, int bootSeedKey, int certificationReferenceKey,
            int softwareComponentsKey, int noSoftwareMeasurementsKey, int nonceKey, int instanceIdKey,
            int verificationServiceKey) {
        this.profileValue = profileValue;
        this.alternativeValues = alternativeValues;
        this.profileKey = profileKey;
        this.clientIdKey = clientIdKey;
        this.lifecycleKey = lifecycleKey;
        this.implementationIdKey = implementationIdKey;
        this.bootSeedKey = bootSeedKey;
        this.certificationReferenceKey = certificationReferenceKey;
        this.softwareComponentsKey = softwareComponentsKey;
        this.noSoftwareMeasurementsKey = noSoftwareMeasurementsKey;
        this.nonceKey = nonceKey;
        this.instanceIdKey = instanceIdKey;
        this.verificationServiceKey = verificationServiceKey;
    }

    /** The value this model writes into the profile claim. */
    public String profileValue() {
        return profileValue;
    }

    /** {@code true} if {@code value} names this profile in a token's profile claim. */
    public boolean isProfileValue(String value) {
        return profileValue.equals(value) || alternativeValues.contains(value);
    }

    /** {@code true} if the profile claim is mandatory in this profile. */
    public boolean profileClaimMandatory() {
        return this == PSA_2023;
    }

    /** {@code true} if the boot seed claim is mandatory in this profile. */
    public boolean bootSeedMandatory() {
        return this == PSA_IOT_1;
    }

    public int profileKey() {
        return profileKey;
    }

    public int clientIdKey() {
        return clientIdKey;
    }

    public int lifecycleKey() {
        return lifecycleKey;
    }

    public int implementationIdKey() {
        return implementationIdKey;
    }

    public int bootSeedKey() {
        return bootSeedKey;
    }

    /** The certification reference (current profile) / hardware version (legacy profile) claim. */
    public int certificationReferenceKey() {
        return certificationReferenceKey;
    }

    public int softwareComponentsKey() {
        return softwareComponentsKey;
    }

    /** The legacy no-software-measurements claim (−75007); 0 in the current profile, which has none. */
    public int noSoftwareMeasurementsKey() {
        return noSoftwareMeasurementsKey;
    }

    public int nonceKey() {
        return nonceKey;
    }

    public int instanceIdKey() {
        return instanceIdKey;
    }

    public int verificationServiceKey() {
        return verificationServiceKey;
    }
}

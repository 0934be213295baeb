package io.github.cai4j.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.attestation.AttestationClaims;
import io.github.cai4j.attestation.AttestationVerifier;
import io.github.cai4j.attestation.SoftwareComponent;
import io.github.cai4j.attestation.VerificationResult;
import io.github.cai4j.attestation.aat.ApplicationAttestationToken;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.FactoryImages;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.inference.service.InferenceServices;
import io.github.cai4j.inference.tooling.SineModels;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cloud learns which firmware and which model produced results: PSA token and application token. */
class AttestationScenarioTest {

    private static AttestationClaims attest(Device device, byte[] challenge) throws Exception {
        byte[] token = device.nonSecure().attestation().getToken(challenge);
        byte[] iak = device.nonSecure().attestation().attestationPublicKey();
        VerificationResult r = AttestationVerifier.builderFromPoint(iak).build().verify(token, challenge);
        assertTrue(r.valid(), r::toString);
        return r.claims().orElseThrow();
    }

    @Test
    void tokenNamesTheBootedModelAndFollowsAModelUpdate() throws Exception {
        byte[] challenge = new byte[48];
        new SecureRandom().nextBytes(challenge);
        Device device = Device.boot();
        AttestationClaims before = attest(device, challenge);
        SoftwareComponent model = before.softwareComponent("tflm-model").orElseThrow();
        byte[] measured = device.measurements().get(2).measurement();
        assertArrayEquals(measured, model.measurement());

        E2e.stageModel(device, FactoryImages.sign(SineModels.generate(21).int8Model(), "1.3.0", false, false,
                new SecureRandom()));
        device = device.reboot();
        AttestationClaims after = attest(device, challenge);
        SoftwareComponent updated = after.softwareComponent("tflm-model").orElseThrow();
        assertNotEquals(java.util.HexFormat.of().formatHex(model.measurement()),
                java.util.HexFormat.of().formatHex(updated.measurement()));
        assertEquals("1.3.0", updated.version());
        device.close();
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void applicationTokenVerifiesWithTheCoseKeyAndNamesTheModels(TfmProfile profile) throws Exception {
        try (Device device = Device.boot(DeviceConfig.builder().profile(profile).build())) {
            byte[] token = device.nonSecure().applicationAttestationToken();
            EcdsaVerifier key = EcdsaVerifier.of(device.nonSecure().keys().publicKey(DeviceKey.COSE).toJca());
            ApplicationAttestationToken aat = ApplicationAttestationToken.verify(token, key).orElseThrow();
            assertEquals(InferenceServices.TFLM_VERSION, aat.tflmVersion());
            assertEquals(InferenceServices.modelVersion(SineModels.shippedInt8()), aat.tflmModelVersion());
            assertEquals(InferenceServices.modelVersion(SineModels.shippedFloat()), aat.utvmModelVersion());
        }
    }
}

package io.github.cai4j.attestation.aat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.key.Curve;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.HukDerivClient;
import io.github.cai4j.huk.HukDerivConfig;
import io.github.cai4j.huk.HukDerivPartition;
import io.github.cai4j.huk.HukServices;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import org.junit.jupiter.api.Test;

/**
 * The HUK partition's {@code TFM_HUK_COSE_AAT_SIGN} service (TF-M 1.7+) signs exactly the claims this module encodes,
 * and this module's verifier accepts its tokens with the device key 0x5002.
 */
class AatInteropTest {
    private static final ApplicationAttestationToken FIRMWARE = new ApplicationAttestationToken(
            "c2018a7bf84364cc743491a52b41248497569e03", "27036dd122bc82da54fc0f2d7d99497b", "0.9.dev0",
            "b8085238f6e790f25de393e203136776");

    /** Stands in for the AAT partition (0x4c690500): a secure caller of the HUK partition's AAT service. */
    private static final class AatCaller implements SecurePartition {
        byte[] token;

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("TFM_SP_AAT", 0x4c690500)
                    .service(ServiceManifest.connectionBased("TFM_AAT_SERVICE", 0x4c690501, true))
                    .dependsOn(HukServices.SID_AAT).build();
        }

        @Override
        public void init(PartitionContext context) throws PsaException {
            token = new HukDerivClient(context.client(), TfmProfile.TFM_1_7).signAat(FIRMWARE.tflmVersion(),
                    FIRMWARE.tflmModelVersion(), FIRMWARE.utvmVersion(), FIRMWARE.utvmModelVersion(), 512);
        }

        @Override
        public int handle(Message message) {
            return PsaStatus.SUCCESS.value();
        }
    }

    @Test
    void hukPartitionTokensVerifyHere() throws Exception {
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new CryptoPartition(HukSource.dummy()));
        gate.register(new HukDerivPartition(HukDerivConfig.of(TfmProfile.TFM_1_7).withNvCounters(false)));
        AatCaller caller = new AatCaller();
        gate.register(caller);
        gate.start();
        byte[] point = new HukDerivClient(gate.nonSecureClient(), TfmProfile.TFM_1_7)
                .exportPublicKey(HukServices.KEY_ID_COSE).uncompressedPoint();
        assertEquals(FIRMWARE.signedLength(), caller.token.length);
        assertArrayEquals(FIRMWARE.encodePayload(), FirmwareSign1.decodeStrict(caller.token).payload().orElseThrow());
        assertEquals(FIRMWARE, ApplicationAttestationToken.verify(caller.token, EcdsaVerifier.of(Curve.P_256, point))
                .orElseThrow());
        byte[] flipped = caller.token.clone();
        flipped[flipped.length - 1] ^= 1;
        assertTrue(ApplicationAttestationToken.verify(flipped, EcdsaVerifier.of(Curve.P_256, point)).isEmpty());
    }
}

package io.github.cai4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FlowDecryptor;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.inference.service.SineModel;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** COSE_Encrypt0 results to a cloud key pair: one session key message per boot, then records. */
class EncryptedResultsScenarioTest {

    @Test
    void cloudDecryptsEveryRecordAndRefusesAForeignSession() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair cloud = g.generateKeyPair();
        try (Device device = Device.boot(DeviceConfig.builder()
                .cloudPublicKey((ECPublicKey) cloud.getPublic()).build())) {
            FlowDecryptor decryptor = FlowDecryptor.of(CoseKey.fromKeyPair(cloud), EcdsaVerifier.of(
                    device.nonSecure().keys().publicKey(DeviceKey.COSE).toJca()));
            InferenceClient inference = device.nonSecure().inference();
            int sessions = 0;
            for (int deg = 0; deg < 5; deg++) {
                byte[] encoded = inference.inferRaw(SineModel.TFLM_SINE.sid(), EncodingFormat.COSE_ENCRYPT0.value(),
                        SineModel.TFLM_SINE.modelName(), InferenceClient.radians(deg), 1024);
                CBORObject[] items = CBORObject.DecodeSequenceFromBytes(encoded);
                if (items.length == 2) {
                    assertTrue(decryptor.acceptKeyMessage(items[0].EncodeToBytes()).isPresent());
                    sessions++;
                }
                Optional<byte[]> plain = decryptor.decrypt(items[items.length - 1].EncodeToBytes());
                assertTrue(plain.isPresent(), "record " + deg + " did not decrypt");
                float value = FirmwarePayload.decode(plain.get()).value();
                float direct = inference.inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, deg).value();
                assertEquals(direct, value, "the decrypted value is the model's output");
            }
            assertEquals(1, sessions, "one session key message per boot");

            // A cloud that never saw the key message cannot decrypt the records.
            FlowDecryptor stranger = FlowDecryptor.of(CoseKey.fromKeyPair(cloud), EcdsaVerifier.of(
                    device.nonSecure().keys().publicKey(DeviceKey.COSE).toJca()));
            byte[] record = inference.inferRaw(SineModel.TFLM_SINE.sid(), EncodingFormat.COSE_ENCRYPT0.value(),
                    SineModel.TFLM_SINE.modelName(), InferenceClient.radians(7), 1024);
            CBORObject[] items = CBORObject.DecodeSequenceFromBytes(record);
            byte[] last = items[items.length - 1].EncodeToBytes();
            assertThrows(CoseException.class, () -> stranger.decrypt(last), "a record of an unknown session");
        }
    }
}

package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FlowDecryptor;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** COSE_Encrypt0 beyond the firmware: the "flow" session scheme to a provisioned cloud key (§5.6). */
class FlowEncrypt0Test {
    private static final float VALUE = Float.intBitsToFloat(0x3e503542);

    private static CBORObject[] items(byte[] sequence) {
        return CBORObject.DecodeSequenceFromBytes(sequence);
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void recordsDecryptInTheCloud(TfmProfile p) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair cloud = g.generateKeyPair();
        // FIRMWARE_EXACT writes no PS object before the 100th value (protected storage cannot write under TFM_1_6 yet)
        HukDerivConfig config = HukDerivConfig.of(p).withCloudPublicKey((ECPublicKey) cloud.getPublic())
                .withCounterMode(io.github.cai4j.nvcounter.NvCounters.Mode.FIRMWARE_EXACT);
        TestDevice d = TestDevice.boot(config);
        DevicePublicKey device = d.client().exportPublicKey(HukServices.KEY_ID_COSE);
        FlowDecryptor cloudSide = FlowDecryptor.of(CoseKey.fromPrivateKey(cloud.getPrivate(), cloud.getPublic()),
                EcdsaVerifier.of(device.toJca()));

        // too small for the session-key message and the record: refused, the key message is kept for later
        PsaException small = assertThrows(PsaException.class,
                () -> d.encodeViaSecureCaller(VALUE, EncodingFormat.COSE_ENCRYPT0.value(), 200));
        assertTrue(small.is(PsaStatus.ERROR_BUFFER_TOO_SMALL));

        byte[] first = d.encodeViaSecureCaller(VALUE, EncodingFormat.COSE_ENCRYPT0.value(), 1024);
        CBORObject[] seq = items(first);
        assertEquals(2, seq.length);
        assertEquals(0xd2, seq[0].EncodeToBytes()[0] & 0xff);
        assertEquals(0xd0, seq[1].EncodeToBytes()[0] & 0xff);
        assertTrue(cloudSide.acceptKeyMessage(seq[0].EncodeToBytes()).isPresent());
        assertArrayEquals(FirmwarePayload.encodeCbor(VALUE, 0, 2),
                cloudSide.decrypt(seq[1].EncodeToBytes()).orElseThrow());

        byte[] second = d.encodeViaSecureCaller(VALUE, EncodingFormat.COSE_ENCRYPT0.value(), 256);
        assertEquals(1, items(second).length);
        assertEquals(0xd0, second[0] & 0xff);
        assertArrayEquals(FirmwarePayload.encodeCbor(VALUE, 0, 3), cloudSide.decrypt(second).orElseThrow());

        // a key message signed by another device's key is not accepted
        TestDevice other = TestDevice.boot(new byte[32], config);
        CBORObject[] foreign = items(other.encodeViaSecureCaller(VALUE, EncodingFormat.COSE_ENCRYPT0.value(), 1024));
        assertTrue(cloudSide.acceptKeyMessage(foreign[0].EncodeToBytes()).isEmpty());
    }
}

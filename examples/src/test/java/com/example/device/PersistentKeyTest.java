package com.example.device;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.device.junit.DeviceUnderTest;
import io.github.cai4j.device.junit.SimulatedDevice;
import org.junit.jupiter.api.Test;

@SimulatedDevice
class PersistentKeyTest {

    @Test
    void aProvisionedKeySignsAfterAPowerCut(DeviceUnderTest dut) throws Exception {
        KeyAttributes attrs = KeyAttributes.builder().id(0x2001).type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
        dut.nonSecure().crypto().generateKey(attrs);
        dut.powerCutAndReboot();
        CryptoClient crypto = dut.nonSecure().crypto();
        byte[] hash = new byte[32];
        byte[] sig = crypto.signHash(0x2001, PsaAlgorithm.ECDSA_SHA_256, hash);
        assertTrue(crypto.verifyHash(0x2001, PsaAlgorithm.ECDSA_SHA_256, hash, sig));
    }
}

package io.github.cai4j.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.FaultMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Persistent keys of the non-secure world live in ITS (sealed by crypto-service) and survive reboots. */
class PersistentKeysTest {
    private static final int ID = 0x2001;
    private static final byte[] HASH = new byte[32];

    private static KeyAttributes signing() {
        return KeyAttributes.builder().id(ID).type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                .usage(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH).algorithm(PsaAlgorithm.ECDSA_SHA_256).build();
    }

    @Test
    void aKeyGeneratedBeforeARebootSignsAfterIt() throws Exception {
        Device device = Device.boot();
        CryptoClient crypto = device.nonSecure().crypto();
        assertEquals(ID, crypto.generateKey(signing()));
        byte[] pub = crypto.exportPublicKey(ID);
        device = device.reboot();
        CryptoClient after = device.nonSecure().crypto();
        assertArrayEquals(pub, after.exportPublicKey(ID));
        byte[] sig = after.signHash(ID, PsaAlgorithm.ECDSA_SHA_256, HASH);
        assertTrue(after.verifyHash(ID, PsaAlgorithm.ECDSA_SHA_256, HASH, sig));
        after.destroyKey(ID);
        device = device.reboot();
        CryptoClient gone = device.nonSecure().crypto();
        PsaException e = assertThrows(PsaException.class, () -> gone.exportPublicKey(ID));
        assertEquals(PsaStatus.ERROR_INVALID_HANDLE.value(), e.statusValue());
        device.close();
    }

    @Test
    void aKeyInAFlashDirectoryIsThereForTheNextDevice(@TempDir Path dir) throws Exception {
        DeviceConfig config = DeviceConfig.builder().flashDirectory(dir).build();
        byte[] pub;
        try (Device first = Device.boot(config)) {
            first.nonSecure().crypto().generateKey(signing());
            pub = first.nonSecure().crypto().exportPublicKey(ID);
        }
        try (Device second = Device.boot(config)) {
            assertArrayEquals(pub, second.nonSecure().crypto().exportPublicKey(ID));
        }
    }

    /**
     * A power cut at every flash operation of a persistent key's creation: after the reboot the key either exists
     * and works or does not exist and can be created; the device keeps working either way.
     */
    @ParameterizedTest
    @EnumSource(value = FaultMode.class, names = {"POWER_LOSS_BEFORE", "POWER_LOSS_AFTER", "TORN_WRITE"})
    void aPowerCutWhileAKeyIsStoredLeavesItWholeOrAbsent(FaultMode mode) throws Exception {
        int created = 0;
        int absent = 0;
        int cuts = 0;
        for (long k = 1; k <= 200; k++) {
            Device device = Device.boot();
            device.armPowerCut(k, mode);
            boolean acknowledged;
            try {
                device.nonSecure().crypto().generateKey(signing());
                acknowledged = true;
            } catch (PsaException e) {
                acknowledged = false;
            }
            if (!device.flash().isPoweredOff()) {
                // the whole creation ran before the armed operation: nothing more to learn from larger k
                assertTrue(acknowledged, "no cut, yet the key was refused (k = " + k + ")");
                device.close();
                break;
            }
            cuts++;
            device = device.reboot();
            CryptoClient crypto = device.nonSecure().crypto();
            try {
                byte[] sig = crypto.signHash(ID, PsaAlgorithm.ECDSA_SHA_256, HASH);
                assertTrue(crypto.verifyHash(ID, PsaAlgorithm.ECDSA_SHA_256, HASH, sig), "cut at " + k);
                created++;
            } catch (PsaException e) {
                assertEquals(PsaStatus.ERROR_INVALID_HANDLE.value(), e.statusValue(), "cut at " + k + ": " + e);
                assertTrue(!acknowledged, "an acknowledged key was lost (cut at " + k + ")");
                assertEquals(ID, crypto.generateKey(signing()), "cut at " + k);
                absent++;
            }
            device.close();
        }
        String counts = mode + ": " + cuts + " cuts, key present after " + created + ", absent after " + absent;
        assertTrue(cuts > 2 && cuts < 200, counts);
        assertTrue(absent > 0, counts);
        if (mode == FaultMode.POWER_LOSS_AFTER) {
            assertTrue(created > 0, "a cut right after the commit keeps the key: " + counts);
        }
    }
}

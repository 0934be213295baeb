package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.platform.PlatformLog;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HukDerivConfigTest {
    @Test
    void defaultsAndValidation() {
        HukDerivConfig d = HukDerivConfig.defaults();
        assertEquals(TfmProfile.TFM_1_7, d.profile());
        assertEquals(0x4c690100, d.partitionId());
        assertEquals("", d.labelExtra());
        assertTrue(d.nvCountersEnabled());
        assertTrue(d.cloudPublicKey().isEmpty());
        assertEquals("123456789012345", d.withLabelExtra("123456789012345").labelExtra());
        assertThrows(IllegalArgumentException.class, () -> d.withLabelExtra("1234567890123456"));
        assertThrows(IllegalArgumentException.class, () -> d.withLabelExtra("é"));
        assertThrows(IllegalArgumentException.class, () -> d.withPartitionId(0));
        assertThrows(IllegalArgumentException.class, () -> d.withPartitionId(-1));
    }

    @Test
    void cliForms() {
        assertEquals(TfmProfile.TFM_1_6, HukDerivConfig.parseTfmVersion("1.6"));
        assertEquals(TfmProfile.TFM_1_7, HukDerivConfig.parseTfmVersion("1.7"));
        assertThrows(IllegalArgumentException.class, () -> HukDerivConfig.parseTfmVersion("2.0"));
        assertEquals(258, HukDerivConfig.parsePartitionId("258"));
        assertEquals(0x4c690100, HukDerivConfig.parsePartitionId("0x4c690100"));
        assertThrows(IllegalArgumentException.class, () -> HukDerivConfig.parsePartitionId("0x"));
        assertThrows(IllegalArgumentException.class, () -> HukDerivConfig.parsePartitionId("-5"));
        assertThrows(IllegalArgumentException.class, () -> HukDerivConfig.parsePartitionId("0x1ffffffff"));
    }

    /** Nothing secret in any toString: no HUK bytes, no private scalar. */
    @Test
    void toStringsHoldNoKeyMaterial() throws Exception {
        HukDerivConfig config = HukDerivConfig.defaults().withNvCounters(false);
        TestDevice d = TestDevice.boot(config);
        DeviceKeys keys = DeviceKeys.initialise(d.ns(), config, PlatformLog.discard());
        String huk = HexFormat.of().formatHex(TestVectors.dummyHuk());
        String cose = HexFormat.of().formatHex(ReferenceDerivation.unsigned32(ReferenceDerivation.ecKey(
                TestVectors.dummyHuk(), false, config.partitionId(), "HUK_COSE", "")));
        String tls = HexFormat.of().formatHex(ReferenceDerivation.unsigned32(ReferenceDerivation.ecKey(
                TestVectors.dummyHuk(), false, -1, "HUK_CLIENT_TLS", "")));
        for (Object o : new Object[] {keys, d.huk, keys.hukClient(), keys.publicKey(DeviceKey.COSE), keys.csr(
                DeviceKey.CLIENT_TLS), config}) {
            String s = o.toString().toLowerCase(java.util.Locale.ROOT);
            assertFalse(s.contains(huk.substring(0, 16)), o.getClass().getSimpleName());
            assertFalse(s.contains(cose.substring(0, 16)), o.getClass().getSimpleName());
            assertFalse(s.contains(tls.substring(0, 16)), o.getClass().getSimpleName());
        }
        for (String line : d.log.lines()) {
            assertFalse(line.toLowerCase(java.util.Locale.ROOT).contains(cose.substring(0, 16)));
        }
    }
}

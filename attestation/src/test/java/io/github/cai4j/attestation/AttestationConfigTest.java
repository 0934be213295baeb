package io.github.cai4j.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The partition's configuration validates what it will put into tokens. */
class AttestationConfigTest {

    @Test
    void defaultsAreTfmTemplateValues() {
        AttestationConfig c = AttestationConfig.defaults();
        assertEquals(AttestationProfile.PSA_2023, c.profile());
        assertEquals(Lifecycle.SECURED, c.lifecycle());
        assertEquals(AttestationConfig.DEFAULT_IMPLEMENTATION_ID_HEX, HexFormat.of().formatHex(c.implementationId()));
        assertEquals(Optional.of("0604565272829-10010"), c.certificationReference());
        assertEquals(Optional.of("www.trustedfirmware.org"), c.verificationService());
        assertEquals(c.toString(), c.toBuilder().build().toString());
    }

    @Test
    void invalidValuesAreRefused() {
        AttestationConfig.Builder b = AttestationConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.implementationId(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> b.lifecycle(0x7000));
        assertThrows(IllegalArgumentException.class, () -> b.lifecycle(0x3100));
        assertThrows(IllegalArgumentException.class, () -> b.lifecycle(-1));
        assertThrows(IllegalArgumentException.class, () -> b.certificationReference(Optional.of("123")));
        assertThrows(IllegalArgumentException.class,
                () -> b.certificationReference(Optional.of("1234567890123+12345")));
        AttestationConfig c = b.lifecycle(0x20ff).certificationReference(Optional.of("1234567890123"))
                .verificationService(Optional.empty()).build();
        assertEquals(0x20ff, c.lifecycle());
        assertTrue(c.verificationService().isEmpty());
    }

    @Test
    void lifecycleStates() {
        int valid = 0;
        for (int v = 0; v <= 0xffff; v++) {
            if (Lifecycle.isValid(v)) {
                valid++;
            }
        }
        assertEquals(7 * 256, valid);
        assertTrue(Lifecycle.isValid(Lifecycle.DECOMMISSIONED + 0xff));
        assertFalse(Lifecycle.isValid(0x6100));
        assertFalse(Lifecycle.isValid(0x10000));
    }
}

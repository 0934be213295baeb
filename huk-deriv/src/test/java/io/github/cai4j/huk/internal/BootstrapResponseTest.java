package io.github.cai4j.huk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BootstrapResponseTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void certificateOfAWellFormedResponse() throws Exception {
        // {1: 0, 2: h'3082'} and the status value is not interpreted: {1: 7, 2: ...}
        assertArrayEquals(HEX.parseHex("3082"), BootstrapResponse.certificate(HEX.parseHex("a2010002423082")));
        assertArrayEquals(HEX.parseHex("3082"), BootstrapResponse.certificate(HEX.parseHex("a2010702423082")));
        // key order and extra entries do not matter
        assertArrayEquals(HEX.parseHex("30"), BootstrapResponse.certificate(HEX.parseHex("a3024130010003f6")));
    }

    @Test
    void malformedResponsesAreInvalidArgument() {
        String[] bad = {"", "ff", "80", "a0", "a10100", "a1024130", "a2012002423082", "a20100024130ff",
            "a2016161024130", "a2010002633082ff", "a201000240", "a2010002c24130", "a201000241", "a2010101024130"};
        int n = 0;
        for (String b : bad) {
            PsaException e = assertThrows(PsaException.class, () -> BootstrapResponse.certificate(HEX.parseHex(b)),
                    b);
            assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), e.statusValue(), b);
            n++;
        }
        assertEquals(14, n);
        assertTrue(assertThrows(PsaException.class, () -> BootstrapResponse.certificate(new byte[5000]))
                .is(PsaStatus.ERROR_INVALID_ARGUMENT));
    }

    @FuzzTest
    void decoding(byte[] data) {
        try {
            byte[] der = BootstrapResponse.certificate(data);
            assertTrue(der.length > 0);
        } catch (PsaException e) {
            assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(), e.statusValue());
        }
    }
}

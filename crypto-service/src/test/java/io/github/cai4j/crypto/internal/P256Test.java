package io.github.cai4j.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The PSA Weierstrass draw rule at its boundaries, and public point validation. */
class P256Test {

    @Test
    void drawRuleAcceptsUpToNMinus2AndAddsOne() {
        BigInteger n = P256.N;
        assertEquals(BigInteger.ONE, P256.scalarFromDraw(new byte[32]));
        assertEquals(n.subtract(BigInteger.ONE), P256.scalarFromDraw(P256.scalarBytes(n.subtract(BigInteger.TWO))));
        assertNull(P256.scalarFromDraw(P256.scalarBytes(n.subtract(BigInteger.ONE))));
        assertNull(P256.scalarFromDraw(P256.scalarBytes(n)));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertNull(P256.scalarFromDraw(ff));
    }

    @Test
    void publicPointValidation() throws PsaException {
        byte[] g = P256.encode(P256.DOMAIN.getG());
        assertEquals(P256.DOMAIN.getG().normalize(), P256.decodePublic(g));
        byte[] off = g.clone();
        off[64] ^= 1;
        assertEquals(PsaStatus.ERROR_INVALID_ARGUMENT.value(),
                assertThrows(PsaException.class, () -> P256.decodePublic(off)).statusValue());
        byte[] compressed = P256.DOMAIN.getG().getEncoded(true);
        assertThrows(PsaException.class, () -> P256.decodePublic(compressed));
        assertThrows(PsaException.class, () -> P256.decodePublic(new byte[65]));
        byte[] bigX = g.clone();
        java.util.Arrays.fill(bigX, 1, 33, (byte) 0xff);
        assertThrows(PsaException.class, () -> P256.decodePublic(bigX));
    }
}

package io.github.cai4j.cose.cwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.TestData;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CWT claims (RFC 8392) against the signed example of its Appendix A.3, read from the cose-wg Examples. */
class CwtClaimsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    @Test
    void signedCwtOfRfc8392AppendixA3() throws Exception {
        String json = Files.readString(TestData.dir("cose-examples").resolve("CWT/A_3.json"), StandardCharsets.UTF_8);
        CoseKey key = CoseKey.ec2(Curve.P_256, HEX.parseHex(field(json, "x_hex")), HEX.parseHex(field(json, "y_hex")),
                null);
        Sign1Message m = Sign1Message.decode(HEX.parseHex(field(json, "cbor").toLowerCase(java.util.Locale.ROOT)));
        assertTrue(m.verify(CoseVerifier.forKey(key)));
        byte[] payload = m.payload().orElseThrow();
        CwtClaims c = CwtClaims.decode(payload);
        assertEquals("coap://as.example.com", c.issuer().orElseThrow());
        assertEquals("erikw", c.subject().orElseThrow());
        assertEquals("coap://light.example.com", c.audience().orElseThrow());
        assertEquals(1444064944L, c.expiration().getAsLong());
        assertEquals(1443944944L, c.notBefore().getAsLong());
        assertEquals(1443944944L, c.issuedAt().getAsLong());
        assertArrayEquals(HEX.parseHex("0b71"), c.cwtId().orElseThrow());
        assertArrayEquals(payload, c.encode());
        assertTrue(c.isValidAt(Clock.fixed(Instant.ofEpochSecond(1444000000L), ZoneOffset.UTC), Duration.ZERO));
        assertFalse(c.isValidAt(Clock.fixed(Instant.ofEpochSecond(1444064944L), ZoneOffset.UTC), Duration.ZERO));
        assertFalse(c.isValidAt(Clock.fixed(Instant.ofEpochSecond(1443944900L), ZoneOffset.UTC), Duration.ZERO));
        assertTrue(c.isValidAt(Clock.fixed(Instant.ofEpochSecond(1443944900L), ZoneOffset.UTC),
                Duration.ofMinutes(1)));
    }

    @Test
    void typesAreChecked() {
        assertThrows(CoseException.class, () -> CwtClaims.decode(HEX.parseHex("a10101")));
        assertThrows(CoseException.class, () -> CwtClaims.decode(HEX.parseHex("a1046161")));
        CwtClaims only = new CwtClaims(Optional.of("i"), null, null, OptionalLong.of(5), null, null, null);
        assertEquals("a201616904" + "05", HEX.formatHex(only.encode()));
    }
}

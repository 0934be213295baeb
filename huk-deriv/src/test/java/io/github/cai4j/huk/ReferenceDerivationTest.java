package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The oracle itself against the vectors of {@code spec/firmware.md} §9 and RFC 5869, and the UUID formatting and
 * collision properties of §1.5.
 */
class ReferenceDerivationTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc5869TestCases1To3() {
        String[][] tc = {
            {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
            {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
                + "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
                "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f"
                + "909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
                "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
                + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
            {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
        };
        for (String[] t : tc) {
            byte[] okm = HEX.parseHex(t[3]);
            assertArrayEquals(okm, ReferenceDerivation.hkdf(HEX.parseHex(t[1]), HEX.parseHex(t[0]),
                    HEX.parseHex(t[2]), okm.length));
        }
        assertEquals(3, tc.length);
    }

    @Test
    void psaEccDerivationVectorOfSection9() {
        byte[] okm = ReferenceDerivation.hkdf(HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"),
                64);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5c0",
                HEX.formatHex(ReferenceDerivation.unsigned32(ReferenceDerivation.psaEccPrivateKey(okm))));
    }

    @Test
    void gen16UuidSaltIsPartitionIdThenLabel() {
        byte[] salt = ReferenceDerivation.concat(ReferenceDerivation.le32(HukServices.DEFAULT_PARTITION_ID),
                ReferenceDerivation.ascii("UUID"));
        assertEquals("0001694c55554944", HEX.formatHex(salt));
        assertEquals("ffffffff", HEX.formatHex(ReferenceDerivation.le32(-1)));
    }

    @Test
    void uuidFormatSetsVersionAndVariantBits() {
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertEquals("ffffffff-ffff-4fff-bfff-ffffffffffff", DeviceUuid.fromDerivedBytes(ones).value());
        assertEquals("00000000-0000-4000-8000-000000000000", DeviceUuid.fromDerivedBytes(new byte[16]).value());
        byte[] seq = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        assertEquals("00010203-0405-4607-8809-0a0b0c0d0e0f", DeviceUuid.fromDerivedBytes(seq).value());
        assertEquals("000102030405060708090a0b0c0d0e0f", HEX.formatHex(seq), "the input is not modified");
    }

    /** Different HUKs never collide: 10,000 random HUKs, both profiles, each a distinct UUID. */
    @Test
    void tenThousandRandomHuksGiveDistinctUuids() {
        SecureRandom random = new SecureRandom();
        Set<String> gen16 = new HashSet<>();
        Set<String> gen17 = new HashSet<>();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            byte[] huk = new byte[32];
            random.nextBytes(huk);
            gen16.add(ReferenceDerivation.uuid(huk, true, HukServices.DEFAULT_PARTITION_ID, ""));
            gen17.add(ReferenceDerivation.uuid(huk, false, HukServices.DEFAULT_PARTITION_ID, ""));
        }
        assertEquals(n, gen16.size());
        assertEquals(n, gen17.size());
    }

    @Test
    void eachInputChangesTheUuid() {
        byte[] huk = new byte[32];
        for (int i = 0; i < 32; i++) {
            huk[i] = (byte) (i & 0x0f);
        }
        Set<String> all = new HashSet<>();
        for (boolean tfm16 : new boolean[] {true, false}) {
            for (int pid : new int[] {HukServices.DEFAULT_PARTITION_ID, 258, 262}) {
                for (String extra : new String[] {"", "a", "LABEL_EXTRA_15C"}) {
                    String u = ReferenceDerivation.uuid(huk, tfm16, pid, extra);
                    assertTrue(all.add(u), "duplicate UUID " + u);
                }
            }
        }
        assertEquals(18, all.size());
        byte[] other = huk.clone();
        other[31] ^= 1;
        assertNotEquals(ReferenceDerivation.uuid(huk, false, 258, ""), ReferenceDerivation.uuid(other, false, 258, ""));
    }
}

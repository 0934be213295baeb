package io.github.cai4j.huk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CStringsTest {
    @Test
    void strtoulBase16() {
        String[][] cases = {
            {"5001", "20481"}, {"0x5001", "20481"}, {"0X5002", "20482"}, {"  5002", "20482"}, {"+5002", "20482"},
            {"5001zz", "20481"}, {"zz", "0"}, {"", "0"}, {"0x", "0"}, {"0xg", "0"}, {"-1", "4294967295"},
            {"ffffffff", "4294967295"}, {"100000000", "4294967295"}, {"abcdef", "11259375"}, {"\t0x05002", "20482"},
        };
        for (String[] c : cases) {
            assertEquals(Long.parseLong(c[1]), CStrings.strtoulHex(c[0]), "strtoul(\"" + c[0] + "\")");
        }
        assertEquals(15, cases.length);
    }
}

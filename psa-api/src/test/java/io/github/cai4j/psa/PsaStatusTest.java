package io.github.cai4j.psa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link PsaStatus} against the status-code table of {@code spec/mcuboot-psa.md} B4. */
class PsaStatusTest {

    /** B4 written out: every named code with its value (PSA Status code API 1.0.5 Table 4 plus Crypto/FWU). */
    private static final Object[][] B4 = {
        {"PSA_SUCCESS", 0},
        {"PSA_SUCCESS_REBOOT", 1},
        {"PSA_SUCCESS_RESTART", 2},
        {"PSA_ERROR_PROGRAMMER_ERROR", -129},
        {"PSA_ERROR_CONNECTION_REFUSED", -130},
        {"PSA_ERROR_CONNECTION_BUSY", -131},
        {"PSA_ERROR_GENERIC_ERROR", -132},
        {"PSA_ERROR_NOT_PERMITTED", -133},
        {"PSA_ERROR_NOT_SUPPORTED", -134},
        {"PSA_ERROR_INVALID_ARGUMENT", -135},
        {"PSA_ERROR_INVALID_HANDLE", -136},
        {"PSA_ERROR_BAD_STATE", -137},
        {"PSA_ERROR_BUFFER_TOO_SMALL", -138},
        {"PSA_ERROR_ALREADY_EXISTS", -139},
        {"PSA_ERROR_DOES_NOT_EXIST", -140},
        {"PSA_ERROR_INSUFFICIENT_MEMORY", -141},
        {"PSA_ERROR_INSUFFICIENT_STORAGE", -142},
        {"PSA_ERROR_INSUFFICIENT_DATA", -143},
        {"PSA_ERROR_SERVICE_FAILURE", -144},
        {"PSA_ERROR_COMMUNICATION_FAILURE", -145},
        {"PSA_ERROR_STORAGE_FAILURE", -146},
        {"PSA_ERROR_HARDWARE_FAILURE", -147},
        {"PSA_ERROR_INSUFFICIENT_ENTROPY", -148},
        {"PSA_ERROR_INVALID_SIGNATURE", -149},
        {"PSA_ERROR_INVALID_PADDING", -150},
        {"PSA_ERROR_CORRUPTION_DETECTED", -151},
        {"PSA_ERROR_DATA_CORRUPT", -152},
        {"PSA_ERROR_DATA_INVALID", -153},
        {"PSA_ERROR_DEPENDENCY_NEEDED", -156},
        {"PSA_ERROR_FLASH_ABUSE", -160},
        {"PSA_ERROR_INSUFFICIENT_POWER", -161},
        {"PSA_OPERATION_INCOMPLETE", -248},
    };

    private static Map<String, Integer> table() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Object[] row : B4) {
            assertTrue(m.put((String) row[0], (Integer) row[1]) == null, "duplicate row " + row[0]);
        }
        return m;
    }

    @Test
    void everyTableRowHasItsConstantWithTheExactValue() {
        Map<String, Integer> table = table();
        int checked = 0;
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            PsaStatus s = constantNamed(e.getKey());
            assertEquals(e.getValue().intValue(), s.value(), e.getKey());
            assertEquals(Optional.of(s), PsaStatus.fromValue(e.getValue()), "fromValue(" + e.getValue() + ")");
            checked++;
        }
        assertEquals(32, checked);
    }

    @Test
    void everyConstantIsInTheTable() {
        Map<String, Integer> table = table();
        Set<Integer> values = new java.util.HashSet<>();
        for (PsaStatus s : PsaStatus.values()) {
            Integer expected = table.get(s.cName());
            assertTrue(expected != null, s.cName() + " is not in the B4 table");
            assertEquals(expected.intValue(), s.value(), s.cName());
            assertTrue(values.add(s.value()), "value " + s.value() + " used twice");
        }
        assertEquals(table.size(), PsaStatus.values().length);
    }

    @Test
    void fwuSuccessCodes() {
        assertEquals(1, PsaStatus.SUCCESS_REBOOT.value());
        assertEquals(2, PsaStatus.SUCCESS_RESTART.value());
        assertTrue(PsaStatus.SUCCESS_REBOOT.isSuccess());
        assertTrue(PsaStatus.SUCCESS_RESTART.isSuccess());
        assertTrue(PsaStatus.SUCCESS.isSuccess());
        for (PsaStatus s : PsaStatus.values()) {
            assertEquals(s.value() >= 0, s.isSuccess(), s.cName());
        }
    }

    @Test
    void cNameIsLocaleIndependent() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("PSA_ERROR_INVALID_ARGUMENT", PsaStatus.ERROR_INVALID_ARGUMENT.cName());
            assertEquals("PSA_ERROR_INVALID_ARGUMENT (-135)", PsaStatus.describe(-135));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void serviceSpecificAndReservedValuesHaveNoConstant() {
        Set<Integer> named = new java.util.HashSet<>(table().values());
        int checked = 0;
        for (int v = -600; v <= 40; v++) {
            Optional<PsaStatus> s = PsaStatus.fromValue(v);
            assertEquals(named.contains(v), s.isPresent(), "fromValue(" + v + ")");
            String d = PsaStatus.describe(v);
            assertTrue(d.endsWith("(" + v + ")"), d);
            String expectedPrefix;
            if (named.contains(v)) {
                expectedPrefix = s.orElseThrow().cName();
            } else if (v > 0) {
                expectedPrefix = "API-specific success";
            } else if (v >= -128 || v <= -257) {
                expectedPrefix = "RoT-service specific";
            } else if (v >= -256 && v <= -249) {
                expectedPrefix = "SPM-reserved";
            } else {
                expectedPrefix = "reserved";
            }
            assertTrue(d.startsWith(expectedPrefix), v + " -> " + d);
            checked++;
        }
        assertEquals(641, checked);
        assertEquals("RoT-service specific status (" + Integer.MIN_VALUE + ")", PsaStatus.describe(Integer.MIN_VALUE));
        assertEquals("API-specific success (" + Integer.MAX_VALUE + ")", PsaStatus.describe(Integer.MAX_VALUE));
        // range edges
        assertEquals("RoT-service specific status (-1)", PsaStatus.describe(-1));
        assertEquals("RoT-service specific status (-128)", PsaStatus.describe(-128));
        assertEquals("reserved status (-154)", PsaStatus.describe(-154));
        assertEquals("SPM-reserved status (-249)", PsaStatus.describe(-249));
        assertEquals("SPM-reserved status (-256)", PsaStatus.describe(-256));
        assertEquals("RoT-service specific status (-257)", PsaStatus.describe(-257));
    }

    @Test
    void psaExceptionCarriesTheExactStatus() {
        PsaException e = new PsaException(PsaStatus.ERROR_DOES_NOT_EXIST);
        assertEquals(-140, e.statusValue());
        assertTrue(e.is(PsaStatus.ERROR_DOES_NOT_EXIST));
        assertFalse(e.is(PsaStatus.ERROR_GENERIC_ERROR));
        assertEquals(Optional.of(PsaStatus.ERROR_DOES_NOT_EXIST), e.status());

        PsaException specific = new PsaException(-7, "service said no");
        assertEquals(-7, specific.statusValue());
        assertEquals(Optional.empty(), specific.status());
        assertTrue(specific.getMessage().contains("service said no"), specific.getMessage());
        assertTrue(specific.getMessage().contains("-7"), specific.getMessage());

        PsaException withCause = new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "flash", new IOException("x"));
        assertEquals(-146, withCause.statusValue());
        assertTrue(withCause.getCause() instanceof IOException);

        assertEquals(0, assertDoesNotThrowCheck(0));
        assertEquals(5, assertDoesNotThrowCheck(5));
        PsaException thrown = assertThrows(PsaException.class, () -> PsaException.check(-135, "decode"));
        assertEquals(-135, thrown.statusValue());
        assertTrue(thrown.getMessage().startsWith("decode"), thrown.getMessage());
    }

    private static int assertDoesNotThrowCheck(int v) {
        try {
            return PsaException.check(v, "ok");
        } catch (PsaException e) {
            return fail("check(" + v + ") threw " + e);
        }
    }

    @Test
    void callResultOrThrow() throws PsaException {
        CallResult ok = new CallResult(3, new int[] {1, 2});
        assertTrue(ok.isSuccess());
        assertEquals(ok, ok.orThrow("x"));
        assertEquals(2, ok.outCount());
        assertEquals(2, ok.outLength(1));
        CallResult bad = CallResult.refused(PsaStatus.ERROR_PROGRAMMER_ERROR, 2);
        assertFalse(bad.isSuccess());
        assertEquals(0, bad.outLength(0));
        PsaException e = assertThrows(PsaException.class, () -> bad.orThrow("call"));
        assertTrue(e.is(PsaStatus.ERROR_PROGRAMMER_ERROR));
        assertTrue(bad.toString().contains("PSA_ERROR_PROGRAMMER_ERROR"), bad.toString());
    }

    /**
     * Cross-checks the table above with the spec text itself, both ways, when the shared specs are present.
     */
    @Test
    void tableMatchesTheSpecText() throws IOException {
        Path spec = specFile();
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        int start = text.indexOf("### B4.");
        int end = text.indexOf("### B5.");
        assertTrue(start >= 0 && end > start, "B4 section not found in " + spec);
        String b4 = text.substring(start, end);
        Map<String, Integer> fromSpec = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\|\\s*(-?\\d+)\\s*\\|\\s*(PSA_[A-Z_]+)").matcher(b4);
        while (m.find()) {
            fromSpec.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        Matcher fwu = Pattern.compile("\\+(\\d+) (PSA_SUCCESS_[A-Z]+)").matcher(b4);
        while (fwu.find()) {
            fromSpec.put(fwu.group(2), Integer.parseInt(fwu.group(1)));
        }
        List<String> diffs = new ArrayList<>();
        Map<String, Integer> table = table();
        for (Map.Entry<String, Integer> e : fromSpec.entrySet()) {
            if (!e.getValue().equals(table.get(e.getKey()))) {
                diffs.add("spec " + e.getKey() + "=" + e.getValue() + ", test table " + table.get(e.getKey()));
            }
        }
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            if (!fromSpec.containsKey(e.getKey())) {
                diffs.add("test table " + e.getKey() + " is not in the spec");
            }
        }
        assertEquals(List.of(), diffs);
        assertEquals(32, fromSpec.size());
        Set<PsaStatus> all = EnumSet.allOf(PsaStatus.class);
        assertEquals(all.size(), fromSpec.size());
    }

    private static PsaStatus constantNamed(String cName) {
        for (PsaStatus s : PsaStatus.values()) {
            if (s.cName().equals(cName)) {
                return s;
            }
        }
        return fail("no PsaStatus constant for " + cName);
    }

    private static Path specFile() {
        String testdata = System.getProperty("cai4j.testdata");
        Path p = testdata == null ? null : Path.of(testdata).resolveSibling("spec").resolve("mcuboot-psa.md");
        boolean present = p != null && Files.isRegularFile(p);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("the shared spec is missing (cai4j.testdata=" + testdata + ")");
        }
        Assumptions.assumeTrue(present, "shared spec not present beside the checkout");
        return p;
    }
}

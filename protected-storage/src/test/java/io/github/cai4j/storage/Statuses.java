package io.github.cai4j.storage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;

/** Status assertions shared by the storage tests. */
final class Statuses {
    /** A call that is expected to fail. */
    @FunctionalInterface
    interface PsaCall {
        void run() throws Exception;
    }

    private Statuses() {
    }

    static void assertStatus(PsaStatus expected, PsaCall call) {
        PsaException e = assertThrows(PsaException.class, call::run, "expected " + expected.cName());
        assertTrue(e.is(expected), "expected " + expected.cName() + ", got " + e.getMessage());
    }
}

package io.github.cai4j.psa.flash.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sweep itself: a tiny commit protocol (payload, then a commit marker, each read back) that is correct, and
 * the same protocol with the two writes swapped, whose invariant the sweep must catch.
 */
class PowerLossSweepTest {
    private static final FlashGeometry G = new FlashGeometry(64, 2, 8);
    private static final byte[] PAYLOAD = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] MARKER = {0x5a, 0x5a, 0x5a, 0x5a, 0, 0, 0, 0};

    private static void programVerified(FlashDevice f, int address, byte[] data) throws FlashException {
        f.program(address, data);
        if (!java.util.Arrays.equals(data, f.read(address, data.length))) {
            throw new FlashException(FlashException.Kind.IO_ERROR, "read-back mismatch at 0x"
                    + Integer.toHexString(address));
        }
    }

    private static final PowerLossSweep.Workload CORRECT = (f, acks) -> {
        f.eraseSector(0);
        programVerified(f, 0, PAYLOAD);
        programVerified(f, 8, MARKER);
        acks.add("committed");
    };

    private static final PowerLossSweep.Workload MARKER_FIRST = (f, acks) -> {
        f.eraseSector(0);
        programVerified(f, 8, MARKER);
        programVerified(f, 0, PAYLOAD);
        acks.add("committed");
    };

    /** A marker means a complete payload; an acknowledged commit means both are there. */
    private static void verify(FlashDevice f, List<String> acks, PowerLossSweep.Cut cut) throws FlashException {
        boolean marker = java.util.Arrays.equals(MARKER, f.read(8, 8));
        boolean payload = java.util.Arrays.equals(PAYLOAD, f.read(0, 8));
        if (marker && !payload) {
            throw new AssertionError("commit marker without payload");
        }
        if (acks.contains("committed") && !(marker && payload)) {
            throw new AssertionError("acknowledged commit lost");
        }
    }

    private static FlashDevice fresh() {
        return new MemoryFlash(G);
    }

    @Test
    void correctWorkloadSweepsClean() {
        List<String> cuts = new ArrayList<>();
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, CORRECT, (f, acks, cut) -> {
            cuts.add(String.valueOf(cut.mode()) + "@" + cut.operation());
            verify(f, acks, cut);
        }, EnumSet.allOf(FaultMode.class));
        r.assertClean();
        assertEquals(3, r.operationsPerRun());
        assertEquals(15, r.cutsRun());
        assertEquals(16, cuts.size(), "every cut plus the run without a fault was verified");
        assertEquals("null@-1", cuts.get(0));
        assertEquals(15, new TreeSet<>(cuts.subList(1, 16)).size());
    }

    @Test
    void brokenInvariantIsReported() {
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, MARKER_FIRST,
                PowerLossSweepTest::verify, EnumSet.allOf(FaultMode.class));
        assertEquals(3, r.operationsPerRun());
        assertEquals(15, r.cutsRun());
        Set<String> failed = new TreeSet<>();
        for (PowerLossSweep.Failure f : r.failures()) {
            failed.add(f.cut().mode() + "@" + f.cut().operation());
            assertTrue(f.error().getMessage().contains("commit marker without payload"), f.toString());
        }
        // marker programmed, payload not (or corrupt): power lost after op 1, or op 2 lost/torn/dropped/flipped
        assertEquals(new TreeSet<>(List.of("POWER_LOSS_AFTER@1", "POWER_LOSS_BEFORE@2", "TORN_WRITE@2",
                "DROPPED_WRITE@2", "BIT_FLIP@2")), failed);
        AssertionError e = assertThrows(AssertionError.class, r::assertClean);
        assertTrue(e.getMessage().startsWith("5 of 15 cuts broke an invariant"), e.getMessage());
        assertTrue(e.getCause() instanceof AssertionError);
    }

    @Test
    void runWithoutAFaultIsVerifiedToo() {
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, CORRECT, (f, acks, cut) -> {
            if (cut.mode() == null) {
                throw new IllegalStateException("only the clean run fails");
            }
        }, EnumSet.of(FaultMode.POWER_LOSS_BEFORE));
        assertEquals(1, r.failures().size());
        assertNull(r.failures().get(0).cut().mode());
        assertEquals(-1, r.failures().get(0).cut().operation());
        assertEquals(3, r.cutsRun());
    }

    @Test
    void acknowledgementsReachTheVerifier() {
        List<Integer> ackCounts = new ArrayList<>();
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, CORRECT, (f, acks, cut) -> {
            ackCounts.add(acks.size());
            assertThrows(UnsupportedOperationException.class, () -> acks.add("x"));
        }, EnumSet.of(FaultMode.POWER_LOSS_AFTER, FaultMode.DROPPED_WRITE));
        r.assertClean();
        // clean run acks; POWER_LOSS_AFTER never reaches the ack; a dropped program fails the read-back, but a
        // dropped erase of the fresh (already erased) sector is harmless and the commit completes
        assertEquals(List.of(1, 0, 0, 0, 1, 0, 0), ackCounts);
    }

    @Test
    void strideSkipsOperations() {
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, CORRECT, PowerLossSweepTest::verify,
                EnumSet.allOf(FaultMode.class), 2);
        r.assertClean();
        assertEquals(10, r.cutsRun(), "operations 0 and 2 for each of 5 modes");
    }

    @Test
    void workloadWithoutFlashOperationsCannotPass() {
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, (f, acks) -> f.read(0, 8),
                (f, acks, cut) -> { }, EnumSet.allOf(FaultMode.class));
        assertEquals(0, r.operationsPerRun());
        assertEquals(0, r.cutsRun());
        AssertionError e = assertThrows(AssertionError.class, r::assertClean);
        assertTrue(e.getMessage().contains("no flash operation"), e.getMessage());
    }

    @Test
    void emptyModeSetVerifiesOnlyTheCleanRun() {
        PowerLossSweep.Result r = PowerLossSweep.run(PowerLossSweepTest::fresh, CORRECT, PowerLossSweepTest::verify,
                Set.of());
        assertEquals(0, r.cutsRun());
        assertEquals(3, r.operationsPerRun());
        assertEquals(List.of(), r.failures());
    }
}

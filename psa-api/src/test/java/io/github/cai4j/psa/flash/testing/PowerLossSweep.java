package io.github.cai4j.psa.flash.testing;

import io.github.cai4j.psa.flash.FaultInjectingFlash;
import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.FlashDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The power-loss harness shared by storage, counters and the bootloader (published in this module's
 * test-jar). It runs a workload once to count its flash operations, then for every operation {@code k} and
 * every {@link FaultMode} runs it again on a fresh device cut at {@code k}, and hands the surviving flash
 * image (the "reboot") to a verifier together with the list of steps the workload had acknowledged.
 *
 * <p>Failures are collected, not thrown at the first one, so a report shows every broken cut.
 *
 * <pre>{@code
 * PowerLossSweep.Result r = PowerLossSweep.run(() -> formattedFlash(), workload, verifier,
 *         EnumSet.allOf(FaultMode.class));
 * r.assertClean();
 * }</pre>
 */
public final class PowerLossSweep {

    /** A scripted workload. It records each step it completed (was acknowledged) in {@code acknowledged}. */
    @FunctionalInterface
    public interface Workload {
        void run(FlashDevice flash, List<String> acknowledged) throws Exception;
    }

    /**
     * Checks the invariants after a reboot on the surviving image. Throw (an {@link AssertionError} or any
     * exception) to report a broken invariant.
     */
    @FunctionalInterface
    public interface Verifier {
        void verify(FlashDevice survivingFlash, List<String> acknowledged, Cut cut) throws Exception;
    }

    /** Where a run was cut. */
    public record Cut(FaultMode mode, long operation, String description) {
        @Override
        public String toString() {
            return mode + "@" + operation + " (" + description + ")";
        }
    }

    /** One broken invariant. */
    public record Failure(Cut cut, Throwable error) {
        @Override
        public String toString() {
            return cut + ": " + error;
        }
    }

    /** The outcome of a sweep. */
    public record Result(long operationsPerRun, int cutsRun, List<Failure> failures) {
        /** Throws an {@link AssertionError} listing every failure (the first ten in full). */
        public void assertClean() {
            if (operationsPerRun == 0) {
                throw new AssertionError("the workload performed no flash operation: nothing was swept");
            }
            if (!failures.isEmpty()) {
                StringBuilder sb = new StringBuilder(failures.size() + " of " + cutsRun + " cuts broke an invariant:");
                failures.stream().limit(10).forEach(f -> sb.append("\n  ").append(f));
                AssertionError e = new AssertionError(sb.toString());
                e.initCause(failures.get(0).error());
                throw e;
            }
        }
    }

    private PowerLossSweep() {
    }

    /** Sweeps every operation with every mode in {@code modes}. */
    public static Result run(Supplier<FlashDevice> freshDevice, Workload workload, Verifier verifier,
                             Set<FaultMode> modes) {
        return run(freshDevice, workload, verifier, modes, 1);
    }

    /**
     * Sweeps every {@code stride}-th operation (1 = all) with every mode in {@code modes}. The run without a
     * fault is verified too.
     */
    public static Result run(Supplier<FlashDevice> freshDevice, Workload workload, Verifier verifier,
                             Set<FaultMode> modes, int stride) {
        List<Failure> failures = new ArrayList<>();
        FlashDevice base = freshDevice.get();
        FaultInjectingFlash counting = new FaultInjectingFlash(base);
        List<String> acks = new ArrayList<>();
        Cut none = new Cut(null, -1, "no fault");
        try {
            workload.run(counting, acks);
            verifier.verify(base, Collections.unmodifiableList(acks), none);
        } catch (Exception | AssertionError e) {
            failures.add(new Failure(none, e));
        }
        long n = counting.operationCount();
        int cuts = 0;
        Set<FaultMode> ordered = EnumSet.noneOf(FaultMode.class);
        ordered.addAll(modes);
        for (FaultMode mode : ordered) {
            for (long k = 0; k < n; k += Math.max(1, stride)) {
                FlashDevice device = freshDevice.get();
                FaultInjectingFlash flash = new FaultInjectingFlash(device);
                flash.armFault(k, mode);
                List<String> acknowledged = new ArrayList<>();
                try {
                    workload.run(flash, acknowledged);
                } catch (Exception e) {
                    // Expected after a power loss; after a dropped write or a bit flip the store may also
                    // report corruption. The verifier decides whether what survived is acceptable.
                }
                Cut cut = new Cut(mode, k, flash.faultDescription());
                cuts++;
                try {
                    verifier.verify(device, Collections.unmodifiableList(acknowledged), cut);
                } catch (Exception | AssertionError e) {
                    failures.add(new Failure(cut, e));
                }
            }
        }
        return new Result(n, cuts, List.copyOf(failures));
    }
}

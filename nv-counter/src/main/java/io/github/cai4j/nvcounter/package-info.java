/**
 * The firmware's PS-backed non-volatile counters ({@link io.github.cai4j.nvcounter.NvCounters}): the
 * rollover and counter trackers put into every signed inference payload. Two modes: {@code SAFE} (the
 * default, never reuses a value after a reboot or power loss) and {@code FIRMWARE_EXACT} (the firmware's
 * write-back every {@code threshold} increments, which reuses up to {@code threshold - 1} values after a
 * reboot); see {@link io.github.cai4j.nvcounter.NvCounters} for both.
 */
package io.github.cai4j.nvcounter;

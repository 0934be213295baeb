package io.github.cai4j.psa.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread-safe {@link PlatformLog} that keeps every line (formatted as the firmware prints it) and
 * forwards it to an optional downstream log.
 */
public final class RecordingLog implements PlatformLog {
    private final List<String> lines = new ArrayList<>();
    private final PlatformLog downstream;

    public RecordingLog() {
        this(PlatformLog.discard());
    }

    public RecordingLog(PlatformLog downstream) {
        this.downstream = downstream;
    }

    @Override
    public void log(Level level, String source, String message) {
        synchronized (lines) {
            lines.add(PlatformLog.format(level, source, message));
        }
        downstream.log(level, source, message);
    }

    /** A snapshot of the lines so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** {@code true} if some line contains {@code text}. */
    public boolean contains(String text) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    public void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }
}

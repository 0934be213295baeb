package io.github.cai4j.psa.platform;

/**
 * Where the simulated device's log lines go (the firmware's UART). Library code never prints; the
 * device or a test decides what to do with the lines. Nothing secret is ever logged.
 */
@FunctionalInterface
public interface PlatformLog {

    /** Log levels with the firmware's three-letter tags. */
    enum Level {
        ERROR("ERR"), WARNING("WRN"), INFO("INF"), DEBUG("DBG");

        private final String tag;

        Level(String tag) {
            this.tag = tag;
        }

        /** The firmware's tag, e.g. {@code INF}. */
        public String tag() {
            return tag;
        }
    }

    /**
     * One line.
     *
     * @param source the firmware's service name in brackets, e.g. {@code HUK DERIV SERV}, or empty
     */
    void log(Level level, String source, String message);

    default void info(String source, String message) {
        log(Level.INFO, source, message);
    }

    default void warn(String source, String message) {
        log(Level.WARNING, source, message);
    }

    default void error(String source, String message) {
        log(Level.ERROR, source, message);
    }

    /** A log that drops everything. */
    static PlatformLog discard() {
        return (level, source, message) -> { };
    }

    /** The line as the firmware prints it: {@code [INF] [SOURCE] message}. */
    static String format(Level level, String source, String message) {
        StringBuilder sb = new StringBuilder().append('[').append(level.tag()).append("] ");
        if (source != null && !source.isEmpty()) {
            sb.append('[').append(source).append("] ");
        }
        return sb.append(message).toString();
    }
}

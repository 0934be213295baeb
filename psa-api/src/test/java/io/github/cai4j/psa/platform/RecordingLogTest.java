package io.github.cai4j.psa.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firmware's log line format and {@link RecordingLog}. */
class RecordingLogTest {

    @Test
    void formatsAsTheFirmwarePrints() {
        assertEquals("[INF] [HUK DERIV SERV] ready", PlatformLog.format(PlatformLog.Level.INFO, "HUK DERIV SERV",
                "ready"));
        assertEquals("[ERR] halted", PlatformLog.format(PlatformLog.Level.ERROR, "", "halted"));
        assertEquals("[WRN] x", PlatformLog.format(PlatformLog.Level.WARNING, null, "x"));
        assertEquals("[DBG] [S] y", PlatformLog.format(PlatformLog.Level.DEBUG, "S", "y"));
    }

    @Test
    void recordsAndForwards() {
        List<String> forwarded = new ArrayList<>();
        RecordingLog log = new RecordingLog((level, source, message) -> forwarded.add(level.tag() + ":" + message));
        log.info("A", "one");
        log.warn("B", "two");
        log.error("", "three");
        assertEquals(List.of("[INF] [A] one", "[WRN] [B] two", "[ERR] three"), log.lines());
        assertEquals(List.of("INF:one", "WRN:two", "ERR:three"), forwarded);
        assertTrue(log.contains("[B] two"));
        assertFalse(log.contains("four"));
        log.clear();
        assertEquals(List.of(), log.lines());
        PlatformLog.discard().info("x", "dropped");
    }
}

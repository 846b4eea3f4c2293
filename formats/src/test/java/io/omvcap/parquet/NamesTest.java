package io.omvcap.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Folder, column and session names. */
class NamesTest {
    @Test
    void namesAreSanitised() {
        assertEquals("temp_c", Names.sanitize("Temp (°C)"));
        assertEquals("a_b", Names.sanitize("a--b"));
        assertEquals("f_2nd", Names.sanitize("2nd"));
        assertEquals("x", Names.sanitize("!!"));
        assertFalse(Names.sanitize("a__b").contains("__"));
    }

    @Test
    void sessionIdsAreStableAndNeverLookLikeNumbersOrDates() {
        SessionClock clock = new SessionClock(1_777_636_800_123_000_000L, 5);
        SessionFacts serial = new SessionFacts("t", "host", "/dev/ttyACM0", 921600, clock, 0, "", Map.of());
        assertEquals("ttyacm0-20260501T120000.123Z", Names.sessionId(serial));
        assertEquals(Names.sessionId(serial), Names.sessionId(serial.nextSegment("a.mcap")), "segments share the id");
        SessionFacts labelled = new SessionFacts("t", "host", "/dev/ttyACM0", 921600, clock, 0, "", Map.of("cam", "007"));
        assertEquals("s007-20260501T120000.123Z", Names.sessionId(labelled));
        SessionFacts tcp = new SessionFacts("t", "host", "tcp://10.0.0.5:5000", 0, clock, 0, "", Map.of());
        assertEquals("tcp-10.0.0.5-5000-20260501T120000.123Z", Names.sessionId(tcp));
        assertTrue(Character.isLetter(Names.sessionId(new SessionFacts("t", "sim", "sim:fps=5", 0, clock, 0, "",
                Map.of())).charAt(0)));
    }

    @Test
    void wideColumnsKeepOneTypePerNameAcrossSessions() {
        WideColumns c = new WideColumns(Map.of("mode", ColumnType.DOUBLE));
        assertEquals("temp", c.column("Temp", ValueKind.DOUBLE));
        assertEquals("temp__int", c.column("Temp", ValueKind.INT));
        assertEquals("temp__2", c.column("temp", ValueKind.DOUBLE), "two fields that sanitise alike are both kept");
        assertEquals("mode__str", c.column("mode", ValueKind.STRING), "another session has 'mode' as a number");
        assertEquals("led", c.column("led", ValueKind.BOOL));
        assertEquals("led__num", c.column("led", ValueKind.DOUBLE));
        assertEquals("time__2", c.column("time", ValueKind.DOUBLE), "the fixed columns are reserved");
        assertEquals(Map.of("field", "temp", "kind", "double"), c.mapping().get("temp__2"));
        TableSchema s = c.schema("telemetry_env");
        assertEquals(ColumnType.INT64, s.columns().get(s.indexOf("temp__int")).type());
        assertEquals(ColumnType.STRING, s.columns().get(s.indexOf("mode__str")).type());
    }
}

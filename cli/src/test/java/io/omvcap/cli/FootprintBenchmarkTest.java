package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench footprint} runs its two child processes and reports numbers read from {@code /proc}
 * and from the archive (a smoke run: the numbers are checked for being measured, not against the
 * targets, which need the full-length benchmark).
 */
class FootprintBenchmarkTest {
    @Test
    void aShortRunReportsResidentMemoryCpuAndWhatWasRecorded() throws Exception {
        CliRun r = CliRun.of("bench", "footprint", "--duration", "6s", "--json");
        assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.ERROR, r.err());
        Map<String, Double> values = new HashMap<>();
        for (JsonNode row : Json.mapper().readTree(r.out())) {
            assertEquals("footprint", row.get("benchmark").asText());
            values.put(row.get("metric").asText(), row.get("value").asDouble());
        }
        double hwm = values.get("record: peak resident set (VmHWM)");
        double rss = values.get("record: resident set at the end (VmRSS)");
        assertTrue(hwm > 10 && hwm < 4096 && rss > 10 && rss <= hwm + 0.01, values.toString());
        assertTrue(values.get("record: packets archived per second") > 50, values.toString());
        assertTrue(values.get("record: frames archived per second") > 1, values.toString());
        assertTrue(values.get("sim: peak resident set (VmHWM)") > 10, values.toString());
        assertTrue(r.err().contains("footprint: record --poll 1 --stream for 6.0s with JVM options "
                + JvmDefaults.bundled().launchOptions("record", System.getenv(JvmDefaults.USER_OPTIONS_ENV))), r.err());
    }

    @Test
    void durationIsForBenchmarksThatTakeOne() {
        CliRun fixed = CliRun.of("bench", "wire-decode", "--duration", "10s");
        assertEquals(ExitCode.USAGE, fixed.code());
        assertTrue(fixed.err().contains("--duration applies to: footprint"), fixed.err());
        CliRun tooShort = CliRun.of("bench", "footprint", "--duration", "1s");
        assertEquals(ExitCode.USAGE, tooShort.code());
        assertTrue(tooShort.err().contains("--duration must be at least 5s"), tooShort.err());
        assertTrue(List.of(CliRun.of("bench", "--list").out().split("\n")).stream().anyMatch(l -> l.startsWith("footprint")));
    }
}

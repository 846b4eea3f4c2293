package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording with two cam restarts: {@code info --json}, {@code info --scan --json} and
 * {@code cat --topic /session --json} list the same gaps, each about as long as its own outage.
 */
class GapReportTest {
    @TempDir
    Path dir;

    @Test
    void infoAndTheSessionTopicAgreeOnEveryGap() throws Exception {
        Path link = dir.resolve("omvcam");
        Path out = dir.resolve("gaps.mcap");
        SimConfig config = SimConfig.builder().frameRateHz(5).frameSize(32, 24).build();
        SimCamServer cam = SimCamServer.start(config, new ServeTarget.Pty(link), StatusListener.NONE, 0);
        AtomicReference<CliRun> run = new AtomicReference<>();
        Thread recorder = new Thread(() -> run.set(CliRun.of("record", "--port", link.toString(), "--out",
                out.toString(), "--duration", "6s")));
        recorder.start();
        List<Long> outages = new ArrayList<>();
        try {
            for (long downMs : new long[] {700, 1200}) {
                Thread.sleep(1500);
                long from = System.nanoTime();
                cam.close();
                Thread.sleep(downMs);
                cam = SimCamServer.start(config, new ServeTarget.Pty(link), StatusListener.NONE, 0);
                outages.add(System.nanoTime() - from);
            }
            recorder.join(30_000);
        } finally {
            cam.close();
        }
        assertEquals(0, run.get().code(), run.get().err());

        List<long[]> events = new ArrayList<>();
        CliRun session = CliRun.of("cat", "--topic", "/session", "--json", out.toString());
        assertEquals(0, session.code(), session.err());
        for (String line : session.out().lines().toList()) {
            JsonNode m = Json.mapper().readTree(line);
            if (m.at("/data/kind").asText().equals("reconnect")) {
                events.add(new long[] {m.get("time_ns").asLong(), m.at("/data/gap_ns").asLong()});
            }
        }
        assertEquals(2, events.size(), session.out());
        for (int i = 0; i < 2; i++) {
            long gap = events.get(i)[1];
            assertTrue(gap > 0 && gap <= outages.get(i) + 1_000_000_000L,
                    "gap " + (i + 1) + " of " + gap / 1e6 + " ms is about its own outage of " + outages.get(i) / 1e6 + " ms");
        }
        for (String[] args : new String[][] {{"info", "--json", out.toString()}, {"info", "--scan", "--json",
            out.toString()}}) {
            CliRun info = CliRun.of(args);
            assertEquals(0, info.code(), info.err());
            JsonNode health = Json.mapper().readTree(info.out()).get("health");
            assertEquals(2, health.get("reconnects").asInt(), String.join(" ", args));
            JsonNode gaps = health.get("disconnect_gaps");
            assertEquals(2, gaps.size(), String.join(" ", args));
            for (int i = 0; i < 2; i++) {
                assertEquals(events.get(i)[0], gaps.get(i).get("at").asLong(), String.join(" ", args) + " gap " + i);
                assertEquals(events.get(i)[1], gaps.get(i).get("gap_ns").asLong(), String.join(" ", args) + " gap " + i);
            }
            assertEquals((events.get(0)[1] + events.get(1)[1]) / 1e9, health.get("disconnect_gap_total_s").asDouble(),
                    1e-9, String.join(" ", args));
        }
    }
}

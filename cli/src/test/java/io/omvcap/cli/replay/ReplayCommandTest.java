package io.omvcap.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.cli.CliRun;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.samples.FramesConfigHost;
import io.omvcap.mcap.McapWriter;
import io.omvcap.transport.Transports;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omvcap replay} and {@code omvcap diff} through the command line. */
class ReplayCommandTest {
    static final Path SAMPLES = Path.of("..", "sample-sessions");

    @TempDir
    Path dir;

    @Test
    void usageErrors() {
        assertUsage(CliRun.of("replay"), "missing FILE");
        String f = SAMPLES.resolve("telemetry.mcap").toString();
        assertUsage(CliRun.of("replay", f, "--pty", "--tcp", "5555"), "choose one of");
        assertUsage(CliRun.of("replay", f, "--speed", "fast"), "--speed");
        assertUsage(CliRun.of("replay", f, "--mode", "loose"), "--mode must be one of model, strict");
        assertUsage(CliRun.of("replay", f, "--faults", "drop=2"), "rate must be above 0 and at most 1");
        assertUsage(CliRun.of("replay", f, "--faults", "explode=0.1"), "unknown fault 'explode'");
        assertUsage(CliRun.of("replay", f, "--record-host", "out.txt"), "--record-host must name a .mcap file");
        assertUsage(CliRun.of("replay", f, "--start", "yesterday"), "--start expects");
        assertUsage(CliRun.of("diff", f), "needs two session archives");
    }

    @Test
    void recordingsMissingWhatReplayNeedsGetOneLine() throws Exception {
        Path foreign = dir.resolve("foreign.mcap");
        try (McapWriter w = McapWriter.builder().profile("ros2").library("test").open(foreign)) {
            w.writeMetadata("x", Map.of());
        }
        assertError(CliRun.of("replay", foreign.toString(), "--tcp", "0", "--duration", "1s"),
                "not an omvcap session archive (MCAP profile 'ros2'");
        Path noList = dir.resolve("no-list.mcap");
        SessionFacts facts = new SessionFacts("test", "host", "x", 0, SessionClock.startNow(), 0, "", Map.of());
        try (SessionWriter w = SessionWriter.create(noList, SessionWriterOptions.DEFAULTS, facts)) {
            w.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.START, "nothing"));
        }
        assertError(CliRun.of("replay", noList.toString(), "--tcp", "0", "--duration", "1s"), "no channel list");
        byte[] whole = Files.readAllBytes(SAMPLES.resolve("telemetry.mcap"));
        Path cut = dir.resolve("cut.mcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertError(CliRun.of("replay", cut.toString(), "--tcp", "0", "--duration", "1s"), "cut.mcap: ");
        Path missing = dir.resolve("missing.mcap");
        assertError(CliRun.of("replay", missing.toString()), "missing.mcap: no such file");
    }

    @Test
    void strictReplayOverTcpRecordsTheHostAndDiffFindsNoDifference() throws Exception {
        Path session = SAMPLES.resolve("frames-config.mcap");
        Path replayed = dir.resolve("replayed.mcap");
        int port = freePort();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("replay", session.toString(),
                "--tcp", "127.0.0.1:" + port, "--mode", "strict", "--record-host", replayed.toString(), "--json",
                "--duration", "30s"));
        StrictReplayTest.runHost(connect(port), FramesConfigHost.WRITES);
        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode summary = Json.mapper().readTree(r.out());
        assertEquals(0, summary.get("divergence_count").asInt(), r.out());
        assertTrue(summary.get("finished").asBoolean(), r.out());
        assertEquals(18, summary.get("payloads_served").asInt(), r.out());
        CliRun diff = CliRun.of("diff", session.toString(), replayed.toString());
        assertEquals(ExitCode.OK, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().strip().endsWith("same"), diff.out());
        CliRun json = CliRun.of("diff", session.toString(), replayed.toString(), "--json");
        assertTrue(Json.mapper().readTree(json.out()).get("same").asBoolean());
    }

    @Test
    void aDivergentHostEndsStrictReplayWithExitCode4() throws Exception {
        Path session = SAMPLES.resolve("frames-config.mcap");
        Path replayed = dir.resolve("replayed.mcap");
        int port = freePort();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("replay", session.toString(),
                "--tcp", "127.0.0.1:" + port, "--mode", "strict", "--on-divergence", "end", "--record-host",
                replayed.toString(), "--duration", "30s"));
        String[] writes = FramesConfigHost.WRITES.clone();
        writes[2] = "{\"quality\": 39}";
        try {
            StrictReplayTest.runHost(connect(port), writes);
        } catch (Exception expected) {
            // the cam hangs up on the divergent write
        }
        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.DIFFERENT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("DIVERGENCE request #"), r.err());
        assertTrue(r.out().contains("first divergence: request #") && r.out().contains("mismatched: CHANNEL_WRITE"),
                r.out());
        assertTrue(r.out().contains("never made: #"), r.out());
        CliRun diff = CliRun.of("diff", session.toString(), replayed.toString());
        assertEquals(ExitCode.DIFFERENT, diff.code(), diff.out());
        assertTrue(diff.out().contains("first divergence at compared request"), diff.out());
        assertTrue(diff.out().contains("differs in data"), diff.out());
    }

    @Test
    void demoReplaysWhatItRecordedToTheJavaHost() {
        Path out = dir.resolve("demo.mcap");
        CliRun r = CliRun.of("demo", "--duration", "1500ms", "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        String line = r.out().lines().filter(l -> l.startsWith("replayed ")).findFirst().orElse("");
        assertTrue(line.matches("replayed .*demo\\.mcap to the Java host client: all \\d+ payloads on \\d+ channels came back"
                + " identical .*"), r.out());
    }

    static io.omvcap.link.ByteLink connect(int port) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return Transports.open("tcp://127.0.0.1:" + port);
            } catch (java.io.IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void assertUsage(CliRun r, String text) {
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(text), r.err());
    }

    private static void assertError(CliRun r, String text) {
        assertEquals(ExitCode.ERROR, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(text), r.err());
    }
}

package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.mcap.Compression;
import io.omvcap.testing.SampleArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info}, {@code cat} and {@code recover} on archives made from the golden transcripts. */
class ArchiveCommandsTest {
    @TempDir
    static Path dir;
    static Path noise;
    static Path frame;

    @BeforeAll
    static void archives() throws Exception {
        noise = SampleArchives.write(dir.resolve("h-noise.mcap"), "h-noise", Compression.ZSTD);
        frame = SampleArchives.write(dir.resolve("d-frame.mcap"), "d-frame", Compression.LZ4, 4096);
    }

    @Test
    void infoReportsDeviceTopicsAndHealth() throws Exception {
        CliRun r = CliRun.of("info", "--json", noise.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals("openmv", j.get("profile").asText());
        assertTrue(j.get("indexed").asBoolean());
        assertEquals("5.0.0", j.get("device").get("version").get("firmware").asText());
        assertEquals(2, j.get("health").get("invalid_by_reason").get("BAD_HEADER_CRC").asInt());
        assertEquals(1, j.get("health").get("naks_by_status").get("CHECKSUM").asInt());
        assertEquals(40, j.get("health").get("noise_bytes_h2c").asLong(), "same noise as 'decode' finds");
        assertFalse(j.get("totals_from_scan").asBoolean(), "finished files are not scanned");
        CliRun scanned = CliRun.of("info", "--json", "--scan", noise.toString());
        JsonNode js = Json.mapper().readTree(scanned.out());
        assertEquals(j.get("topics"), js.get("topics"), "stored totals equal a rescan");
        assertEquals(j.get("health").get("noise_bytes_h2c"), js.get("health").get("noise_bytes_h2c"));

        CliRun text = CliRun.of("info", frame.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("firmware 5.0.0"), text.out());
        assertTrue(text.out().contains("/wire/c2h"), text.out());
        assertTrue(text.out().contains("frame          READ|DYNAMIC"), text.out());
    }

    @Test
    void catFiltersByTopicGlobAndTime() throws Exception {
        CliRun tel = CliRun.of("cat", "--topic", "/channel/*/telemetry", frame.toString());
        assertEquals(0, tel.code(), tel.err());
        CliRun all = CliRun.of("cat", "--json", noise.toString());
        List<String> lines = all.out().lines().toList();
        long prev = Long.MIN_VALUE;
        for (String l : lines) {
            long t = Json.mapper().readTree(l).get("time_ns").asLong();
            assertTrue(t >= prev, "time order");
            prev = t;
        }
        CliRun stdout = CliRun.of("cat", "-t", "/stdout", noise.toString());
        assertEquals(1, stdout.out().lines().count());
        assertTrue(stdout.out().contains("/stdout  hello from cam 1\\n"), stdout.out());
        CliRun packets = CliRun.of("cat", "-t", "/packets", "--start", "+0s", "--end", "+5ms", noise.toString());
        assertTrue(packets.out().contains("PROTO_SYNC"), packets.out());
        CliRun later = CliRun.of("cat", "-t", "/packets", "--start", "+100ms", noise.toString());
        assertTrue(later.out().contains("PROTO_SYNC"), "the resync after the stale NAK is after +100ms");
        assertFalse(later.out().contains("PROTO_VERSION"), "the first handshake is before +100ms");
        CliRun bad = CliRun.of("cat", "--start", "yesterday", noise.toString());
        assertEquals(ExitCode.USAGE, bad.code());
    }

    @Test
    void recoverKeepsEverythingFromAFinishedFileAndReportsLoss() throws Exception {
        Path out = dir.resolve("same.mcap");
        CliRun ok = CliRun.of("recover", noise.toString(), "-o", out.toString());
        assertEquals(ExitCode.OK, ok.code(), ok.out() + ok.err());
        byte[] all = Files.readAllBytes(frame);
        Path cut = dir.resolve("cut.mcap");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        Path fixed = dir.resolve("fixed.mcap");
        CliRun partial = CliRun.of("recover", "--json", cut.toString(), "-o", fixed.toString());
        assertEquals(ExitCode.PARTIAL, partial.code(), partial.err());
        JsonNode rep = Json.mapper().readTree(partial.out());
        assertTrue(rep.get("lost_data").asBoolean());
        assertTrue(rep.get("messages_kept").asLong() > 0);
        assertEquals(rep.get("messages_kept").asLong(), rep.get("verified_messages").asLong());
        CliRun info = CliRun.of("info", fixed.toString());
        assertEquals(0, info.code(), info.err());
        CliRun again = CliRun.of("recover", cut.toString(), "-o", fixed.toString());
        assertEquals(ExitCode.ERROR, again.code(), "refuses to overwrite");
        Path junk = dir.resolve("junk.mcap");
        Files.write(junk, "not an mcap file at all".getBytes());
        CliRun nothing = CliRun.of("recover", junk.toString(), "-o", dir.resolve("x.mcap").toString());
        assertEquals(ExitCode.ERROR, nothing.code());
        assertEquals(1, nothing.err().lines().count(), nothing.err());
        assertFalse(Files.exists(dir.resolve("x.mcap")));
    }

    @Test
    void cutOffFilesAreScannedWithAWarning() throws Exception {
        byte[] all = Files.readAllBytes(noise);
        Path cut = dir.resolve("cut-info.mcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 300));
        CliRun r = CliRun.of("info", cut.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no summary"), r.out());
        CliRun c = CliRun.of("cat", cut.toString());
        assertTrue(c.out().lines().count() > 50, "messages before the cut are printed");
    }

    @Test
    void foreignMcapFilesWork() throws Exception {
        Path conf = Path.of(System.getProperty("omvcap.shared.dir", "../../shared"), "mcap-conformance", "TenMessages");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(conf),
                conf + " not found; foreign-file check skipped");
        try (var files = Files.list(conf)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mcap")).sorted().limit(40).toList()) {
                CliRun info = CliRun.of("info", "--json", f.toString());
                assertEquals(0, info.code(), f + ": " + info.err());
                CliRun cat = CliRun.of("cat", f.toString());
                assertEquals(0, cat.code(), f + ": " + cat.err());
                assertEquals(10, cat.out().lines().count(), f.toString());
            }
        }
    }

    @Test
    void theCommittedSampleSessionStillReads() throws Exception {
        Path sample = Path.of("..", "sample-sessions", "sim-session.mcap");
        CliRun info = CliRun.of("info", "--json", sample.toString());
        assertEquals(0, info.code(), info.err());
        JsonNode j = Json.mapper().readTree(info.out());
        assertEquals("openmv", j.get("profile").asText());
        assertEquals("simulated", j.at("/session/mode").asText());
        assertEquals(9, j.at("/device/channels").size());
        assertTrue(j.at("/health/invalid_by_reason").isEmpty());
        CliRun telemetry = CliRun.of("cat", "-t", "/channel/telemetry/telemetry", "-n", "1", sample.toString());
        assertTrue(telemetry.out().contains("temperature="), telemetry.out());
        JsonNode ref = io.omvcap.testing.ReferenceReader.check(sample.toAbsolutePath());
        assertEquals(j.get("messages").asLong(), ref.at("/indexed/messages").asLong());
    }

    @Test
    void malformedFileErrorsNameTheFileTheOffsetAndTheProblem() throws Exception {
        Path notMcap = dir.resolve("not-an-archive.mcap");
        Files.write(notMcap, "definitely not MCAP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] whole = Files.readAllBytes(noise);
        Path cut = dir.resolve("cut-in-a-record.mcap");
        Files.write(cut, Arrays.copyOf(whole, 40));
        for (String command : List.of("info", "cat")) {
            CliRun bad = CliRun.of(command, notMcap.toString());
            assertEquals(ExitCode.ERROR, bad.code());
            assertEquals("omvcap " + command + ": error: " + notMcap + ": bad magic at start of file at offset 0",
                    bad.err().strip());
            CliRun truncated = CliRun.of(command, cut.toString());
            assertEquals(ExitCode.ERROR, truncated.code(), truncated.err());
            List<String> errors = truncated.err().lines().filter(l -> l.contains("error:")).toList();
            assertEquals(1, errors.size(), truncated.err());
            assertTrue(errors.get(0).contains(cut + ": ") && errors.get(0).contains("offset"), truncated.err());
        }
    }
}

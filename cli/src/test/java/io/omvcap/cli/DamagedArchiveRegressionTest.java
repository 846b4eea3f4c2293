package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.MessageSource;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.McapStreamReader;
import io.omvcap.mcap.McapWriter;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.mcap.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects the archive fuzzing found, each on the smallest archive that shows it: a wrong JSON
 * type in a record, damaged device metadata, a recovery that keeps only schemas, and message
 * indexes that do not cover their chunk.
 */
class DamagedArchiveRegressionTest {
    private static final byte[] SCHEMA = "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A session archive with the given messages on /device and /session, finished or cut before its summary. */
    private static byte[] archive(Map<String, String> deviceMetadata, boolean finished, String... deviceThenSession)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        McapWriter w = McapWriter.builder().profile(Topics.PROFILE).compression(Compression.NONE).chunkMaxAge(null)
                .open(out);
        w.writeMetadata(Topics.META_SESSION, Map.of("mode", "host", "port", "/dev/ttyACM0"));
        if (deviceMetadata != null) {
            w.writeMetadata(Topics.META_DEVICE, deviceMetadata);
        }
        int session = w.registerChannel(Topics.SESSION, Topics.ENCODING_JSON,
                w.registerSchema("omvcap.Lifecycle", "jsonschema", SCHEMA), Map.of());
        int device = w.registerChannel(Topics.DEVICE, Topics.ENCODING_JSON,
                w.registerSchema("omvcap.Device", "jsonschema", SCHEMA), Map.of());
        long t = 1_700_000_000_000_000_000L;
        w.writeMessage(session, t, json("{\"kind\":\"start\",\"detail\":\"test\"}"));
        w.writeMessage(device, t + 1, json(deviceThenSession[0]));
        for (int i = 1; i < deviceThenSession.length; i++) {
            w.writeMessage(session, t + 1 + i, json(deviceThenSession[i]));
        }
        w.flush();
        if (!finished) {
            return out.toByteArray();
        }
        w.close();
        return out.toByteArray();
    }

    @Test
    void aWrongJsonTypeInADeviceMessageIsThatMessagesUndecodableLineAndCatGoesOn() throws Exception {
        Path f = dir.resolve("channels-of-numbers.mcap");
        Files.write(f, archive(null, true, "{\"channels\":[1]}", "{\"kind\":\"stop\",\"detail\":\"after\"}"));
        CliRun text = CliRun.of("cat", f.toString());
        assertEquals(0, text.code(), text.err());
        assertEquals("", text.err());
        List<String> lines = text.out().lines().toList();
        assertEquals(3, lines.size(), text.out());
        assertTrue(lines.get(1).contains("/device") && lines.get(1).contains("(undecodable json"), lines.get(1));
        assertTrue(lines.get(2).contains("stop: after"), "the message after it is printed: " + lines.get(2));

        CliRun json = CliRun.of("cat", "--json", f.toString());
        assertEquals(0, json.code(), json.err());
        assertEquals(3, json.out().lines().count(), json.out());
        JsonNode device = Json.mapper().readTree(json.out().lines().toList().get(1));
        assertEquals("/device", device.get("topic").asText());
        for (String[] args : new String[][] {{"info", f.toString()}, {"info", "--scan", f.toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void oneMessageIsOneLineWhateverItsTextHolds() throws Exception {
        // found by the archive fuzzing: a line break in a lifecycle detail split cat's output
        Path f = dir.resolve("line-breaks.mcap");
        Files.write(f, archive(null, true, "{\"channels\":[{\"id\":4,\"name\":\"a\\nb\",\"flags\":1}]}",
                "{\"kind\":\"error\",\"detail\":\"first\\nsecond\\r\\u0000third\"}"));
        CliRun r = CliRun.of("cat", f.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(2).endsWith("error: first\\nsecond\\r\\u0000third"), lines.get(2));
    }

    @Test
    void damagedDeviceMetadataIsReportedAndSkippedNeverFatal() throws Exception {
        // a control character inside the channels JSON, as a zero-filled block after a crash leaves it
        Map<String, String> damaged = Map.of("firmware_version", "4.5.0",
                "channels", "[{\"id\":4,\"name\":\"tel\u0000\u0000metry\",\"flags\":35}]");
        byte[] full = archive(damaged, false, "{\"channels\":[{\"id\":4,\"name\":\"telemetry\",\"flags\":35}]}",
                "{\"kind\":\"stop\",\"detail\":\"x\"}");
        // cut inside the only chunk: the scan meets damage before any /device message
        long chunkAt = firstChunkOffset(full);
        Path f = dir.resolve("damaged-device-metadata.mcap.part");
        Files.write(f, Arrays.copyOf(full, (int) chunkAt + 40));

        for (String[] args : new String[][] {{"info", f.toString()}, {"info", "--scan", f.toString()},
            {"info", "--json", f.toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("omvcap.device metadata is damaged"), "reported: " + r.err());
            assertFalse(r.err().contains("error"), r.err());
        }
        Path out = dir.resolve("recovered.mcap");
        CliRun rec = CliRun.of("recover", f.toString(), "-o", out.toString());
        assertEquals(ExitCode.PARTIAL, rec.code(), rec.out() + rec.err());
        assertTrue(rec.out().contains("omvcap.device metadata is damaged"), "the report names it: " + rec.out());
        assertTrue(Files.exists(out), "the recovered file is kept: " + rec.err());
        assertEquals(0, CliRun.of("info", out.toString()).code());
    }

    @Test
    void damagedDeviceMetadataInAFinishedFileDoesNotStopInfo() throws Exception {
        Map<String, String> damaged = Map.of("channels", "[{\"id\":4,\"name\":\"x\u0001\"}]");
        Path f = dir.resolve("finished.mcap");
        Files.write(f, archive(damaged, true, "not json at all", "{\"kind\":\"stop\",\"detail\":\"x\"}"));
        CliRun r = CliRun.of("info", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("omvcap.device metadata is damaged"), r.err());
    }

    @Test
    void damagedTotalsAreReportedOnOneLine() throws Exception {
        // a line break inside a damaged value was quoted into the error, which then took two lines
        // (archive fuzzing, seed 0xBDE9A7ABE65D8163)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (McapWriter w = McapWriter.builder().profile(Topics.PROFILE).compression(Compression.NONE)
                .chunkMaxAge(null).open(out)) {
            w.writeMetadata(Topics.META_TOTALS, Map.of("reconnects", "\n0"));
            int session = w.registerChannel(Topics.SESSION, Topics.ENCODING_JSON, 0, Map.of());
            w.writeMessage(session, 1_700_000_000_000_000_000L, json("{\"kind\":\"start\",\"detail\":\"x\"}"));
        }
        Path f = dir.resolve("totals-line-break.mcap");
        Files.write(f, out.toByteArray());
        CliRun r = CliRun.of("info", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("omvcap.totals metadata is damaged") && r.err().contains("\\n0"), r.err());
        try (SessionReader reader = SessionReader.open(f)) {
            io.omvcap.archive.ArchiveFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.omvcap.archive.ArchiveFormatException.class, reader::storedTotals);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /**
     * The first chunk (schemas and channels) is corrupt; the second holds only a schema and
     * messages on the lost channels. Recovery used to keep the schema alone, then reject its own
     * output ("no usable summary") after its report had been printed.
     */
    @Test
    void recoveryRebuildsChannelsLostWithTheFirstChunk() throws Exception {
        for (boolean finished : new boolean[] {true, false}) {
            byte[] file = firstChunkLost(finished);
            Path in = dir.resolve(finished ? "lost-first-chunk.mcap" : "lost-first-chunk.mcap.part");
            Files.write(in, file);
            Path out = dir.resolve("rebuilt-" + finished + ".mcap");
            CliRun r = CliRun.of("recover", "--json", in.toString(), "-o", out.toString());
            assertEquals(ExitCode.PARTIAL, r.code(), "the first chunk is lost: " + r.out() + r.err());
            JsonNode report = Json.mapper().readTree(r.out());
            assertEquals(1, report.get("chunks_dropped").asInt(), r.out());
            assertEquals(2, report.get("messages_kept").asInt(), "the second chunk's messages are kept: " + r.out());
            assertEquals(0, report.get("messages_dropped").asInt(), r.out());
            assertEquals(2, report.get("verified_messages").asInt(), r.out());
            try (SessionReader reader = SessionReader.open(out)) {
                assertTrue(reader.indexed(), reader.unindexedReason());
                List<String> topics = new ArrayList<>();
                MessageSource s = reader.messages(MessageFilter.ALL);
                for (ArchivedMessage m; (m = s.next()) != null; ) {
                    topics.add(m.topic() + " " + m.encoding());
                }
                assertEquals(List.of("/session json", "/stdout json"), topics, "topics rebuilt from "
                        + (finished ? "the summary" : "the archive layout"));
            }
            assertEquals(0, CliRun.of("cat", out.toString()).code());
        }
    }

    @Test
    void recoveryOutputWithSchemasButNoChannelsStillOpens() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (McapWriter w = McapWriter.builder().profile(Topics.PROFILE).compression(Compression.NONE)
                .chunkMaxAge(null).open(bytes)) {
            w.addSchema(new Schema(1, "omvcap.Lifecycle", "jsonschema", SCHEMA));
        }
        Path in = dir.resolve("schema-only.mcap");
        Files.write(in, bytes.toByteArray());
        Path out = dir.resolve("schema-only-recovered.mcap");
        CliRun r = CliRun.of("recover", in.toString(), "-o", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("nothing lost"), r.out());
        try (SessionReader reader = SessionReader.open(out)) {
            assertTrue(reader.indexed(), "a summary with a schema and no channels is usable: " + reader.unindexedReason());
        }
    }

    @Test
    void catSaysSoWhenTheMessageIndexesHoldFewerMessagesThanTheStatistics() throws Exception {
        byte[] file = archive(null, true, "{\"channels\":[]}", "{\"kind\":\"stop\",\"detail\":\"x\"}");
        // hide the message index of /device (channel 2): its opcode becomes an unknown record's
        long at = messageIndexOffset(file, 2);
        file[(int) at] = (byte) 0x80;
        Path f = dir.resolve("index-short.mcap");
        Files.write(f, file);
        CliRun r = CliRun.of("cat", f.toString());
        assertEquals(ExitCode.PARTIAL, r.code(), r.out() + r.err());
        assertEquals(3, r.out().lines().count() + 1, "the messages it could find are printed: " + r.out());
        assertTrue(r.err().contains("found 2 of 3 messages"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        CliRun filtered = CliRun.of("cat", "--topic", "/session", f.toString());
        assertEquals(0, filtered.code(), "the /session index is whole: " + filtered.err());
    }

    private static byte[] firstChunkLost(boolean finished) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        McapWriter w = McapWriter.builder().profile(Topics.PROFILE).compression(Compression.NONE).chunkMaxAge(null)
                .open(out);
        int session = w.registerChannel(Topics.SESSION, Topics.ENCODING_JSON,
                w.registerSchema("omvcap.Lifecycle", "jsonschema", SCHEMA), Map.of());
        int stdout = w.registerChannel(Topics.STDOUT, Topics.ENCODING_JSON, 0, Map.of());
        long t = 1_700_000_000_000_000_000L;
        w.writeMessage(session, t, json("{\"kind\":\"start\",\"detail\":\"first\"}"));
        w.flush();
        w.addSchema(new Schema(2, "omvcap.Event", "jsonschema", SCHEMA));
        w.writeMessage(session, t + 10, json("{\"kind\":\"resync\",\"detail\":\"second\"}"));
        w.writeMessage(stdout, t + 20, json("{\"text\":\"hello from cam 1\\n\"}"));
        w.flush();
        byte[] bytes;
        if (finished) {
            w.close();
            bytes = out.toByteArray();
        } else {
            bytes = out.toByteArray();
        }
        // corrupt a byte inside the first chunk's records: its CRC no longer matches
        bytes[(int) firstChunkOffset(bytes) + 60] ^= 0x20;
        return bytes;
    }

    private static long firstChunkOffset(byte[] file) throws IOException {
        return recordOffset(file, 0x06, -1);
    }

    private static long messageIndexOffset(byte[] file, int channelId) throws IOException {
        return recordOffset(file, 0x07, channelId);
    }

    /** Offset of the first top-level record with {@code opcode} (and, for message indexes, channel). */
    private static long recordOffset(byte[] file, int opcode, int channelId) throws IOException {
        try (McapStreamReader r = new McapStreamReader(new java.io.ByteArrayInputStream(file), file.length,
                io.omvcap.mcap.McapReadOptions.DEFAULT.withExpandChunks(false))) {
            for (io.omvcap.mcap.McapRecord rec; (rec = r.next()) != null; ) {
                if (rec.opcode() == opcode && (!(rec instanceof io.omvcap.mcap.MessageIndex mi)
                        || mi.channelId() == channelId)) {
                    return r.recordOffset();
                }
            }
        } catch (io.omvcap.mcap.McapFormatException e) {
            // a cut-off file: the records before the cut were seen
        }
        throw new AssertionError("no record with opcode " + opcode);
    }
}

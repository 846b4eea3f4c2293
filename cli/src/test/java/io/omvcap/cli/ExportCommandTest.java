package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.MessageSource;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.parquet.Duck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omvcap export} on sessions recorded from the simulated cam: DuckDB reads every table and
 * finds what {@code omvcap info} counts and {@code omvcap cat} decodes.
 */
class ExportCommandTest {
    @TempDir
    static Path dir;
    static Path normal;
    static Path reference;

    @BeforeAll
    static void record() {
        normal = dir.resolve("normal.mcap");
        reference = dir.resolve("reference.mcap");
        CliRun a = CliRun.of("record", "--port", "sim:fps=10,size=64x48", "--stream", "--duration", "2s",
                "--label", "cam=lab1", "--out", normal.toString());
        assertEquals(0, a.code(), a.err());
        CliRun b = CliRun.of("record", "--port", "sim:reference", "--duration", "3s", "--out",
                reference.toString());
        assertEquals(0, b.code(), b.err());
        // a busy machine can take a while to connect: make sure both sessions did read telemetry
        for (Path p : List.of(normal, reference)) {
            CliRun info = CliRun.of("info", p.toString());
            assertTrue(info.out().contains("/channel/telemetry/telemetry"), p + " has telemetry: " + info.out());
        }
    }

    @Test
    void rowsMatchInfoAndValuesMatchCat() throws Exception {
        Path out = dir.resolve("one");
        CliRun r = CliRun.of("export", normal.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode result = Json.mapper().readTree(r.out());
        String id = result.at("/sessions/0").asText();
        assertTrue(id.startsWith("lab1-"), id);
        JsonNode info = Json.mapper().readTree(CliRun.of("info", normal.toString(), "--json").out());
        try (Duck duck = new Duck()) {
            assertEquals(topicCount(info, "/packets"), duck.count("SELECT count(*) FROM " + Duck.table(out, "packets")));
            assertEquals(topicCount(info, "/events"), duck.count("SELECT count(*) FROM " + Duck.table(out, "events")));
            assertEquals(topicCount(info, "/channel/stream/frame") + topicCount(info, "/channel/frame/frame"),
                    duck.count("SELECT count(*) FROM " + Duck.table(out, "frames")));
            assertEquals(topicCount(info, "/channel/ticks/read") + topicCount(info, "/channel/config/read")
                    + topicCount(info, "/channel/echo/read"), duck.count("SELECT count(*) FROM " + Duck.table(out, "reads")));
            assertEquals(topicCount(info, "/session"), duck.count("SELECT count(*) FROM " + Duck.table(out, "lifecycle")));
            long reads = topicCount(info, "/channel/telemetry/telemetry");
            assertTrue(reads > 5, "telemetry was recorded");
            assertEquals(reads, duck.count("SELECT count(*) FROM " + Duck.table(out, "telemetry_telemetry")));
            assertEquals(reads * 5, duck.count("SELECT count(*) FROM " + Duck.table(out, "telemetry")));

            // telemetry: exactly the values cat decodes, in the same order
            List<Object> fromCat = new ArrayList<>();
            for (JsonNode line : catJson(normal, "/channel/telemetry/telemetry")) {
                for (JsonNode f : line.at("/data")) {
                    fromCat.add(f.get("name").asText() + "=" + f.get("value").asText());
                }
            }
            List<Object> fromParquet = new ArrayList<>();
            for (Map<String, Object> row : duck.rows("SELECT field, value_type, value_double, value_int64, value_bool"
                    + " FROM " + Duck.table(out, "telemetry").replace(")", ", file_row_number=true)")
                    + " ORDER BY file_row_number")) {
                Object v = switch (String.valueOf(row.get("value_type"))) {
                    case "int" -> row.get("value_int64");
                    case "bool" -> row.get("value_bool");
                    default -> row.get("value_double");
                };
                fromParquet.add(row.get("field") + "=" + v);
            }
            assertEquals(fromCat, fromParquet);
            // the wide table: one typed column per field
            Map<String, String> wide = duck.types(Duck.table(out, "telemetry_telemetry"));
            assertEquals("DOUBLE", wide.get("temperature"));
            assertEquals("DOUBLE", wide.get("counter"));
            assertEquals("BIGINT", wide.get("counter__int"));
            assertEquals("BOOLEAN", wide.get("led"));
            assertEquals("TIMESTAMP WITH TIME ZONE", wide.get("time"));
            double avg = ((Number) duck.value("SELECT avg(temperature) FROM " + Duck.table(out, "telemetry_telemetry")))
                    .doubleValue();
            assertTrue(avg > 20 && avg < 25, "avg(temperature) " + avg);

            // events: the codes cat shows; stdout: the lines cat shows
            List<Integer> codes = new ArrayList<>();
            catJson(normal, "/events").forEach(l -> codes.add(l.at("/data/code").asInt()));
            List<Integer> parquetCodes = new ArrayList<>();
            duck.rows("SELECT code FROM " + Duck.table(out, "events").replace(")", ", file_row_number=true)")
                    + " ORDER BY file_row_number").forEach(row -> parquetCodes.add((Integer) row.get("code")));
            assertEquals(codes, parquetCodes);
            StringBuilder text = new StringBuilder();
            catJson(normal, "/stdout").forEach(l -> text.append(l.at("/data/text").asText()));
            List<String> lines = text.toString().lines().toList();
            List<String> parquetLines = new ArrayList<>();
            duck.rows("SELECT text FROM " + Duck.table(out, "stdout") + " ORDER BY line_index")
                    .forEach(row -> parquetLines.add((String) row.get("text")));
            assertEquals(lines, parquetLines);
            assertTrue(lines.size() > 3);

            // frames: the same image bytes, hash for hash
            List<String> archived = frameHashes(normal);
            List<String> exported = new ArrayList<>();
            for (Map<String, Object> row : duck.rows("SELECT data FROM " + Duck.table(out, "frames")
                    .replace(")", ", file_row_number=true)") + " ORDER BY file_row_number")) {
                exported.add(sha256((byte[]) row.get("data")));
            }
            assertEquals(archived, exported);
            assertEquals("lab1", duck.value("SELECT json_extract_string(labels, '$.cam') FROM "
                    + Duck.table(out, "session")));
        }
    }

    @Test
    void twoSessionsWithDifferentFieldsAreOneDataset() throws Exception {
        Path out = dir.resolve("two");
        assertEquals(0, CliRun.of("export", normal.toString(), "--out", out.toString()).code());
        CliRun second = CliRun.of("export", reference.toString(), "--out", out.toString(), "--tables",
                "telemetry,wide,session");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().startsWith("exported 1 session (1 file) to " + out), second.out());
        try (Duck duck = new Duck()) {
            List<Map<String, Object>> rows = duck.rows("SELECT session, count(*) AS n, count(temperature) AS t,"
                    + " count(temp) AS r, count(mirror) AS m FROM " + Duck.table(out, "telemetry_telemetry")
                    + " GROUP BY session ORDER BY session");
            assertEquals(2, rows.size(), rows.toString());
            Map<String, Object> lab = rows.get(0);
            Map<String, Object> sim = rows.get(1);
            assertTrue(((String) lab.get("session")).startsWith("lab1-"), rows.toString());
            assertEquals(lab.get("n"), lab.get("t"));
            assertEquals(0L, ((Number) lab.get("r")).longValue(), "the reference cam's field is null in the other session");
            assertEquals(0L, ((Number) sim.get("t")).longValue(), "and the other way round");
            assertEquals(sim.get("n"), sim.get("r"));
            assertEquals(sim.get("n"), sim.get("m"));
        }
        // re-exporting the first session replaces only its partition
        assertEquals(0, CliRun.of("export", normal.toString(), "--out", out.toString(), "--tables", "session").code());
        try (Duck duck = new Duck()) {
            assertEquals(2L, duck.count("SELECT count(*) FROM " + Duck.table(out, "session")));
        }
    }

    @Test
    void framesAsFiles() throws Exception {
        Path out = dir.resolve("files");
        CliRun r = CliRun.of("export", normal.toString(), "--out", out.toString(), "--frames", "files", "--tables",
                "frames", "--compression", "snappy");
        assertEquals(0, r.code(), r.err());
        List<String> exported = new ArrayList<>();
        try (Duck duck = new Duck()) {
            for (Map<String, Object> row : duck.rows("SELECT file, data, size FROM " + Duck.table(out, "frames")
                    .replace(")", ", file_row_number=true)") + " ORDER BY file_row_number")) {
                assertNull(row.get("data"));
                byte[] bytes = Files.readAllBytes(out.resolve((String) row.get("file")));
                assertEquals(((Number) row.get("size")).intValue(), bytes.length);
                exported.add(sha256(bytes));
            }
        }
        assertEquals(frameHashes(normal), exported);
    }

    @Test
    void usageAndInputErrors() throws Exception {
        assertEquals(ExitCode.USAGE, CliRun.of("export", normal.toString()).code());
        assertEquals(ExitCode.USAGE, CliRun.of("export", "--out", dir.resolve("x").toString()).code());
        CliRun badTable = CliRun.of("export", normal.toString(), "--out", dir.resolve("x").toString(), "--tables", "foo");
        assertEquals(ExitCode.USAGE, badTable.code());
        assertTrue(badTable.err().contains("unknown table 'foo'"), badTable.err());
        assertEquals(ExitCode.USAGE, CliRun.of("export", normal.toString(), "--out", dir.resolve("x").toString(),
                "--row-group-size", "12").code());
        Path junk = dir.resolve("junk.mcap");
        Files.writeString(junk, "not an archive at all");
        Path out = dir.resolve("bad");
        CliRun bad = CliRun.of("export", normal.toString(), junk.toString(), "--out", out.toString());
        assertEquals(ExitCode.ERROR, bad.code());
        assertEquals(1, bad.err().lines().filter(l -> l.contains("error")).count(), bad.err());
        assertTrue(bad.err().contains(junk.toString()), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
        CliRun skipped = CliRun.of("export", normal.toString(), junk.toString(), "--out", out.toString(), "--skip-bad");
        assertEquals(ExitCode.PARTIAL, skipped.code(), skipped.err());
        assertTrue(skipped.out().contains("1 input(s) skipped"), skipped.out());
        Path notDataset = dir.resolve("mine");
        Files.createDirectories(notDataset);
        Files.writeString(notDataset.resolve("keep.txt"), "x");
        CliRun refused = CliRun.of("export", normal.toString(), "--out", notDataset.toString());
        assertEquals(ExitCode.ERROR, refused.code());
        assertTrue(refused.err().contains("--force"), refused.err());
    }

    @Test
    void demoAlsoExportsTheSessionAndReplacesItsDataset() throws Exception {
        Path archive = dir.resolve("demo.mcap");
        Path dataset = dir.resolve("demo-parquet");
        for (int run = 0; run < 2; run++) {
            CliRun r = CliRun.of("demo", "--duration", "1500ms", "--out", archive.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Parquet dataset " + dataset), r.out());
            assertTrue(r.out().contains("telemetry_telemetry"), r.out());
            assertTrue(r.out().contains("exported 1 session (1 file) to " + dataset), r.out());
        }
        try (Duck duck = new Duck()) {
            assertEquals(1L, duck.count("SELECT count(DISTINCT session) FROM " + Duck.table(dataset, "session")),
                    "the demo replaces its own dataset");
            assertTrue(duck.count("SELECT count(temperature) FROM " + Duck.table(dataset, "telemetry_telemetry")) > 0);
        }
    }

    /**
     * A real file-system limit in the middle of an export: the child JVM runs under {@code ulimit -f}
     * (EFBIG past 4 MB, the per-process twin of a full disk). One error line, exit 1, none of the failing
     * session's files left looking complete, and the session exported before it untouched.
     */
    @Test
    void outOfSpaceIsOneErrorAndLeavesNoHalfWrittenFiles() throws Exception {
        Path big = dir.resolve("noise.mcap");
        assertEquals(0, CliRun.of("record", "--port", "sim:fps=20,size=640x480,pattern=noise", "--stream",
                "--duration", "2s", "--out", big.toString()).code());
        Path out = dir.resolve("limited");
        CliRun first = CliRun.of("export", reference.toString(), "--out", out.toString(), "--json");
        assertEquals(0, first.code(), first.err());
        String kept = "session=" + Json.mapper().readTree(first.out()).at("/sessions/0").asText();
        long before;
        try (Duck duck = new Duck()) {
            before = duck.count("SELECT count(*) FROM " + Duck.table(out, "telemetry"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -f 4096; exec \"$0\" -cp \"$1\" io.omvcap.cli.Main export \"$2\" --out \"$3\"";
        Process child = new ProcessBuilder("bash", "-c", cmd, java, System.getProperty("java.class.path"),
                big.toString(), out.toString()).redirectOutput(dir.resolve("limited.out").toFile())
                .redirectError(dir.resolve("limited.err").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("limited.err"));
        assertEquals(ExitCode.ERROR, child.exitValue(), err);
        List<String> errors = err.lines().filter(l -> l.contains("error:")).toList();
        assertEquals(1, errors.size(), err);
        assertTrue(errors.get(0).contains("out of space (File too large)"), err);
        assertFalse(err.contains("\tat "), err);
        try (Stream<Path> files = Files.walk(out)) {
            List<String> left = files.map(p -> out.relativize(p).toString()).filter(p -> p.contains(".staging")
                    || p.endsWith(".inprogress") || p.contains("session=") && !p.contains(kept)).toList();
            assertEquals(List.of(), left, "nothing of the failing session is left");
        }
        try (Duck duck = new Duck()) {
            assertEquals(before, duck.count("SELECT count(*) FROM " + Duck.table(out, "telemetry")));
        }
    }

    private static long topicCount(JsonNode info, String topic) {
        for (JsonNode t : info.at("/topics")) {
            if (t.get("topic").asText().equals(topic)) {
                return t.get("messages").asLong();
            }
        }
        return 0;
    }

    private static List<JsonNode> catJson(Path file, String topic) throws Exception {
        CliRun r = CliRun.of("cat", file.toString(), "--topic", topic, "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            lines.add(Json.mapper().readTree(l));
        }
        return lines;
    }

    /** SHA-256 of every frame's image bytes in archive time order, read through the archive API. */
    private static List<String> frameHashes(Path file) throws Exception {
        List<String> hashes = new ArrayList<>();
        try (SessionReader r = SessionReader.open(file)) {
            List<String> topics = r.topics().stream().filter(t -> t.endsWith("/frame")).toList();
            MessageSource s = r.messages(MessageFilter.ALL.withTopics(java.util.Set.copyOf(topics)));
            for (ArchivedMessage m; (m = s.next()) != null; ) {
                hashes.add(sha256(FrameRecord.fromMap(m.decodeMap()).data()));
            }
        }
        assertFalse(hashes.isEmpty());
        return hashes;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}

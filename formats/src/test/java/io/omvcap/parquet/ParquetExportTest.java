package io.omvcap.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.testing.SampleArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports archives of the golden transcripts and the sample session; DuckDB reads them back. */
class ParquetExportTest {
    @TempDir
    Path dir;

    private static Path sampleSession() {
        Path p = Path.of(System.getProperty("omvcap.shared.dir", "../../shared")).getParent();
        Path local = Path.of("..", "sample-sessions", "sim-session.mcap");
        return Files.exists(local) ? local : p.resolve("sample-sessions/sim-session.mcap");
    }

    @Test
    void everyTableReadsBackWithTheArchivesCountsAndValues() throws Exception {
        Path archive = SampleArchives.write(dir.resolve("e.mcap"), "e-telemetry", Compression.ZSTD);
        Path out = dir.resolve("out");
        ExportResult r = ParquetExport.run(List.of(archive, sampleSession()), ExportOptions.defaults(out)
                .withPacketPayloads(true), ExportListener.NONE);
        assertEquals(2, r.sessions().size(), r.toString());
        assertFalse(r.partial(), r.warnings().toString());
        try (Duck duck = new Duck()) {
            for (Path in : List.of(archive, sampleSession())) {
                String id;
                Counts expected = Counts.of(in);
                try (SessionReader sr = SessionReader.open(in)) {
                    id = Names.sessionId(sr.session().orElseThrow());
                }
                String where = " WHERE session = '" + id + "'";
                assertEquals(expected.packets, duck.count("SELECT count(*) FROM " + Duck.table(out, "packets") + where));
                assertEquals(expected.telemetryRows, duck.count("SELECT count(*) FROM "
                        + Duck.table(out, "telemetry") + where));
                assertEquals(expected.events, duck.count("SELECT count(*) FROM " + Duck.table(out, "events") + where));
                assertEquals(expected.frames, duck.count("SELECT count(*) FROM " + Duck.table(out, "frames") + where));
                assertEquals(1, duck.count("SELECT count(*) FROM " + Duck.table(out, "session") + where));
                // every telemetry value, exactly
                List<Map<String, Object>> rows = duck.rows("SELECT field, value_type, value_double, value_int64,"
                        + " value_bool, value_string FROM " + Duck.table(out, "telemetry").replace(")",
                        ", file_row_number=true)") + where + " ORDER BY file_row_number");
                List<TelemetryField> fields = expected.fields;
                assertEquals(fields.size(), rows.size());
                for (int i = 0; i < fields.size(); i++) {
                    TelemetryField f = fields.get(i);
                    Map<String, Object> row = rows.get(i);
                    assertEquals(f.name(), row.get("field"));
                    Object v = f.value();
                    if (v instanceof Long l) {
                        assertEquals(l, row.get("value_int64"));
                        assertEquals(l.doubleValue(), row.get("value_double"));
                    } else if (v instanceof Double d) {
                        assertEquals(d, row.get("value_double"));
                    } else if (v instanceof Boolean b) {
                        assertEquals(b, row.get("value_bool"));
                    } else if (v instanceof String s) {
                        assertEquals(s, row.get("value_string"));
                    }
                }
            }
            Map<String, String> types = duck.types(Duck.table(out, "packets"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("time"));
            assertEquals("BIGINT", types.get("log_time_ns"));
            assertEquals("VARCHAR", types.get("session"));
            assertEquals("BLOB", types.get("payload"));
            // a packet's payload is the bytes on the wire: CHANNEL_LIST answers name the channels
            assertTrue(duck.count("SELECT count(*) FROM " + Duck.table(out, "packets")
                    + " WHERE opcode_name = 'CHANNEL_LIST' AND direction = 'c2h' AND valid") > 0);
            // time and log_time_ns agree to the microsecond
            assertEquals(0, duck.count("SELECT count(*) FROM " + Duck.table(out, "packets")
                    + " WHERE epoch_us(time) <> log_time_ns // 1000"));
        }
    }

    @Test
    void badInputsFailWithOneLineOrAreSkipped() throws Exception {
        Path garbage = dir.resolve("garbage.mcap");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Path good = SampleArchives.write(dir.resolve("good.mcap"), "e-telemetry", Compression.LZ4);
        Path out = dir.resolve("out");
        ExportException e = assertThrows(ExportException.class, () -> ParquetExport.run(List.of(good, garbage),
                ExportOptions.defaults(out), ExportListener.NONE));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(out.resolve("packets")), "nothing written before every input was checked");
        ExportResult r = ParquetExport.run(List.of(good, garbage), ExportOptions.defaults(out).withSkipBad(true),
                ExportListener.NONE);
        assertTrue(r.partial());
        assertEquals(1, r.skipped().size());
        assertEquals(1, r.sessions().size());
    }

    @Test
    void anExistingFolderIsRefusedUnlessItIsADatasetOrForced() throws Exception {
        Path archive = SampleArchives.write(dir.resolve("e.mcap"), "e-telemetry", Compression.ZSTD);
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        ExportException e = assertThrows(ExportException.class, () -> ParquetExport.run(List.of(archive),
                ExportOptions.defaults(other), ExportListener.NONE));
        assertTrue(e.getMessage().contains("not an omvcap Parquet dataset"), e.getMessage());
        ParquetExport.run(List.of(archive), ExportOptions.defaults(other).withForce(true), ExportListener.NONE);
        assertEquals("mine", Files.readString(other.resolve("notes.txt")), "--force never deletes other files");
        // re-exporting the same session replaces its partition, without --force
        Path out = dir.resolve("out");
        ParquetExport.run(List.of(archive), ExportOptions.defaults(out), ExportListener.NONE);
        ExportResult again = ParquetExport.run(List.of(archive), ExportOptions.defaults(out), ExportListener.NONE);
        try (Duck duck = new Duck(); Stream<Path> parts = Files.walk(out)) {
            assertEquals(again.tables().get("events").rows(), duck.count("SELECT count(*) FROM "
                    + Duck.table(out, "events")));
            assertTrue(parts.noneMatch(p -> p.getFileName().toString().startsWith(".staging")
                    || p.getFileName().toString().endsWith(".inprogress")));
        }
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertThrows(ExportException.class, () -> ParquetExport.run(List.of(archive), ExportOptions.defaults(file)
                .withForce(true), ExportListener.NONE));
    }

    @Test
    void aCutOffFileIsExportedUpToItsLastCompleteChunk() throws Exception {
        Path archive = SampleArchives.write(dir.resolve("e.mcap"), "e-telemetry", Compression.NONE, 2048);
        byte[] all = Files.readAllBytes(archive);
        Path cut = dir.resolve("cut.mcap.part");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
        Path out = dir.resolve("out");
        List<String> warned = new ArrayList<>();
        ExportResult r = ParquetExport.run(List.of(cut), ExportOptions.defaults(out), new ExportListener() {
            @Override
            public void warning(String line) {
                warned.add(line);
            }
        });
        assertTrue(r.partial());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith(cut.toString())), r.warnings().toString());
        long packets = r.tables().get("packets").rows();
        assertTrue(packets > 0, "what came before the cut is exported");
        try (Duck duck = new Duck()) {
            assertEquals(packets, duck.count("SELECT count(*) FROM " + Duck.table(out, "packets")));
            assertEquals(Boolean.FALSE, duck.value("SELECT complete FROM " + Duck.table(out, "session")));
        }
    }

    /** What an independent pass over an archive counts. */
    private record Counts(long packets, long telemetryRows, long events, long frames, List<TelemetryField> fields) {
        static Counts of(Path file) throws Exception {
            long packets = 0;
            long events = 0;
            long frames = 0;
            List<TelemetryField> fields = new ArrayList<>();
            try (SessionReader r = SessionReader.open(file); SessionCursor c = r.cursor(MessageFilter.ALL)) {
                for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                    if (k == SessionCursor.Kind.PACKET) {
                        packets++;
                    } else if (k == SessionCursor.Kind.MESSAGE) {
                        ArchivedMessage m = c.message();
                        if (m.topic().equals(Topics.EVENTS)) {
                            events++;
                        } else if (m.topic().endsWith("/frame")) {
                            frames++;
                        } else if (m.topic().endsWith("/telemetry")) {
                            fields.addAll(TelemetryCodec.decode(m.data()));
                        }
                    }
                }
            }
            return new Counts(packets, fields.size(), events, frames, fields);
        }
    }
}

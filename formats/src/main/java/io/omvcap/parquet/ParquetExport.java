package io.omvcap.parquet;

import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionReader;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.MessageFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Exports session archives to a Parquet dataset: {@code OUT/<table>/session=<id>/part-NNNNN.parquet}
 * for every table of docs/parquet-schema.md. Inputs are archive files or folders of them; the files
 * of a rotated recording form one session. Exporting into an existing dataset adds partitions and
 * replaces those of sessions exported again. Every input is checked before anything is written.
 *
 * <pre>{@code
 * ExportResult r = ParquetExport.run(List.of(Path.of("captures/")), ExportOptions.defaults(Path.of("out")),
 *         ExportListener.NONE);
 * }</pre>
 */
public final class ParquetExport {
    /** The file that marks a folder as a dataset written by this export. */
    public static final String DATASET_MARKER = OutputFolder.MARKER;

    /** Items read from the start of a file without a summary while looking for its session facts. */
    private static final int FACTS_SEARCH_LIMIT = 10_000;

    private ParquetExport() {
    }

    /**
     * Deletes a dataset folder written by this export (the demo replaces its own on every run).
     *
     * @throws ExportException when {@code folder} is not such a dataset
     */
    public static void deleteDataset(Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve(DATASET_MARKER))) {
            throw new ExportException(folder + ": not an omvcap Parquet dataset; not deleting it");
        }
        OutputFolder.deleteTree(folder);
    }

    /** One session: its id and its files in segment order. */
    private record Planned(String id, List<Path> files) {
    }

    /**
     * Runs an export.
     *
     * @throws ExportException for an unreadable input (without {@code skipBad}), an output folder
     *                         that cannot be used, or a write that failed; one line naming the file
     */
    public static ExportResult run(List<Path> inputs, ExportOptions options, ExportListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        ParquetCodecs.requireAvailable(options.compression());
        List<String> skipped = new ArrayList<>();
        List<Path> files = expand(inputs, options, skipped);
        List<Planned> sessions = plan(files, options, skipped, listener);
        List<String> warnings = new ArrayList<>();
        Map<String, ExportResult.TableTotals> totals = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        long totalBytes = 0;
        for (Planned p : sessions) {
            for (Path f : p.files()) {
                totalBytes += Files.size(f);
            }
        }
        PartWriter.WriterSettings settings = new PartWriter.WriterSettings(options.compression(),
                options.rowGroupBytes(), ExportOptions.PAGE_BYTES);
        try (OutputFolder out = OutputFolder.open(options.out(), options.force())) {
            Set<String> exporting = new HashSet<>();
            sessions.forEach(p -> exporting.add(p.id()));
            Map<String, Map<String, ColumnType>> wide = DatasetSchemas.wideTables(out, exporting);
            long[] rowsBefore = {0};
            SessionExport[] current = {null};
            Progress progress = new Progress(totalBytes, listener,
                    () -> rowsBefore[0] + (current[0] == null ? 0 : current[0].rows()));
            Set<String> touched = new LinkedHashSet<>();
            for (Planned p : sessions) {
                listener.session(p.id(), p.files().size());
                Map<String, ExportResult.TableTotals> written = exportSession(out, options, p, wide, progress,
                        warnings, current);
                written.forEach((table, t) -> {
                    totals.merge(table, t, (a, b) -> a.plus(b.rows(), b.bytes(), b.files()));
                    rowsBefore[0] += t.rows();
                    touched.add(table);
                });
                for (String table : written.keySet()) {
                    if (table.startsWith(ExportTable.WIDE_PREFIX)) {
                        DatasetSchemas.addPartition(out, table, p.id(),
                                wide.computeIfAbsent(table, k -> new LinkedHashMap<>()));
                    }
                }
                ids.add(p.id());
            }
            for (String table : touched) {
                DatasetSchemas.writeCommonMetadata(out, table, settings);
            }
        }
        listener.progress(totalBytes, totalBytes, totals.values().stream().mapToLong(ExportResult.TableTotals::rows)
                .sum());
        return new ExportResult(options.out(), ids, totals, files.size(), skipped, warnings,
                (System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, ExportResult.TableTotals> exportSession(OutputFolder out, ExportOptions options,
            Planned p, Map<String, Map<String, ColumnType>> wide, Progress progress, List<String> warnings,
            SessionExport[] current) throws IOException {
        Path file = null;
        try (SessionExport se = new SessionExport(out, options, p.id(), p.files(), wide, progress, warnings)) {
            current[0] = se;
            for (Path f : p.files()) {
                file = f;
                try (SessionReader r = SessionReader.open(f)) {
                    se.segment(r);
                }
            }
            file = null;
            return se.commit();
        } catch (ExportException e) {
            throw e;
        } catch (IOException e) {
            String what = file != null ? "exporting " + file : "writing session " + p.id();
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("No space left on device") || msg.contains("File too large")) {
                throw new ExportException(options.out() + ": out of space (" + (msg.contains("File too large")
                        ? "File too large" : "No space left on device") + ") while " + what
                        + "; that session's unfinished files were removed, sessions exported before it are kept", e);
            }
            throw new ExportException((e instanceof McapFormatException && file != null ? file + ": " : "")
                    + (e instanceof NoSuchFileException n ? n.getFile() + ": no such file" : msg)
                    + " (while " + what + ")", e);
        } finally {
            current[0] = null;
        }
    }

    /** The archive files named by {@code inputs} (folders are searched for *.mcap and *.mcap.part). */
    private static List<Path> expand(List<Path> inputs, ExportOptions options, List<String> skipped)
            throws IOException {
        List<Path> files = new ArrayList<>();
        Path out = options.out().toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    List<Path> found = s.filter(Files::isRegularFile).filter(ParquetExport::isArchiveName)
                            .filter(p -> !p.toAbsolutePath().normalize().startsWith(out))
                            .sorted(Comparator.comparing(Path::toString)).toList();
                    if (found.isEmpty()) {
                        bad(in + ": no .mcap files in this folder", options, skipped);
                    }
                    files.addAll(found);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                bad(in + ": " + (Files.exists(in) ? "not a file or folder" : "no such file or folder"), options,
                        skipped);
            }
        }
        if (files.isEmpty()) {
            throw new ExportException("nothing to export: no readable session archive among the inputs");
        }
        return files;
    }

    private static boolean isArchiveName(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".mcap") || n.endsWith(".mcap.part");
    }

    /** Opens every file, groups files of the same recording, orders segments. */
    private static List<Planned> plan(List<Path> files, ExportOptions options, List<String> skipped,
            ExportListener listener) throws IOException {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        Map<String, String> ids = new HashMap<>();
        Map<Path, Integer> segments = new HashMap<>();
        Set<String> idsTaken = new HashSet<>();
        for (Path f : files) {
            SessionFacts facts;
            try (SessionReader r = SessionReader.open(f)) {
                if (!r.isSession()) {
                    bad(f + ": not an omvcap session archive (MCAP profile '"
                            + (r.header() == null ? "" : r.header().profile()) + "')", options, skipped);
                    continue;
                }
                facts = facts(r);
                if (facts == null) {
                    bad(f + ": no omvcap.session metadata (not a session archive?)", options, skipped);
                    continue;
                }
            } catch (ExportException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                String m = oneLine(e);
                bad(m.startsWith(f.toString()) ? m : f + ": " + m, options, skipped);
                continue;
            }
            String key = facts.clock().anchorWallNanos() + "/" + facts.clock().anchorMonotonicNanos() + "/"
                    + facts.port() + "/" + facts.mode();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            segments.put(f, facts.segment());
            if (!ids.containsKey(key)) {
                String id = Names.sessionId(facts);
                String unique = id;
                for (int n = 2; idsTaken.contains(unique); n++) {
                    unique = id + "-" + n;
                }
                idsTaken.add(unique);
                ids.put(key, unique);
            }
        }
        for (String s : skipped) {
            listener.warning("skipped " + s);
        }
        if (groups.isEmpty()) {
            throw new ExportException("nothing to export: no readable session archive among the inputs");
        }
        List<Planned> plan = new ArrayList<>();
        groups.forEach((key, list) -> {
            List<Path> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((Path p) -> segments.get(p)).thenComparing(Path::toString));
            plan.add(new Planned(ids.get(key), sorted));
        });
        return plan;
    }

    /**
     * The session facts: from the summary, or for a file without one (cut off) from the metadata
     * record written at its start, read by starting a pass.
     */
    private static SessionFacts facts(SessionReader r) throws IOException {
        if (r.session().isPresent() || r.indexed()) {
            return r.session().orElse(null);
        }
        try (SessionCursor c = r.cursor(MessageFilter.ALL)) {
            for (int i = 0; i < FACTS_SEARCH_LIMIT && r.session().isEmpty() && c.next() != null; i++) {
                // the stream reader collects metadata records as it goes
            }
        } catch (McapFormatException e) {
            // damage right at the start: no facts
        }
        return r.session().orElse(null);
    }

    private static void bad(String line, ExportOptions options, List<String> skipped) throws ExportException {
        if (!options.skipBad()) {
            throw new ExportException(line);
        }
        skipped.add(line);
    }

    private static String oneLine(Throwable e) {
        String m = e instanceof NoSuchFileException n ? n.getFile() + ": no such file" : e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}

package io.omvcap.parquet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param out      the dataset folder
 * @param sessions the session ids written, in order
 * @param tables   per table folder: rows and bytes written by this export
 * @param inputs   input files read
 * @param skipped  input files skipped as unreadable (with {@code skipBad}), each "FILE: reason"
 * @param warnings everything else that was lost or cut short, one line each
 * @param seconds  wall time
 */
public record ExportResult(Path out, List<String> sessions, Map<String, TableTotals> tables, int inputs,
        List<String> skipped, List<String> warnings, double seconds) {
    /** Copies. */
    public ExportResult {
        sessions = List.copyOf(sessions);
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** Rows and bytes of one table. */
    public record TableTotals(long rows, long bytes, int files) {
        TableTotals plus(long r, long b, int f) {
            return new TableTotals(rows + r, bytes + b, files + f);
        }
    }

    /** Whether something was skipped or cut short (exit code 3). */
    public boolean partial() {
        return !skipped.isEmpty() || !warnings.isEmpty();
    }

    /** Rows over all tables. */
    public long rows() {
        return tables.values().stream().mapToLong(TableTotals::rows).sum();
    }

    /** Bytes over all tables. */
    public long bytes() {
        return tables.values().stream().mapToLong(TableTotals::bytes).sum();
    }

    /** A map for {@code --json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out", out.toString());
        m.put("sessions", sessions);
        Map<String, Object> t = new LinkedHashMap<>();
        tables.forEach((k, v) -> t.put(k, Map.of("rows", v.rows(), "bytes", v.bytes(), "files", v.files())));
        m.put("tables", t);
        m.put("rows", rows());
        m.put("bytes", bytes());
        m.put("inputs", inputs);
        m.put("skipped", skipped);
        m.put("warnings", warnings);
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("partial", partial());
        return m;
    }
}

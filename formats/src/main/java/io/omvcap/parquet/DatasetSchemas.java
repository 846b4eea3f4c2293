package io.omvcap.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

/**
 * The combined schema of each table of a dataset, rebuilt from the schema every part file keeps
 * in its footer, and the {@code _common_metadata} file that publishes it: a Parquet file without
 * rows whose schema is the union of the table's files, which Spark reads (with default settings)
 * instead of taking one file's schema, so a column only some sessions have is still a column.
 */
final class DatasetSchemas {
    /** The summary file Spark (and parquet-java's readers) take the schema from. */
    static final String COMMON_METADATA = "_common_metadata";

    private DatasetSchemas() {
    }

    /**
     * The columns (name → type, in order of first appearance) of {@code table}'s part files,
     * leaving out the partitions of {@code exclude}d sessions.
     */
    static LinkedHashMap<String, ColumnType> union(OutputFolder out, String table, Set<String> exclude)
            throws IOException {
        LinkedHashMap<String, ColumnType> cols = new LinkedHashMap<>();
        for (Path part : out.partFiles(table)) {
            String partition = part.getParent().getFileName().toString();
            if (exclude.contains(partition.substring(OutputFolder.PARTITION.length()))) {
                continue;
            }
            merge(cols, columnsOf(part));
        }
        return cols;
    }

    /** The union of every wide telemetry table present, for naming new columns consistently. */
    static Map<String, Map<String, ColumnType>> wideTables(OutputFolder out, Set<String> exclude) throws IOException {
        Map<String, Map<String, ColumnType>> m = new HashMap<>();
        for (String table : out.tableFolders()) {
            if (table.startsWith(ExportTable.WIDE_PREFIX)) {
                m.put(table, union(out, table, exclude));
            }
        }
        return m;
    }

    /** Adds the columns of a session's newly committed partition of {@code table} to {@code cols}. */
    static void addPartition(OutputFolder out, String table, String sessionId, Map<String, ColumnType> cols)
            throws IOException {
        for (Path part : out.partFiles(table)) {
            if (part.getParent().getFileName().toString().equals(OutputFolder.PARTITION + sessionId)) {
                merge(cols, columnsOf(part));
            }
        }
    }

    /** Writes {@code table}'s {@code _common_metadata} with the union of its part files. */
    static void writeCommonMetadata(OutputFolder out, String table, PartWriter.WriterSettings settings)
            throws IOException {
        LinkedHashMap<String, ColumnType> cols = union(out, table, Set.of());
        if (cols.isEmpty()) {
            return;
        }
        List<Column> list = new ArrayList<>();
        cols.forEach((n, t) -> list.add(Column.plain(n, t)));
        TableSchema schema = new TableSchema(table, list);
        Map<String, String> md = new LinkedHashMap<>();
        md.put(TableOutput.META_TABLE, table);
        md.put(TableOutput.META_SCHEMA, schema.messageType().toString());
        try (PartWriter w = new PartWriter(out.root().resolve(table).resolve(COMMON_METADATA), schema, settings, md)) {
            w.finish();
        }
    }

    private static void merge(Map<String, ColumnType> into, Map<String, ColumnType> cols) {
        cols.forEach(into::putIfAbsent);
    }

    /** The columns a part file's footer declares; empty for files the export did not write. */
    private static Map<String, ColumnType> columnsOf(Path part) {
        Map<String, ColumnType> cols = new LinkedHashMap<>();
        try {
            String text = Footers.keyValues(part).get(TableOutput.META_SCHEMA);
            if (text == null) {
                return cols;
            }
            MessageType mt = MessageTypeParser.parseMessageType(text);
            for (Type t : mt.getFields()) {
                ColumnType ct = ColumnType.of(t);
                if (ct == null) {
                    return Map.of();
                }
                cols.put(t.getName(), ct);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return cols;
    }
}

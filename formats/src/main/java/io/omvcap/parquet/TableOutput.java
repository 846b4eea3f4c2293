package io.omvcap.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session's partition of one table while it is written: part files in the staging folder,
 * {@code part-00000.parquet} first and a new part whenever the schema grows (a wide table meeting
 * a new field). Each file's footer carries the table, the session, the schema and any column
 * mapping, so the dataset's combined schema can be rebuilt from the files alone.
 */
final class TableOutput implements AutoCloseable {
    /** Footer key: the table (folder) name. */
    static final String META_TABLE = "omvcap.table";
    /** Footer key: the session id. */
    static final String META_SESSION = "omvcap.session_id";
    /** Footer key: the Parquet schema as text (MessageType). */
    static final String META_SCHEMA = "omvcap.schema";
    /** Footer key: the column mapping of a wide table (JSON). */
    static final String META_COLUMNS = "omvcap.columns";

    private final Path dir;
    private final String folder;
    private final PartWriter.WriterSettings settings;
    private final Map<String, String> metadata;
    private PartWriter part;
    private int parts;
    private long rows;
    private long bytes;

    TableOutput(Path stagingDir, String folder, PartWriter.WriterSettings settings, Map<String, String> metadata) {
        this.dir = stagingDir;
        this.folder = folder;
        this.settings = settings;
        this.metadata = metadata;
    }

    /** The table folder name. */
    String folder() {
        return folder;
    }

    /** Starts the next part file with {@code schema}; returns the row to fill. */
    Row open(TableSchema schema, String columnMapping) throws IOException {
        return open(schema, columnMapping, java.util.Set.of());
    }

    /** Whether a part file is open. */
    boolean isOpen() {
        return part != null;
    }

    /** As {@link #open(TableSchema, String)}, with {@code stored} columns left uncompressed. */
    Row open(TableSchema schema, String columnMapping, java.util.Set<String> stored) throws IOException {
        finishPart();
        Map<String, String> md = new LinkedHashMap<>(metadata);
        md.put(META_TABLE, folder);
        md.put(META_SCHEMA, schema.messageType().toString());
        if (columnMapping != null) {
            md.put(META_COLUMNS, columnMapping);
        }
        part = new PartWriter(dir.resolve(String.format("part-%05d.parquet", parts)), schema, settings, md, stored);
        parts++;
        return new Row(schema);
    }

    /** Writes (and clears) a row of the current part. */
    void write(Row row) throws IOException {
        part.write(row);
        rows++;
    }

    /** Part files started. */
    int parts() {
        return parts;
    }

    /** Rows written. */
    long rows() {
        return rows;
    }

    /** Bytes of finished files, plus what the open file holds so far. */
    long bytes() {
        return bytes + (part == null ? 0 : part.dataSize());
    }

    /** Finishes the open part file. */
    void finish() throws IOException {
        finishPart();
    }

    private void finishPart() throws IOException {
        if (part != null) {
            PartWriter p = part;
            part = null;
            bytes += p.finish();
        }
    }

    /** Abandons the open part file, if any. */
    @Override
    public void close() {
        if (part != null) {
            part.close();
            part = null;
        }
    }
}

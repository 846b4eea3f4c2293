package io.omvcap.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * The values of the row being built for one table, by column position; unset columns are written
 * as null. Reused for every row (no allocation per row beyond new strings and byte copies).
 */
public final class Row {
    private static final int MAX_CACHED_STRINGS = 4096;
    private static final int MAX_CACHED_LENGTH = 64;

    private final TableSchema schema;
    private final ColumnType[] types;
    final boolean[] set;
    final long[] longs;
    final double[] doubles;
    final Binary[] binaries;
    private final Map<String, Binary> strings = new HashMap<>();

    /** An empty row of {@code schema}. */
    public Row(TableSchema schema) {
        this.schema = schema;
        int n = schema.size();
        types = new ColumnType[n];
        for (int i = 0; i < n; i++) {
            types[i] = schema.columns().get(i).type();
        }
        set = new boolean[n];
        longs = new long[n];
        doubles = new double[n];
        binaries = new Binary[n];
    }

    /** The schema. */
    public TableSchema schema() {
        return schema;
    }

    /** The type of column {@code col}. */
    ColumnType type(int col) {
        return types[col];
    }

    /**
     * Starts a row of a timed table: clears what a failed row may have left, then sets {@code time}
     * and {@code log_time_ns} (columns 0 and 1) from epoch ns.
     */
    public Row start(long epochNanos) {
        clear();
        longs[0] = Math.floorDiv(epochNanos, 1000L);
        set[0] = true;
        longs[1] = epochNanos;
        set[1] = true;
        return this;
    }

    /** Sets an INT64, INT32 or TIMESTAMP (µs) column. */
    public Row set(int col, long v) {
        longs[col] = v;
        set[col] = true;
        return this;
    }

    /** Sets a DOUBLE column. */
    public Row set(int col, double v) {
        doubles[col] = v;
        set[col] = true;
        return this;
    }

    /** Sets a BOOLEAN column. */
    public Row set(int col, boolean v) {
        longs[col] = v ? 1 : 0;
        set[col] = true;
        return this;
    }

    /** Sets a BOOLEAN column, or null. */
    public Row set(int col, Boolean v) {
        return v == null ? this : set(col, v.booleanValue());
    }

    /** Sets a STRING column (null stays null); short strings are encoded once and reused. */
    public Row set(int col, String v) {
        if (v == null) {
            return this;
        }
        Binary b = v.length() <= MAX_CACHED_LENGTH ? strings.get(v) : null;
        if (b == null) {
            b = Binary.fromConstantByteArray(v.getBytes(StandardCharsets.UTF_8));
            if (v.length() <= MAX_CACHED_LENGTH && strings.size() < MAX_CACHED_STRINGS) {
                strings.put(v, b);
            }
        }
        binaries[col] = b;
        set[col] = true;
        return this;
    }

    /** Sets a BYTES column to a copy of {@code buf[off, off + len)}. */
    public Row set(int col, byte[] buf, int off, int len) {
        binaries[col] = Binary.fromConstantByteArray(Arrays.copyOfRange(buf, off, off + len));
        set[col] = true;
        return this;
    }

    /** Sets a BYTES column to {@code bytes}, which the caller no longer changes (not copied). */
    public Row setOwned(int col, byte[] bytes) {
        if (bytes != null) {
            binaries[col] = Binary.fromConstantByteArray(bytes);
            set[col] = true;
        }
        return this;
    }

    /** Clears every value (all null). */
    public void clear() {
        Arrays.fill(set, false);
        Arrays.fill(binaries, null);
    }
}

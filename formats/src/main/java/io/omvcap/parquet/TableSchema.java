package io.omvcap.parquet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The columns of one table, in file order. Every table starts with {@code time}
 * (TIMESTAMP(MICROS, UTC)) and {@code log_time_ns} (INT64) unless built otherwise.
 */
public final class TableSchema {
    /** The time column every event table has. */
    public static final String TIME = "time";
    /** The exact nanosecond time column. */
    public static final String LOG_TIME_NS = "log_time_ns";

    private final String table;
    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();

    /** A schema of {@code columns} for {@code table}; names must be unique. */
    public TableSchema(String table, List<Column> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            if (index.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException(table + ": duplicate column " + this.columns.get(i).name());
            }
        }
    }

    /** A builder whose first columns are {@code time} and {@code log_time_ns}, set in every row. */
    public static Builder timed(String table) {
        return new Builder(table).add(Column.plain(TIME, ColumnType.TIMESTAMP).asRequired())
                .add(Column.plain(LOG_TIME_NS, ColumnType.INT64).asRequired());
    }

    /** The table name. */
    public String table() {
        return table;
    }

    /** The columns in file order. */
    public List<Column> columns() {
        return columns;
    }

    /** Number of columns. */
    public int size() {
        return columns.size();
    }

    /** The position of column {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The position of column {@code name}; fails when there is none. */
    public int require(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(table + " has no column " + name);
        }
        return i;
    }

    /** The Parquet message type. */
    public MessageType messageType() {
        List<Type> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            fields.add(c.type().field(c.name(), c.required()));
        }
        return new MessageType(table, fields);
    }

    /** Collects columns in order. */
    public static final class Builder {
        private final String table;
        private final List<Column> columns = new ArrayList<>();

        /** A builder for {@code table} with no columns yet. */
        public Builder(String table) {
            this.table = table;
        }

        /** Adds a column. */
        public Builder add(Column c) {
            columns.add(c);
            return this;
        }

        /** Adds a plain column. */
        public Builder plain(String name, ColumnType type) {
            return add(Column.plain(name, type));
        }

        /** Adds a dictionary-encoded column. */
        public Builder dictionary(String name, ColumnType type) {
            return add(Column.dictionary(name, type));
        }

        /** Makes the column added last one that every row has. */
        public Builder required() {
            columns.set(columns.size() - 1, columns.get(columns.size() - 1).asRequired());
            return this;
        }

        /** Drops min/max statistics from the column added last (labels nobody filters ranges on). */
        public Builder noStatistics() {
            columns.set(columns.size() - 1, columns.get(columns.size() - 1).withoutStatistics());
            return this;
        }

        /** Adds a byte blob column. */
        public Builder blob(String name) {
            return add(Column.blob(name));
        }

        /** The schema. */
        public TableSchema build() {
            return new TableSchema(table, columns);
        }
    }
}

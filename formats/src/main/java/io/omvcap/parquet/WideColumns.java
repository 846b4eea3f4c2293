package io.omvcap.parquet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field columns of one wide telemetry table ({@code telemetry_<channel>}) and how fields map to
 * them. A field's column is its sanitised name; a second field that sanitises to the same name gets
 * {@code __2}; numbers go to a DOUBLE column and integers also to {@code <name>__int} (INT64); a
 * kind whose bare name is taken by another type (in this session, or in sessions already in the
 * dataset) gets {@code __num}, {@code __bool} or {@code __str}. So a column has one type in the
 * whole dataset, and the mapping (column → field, kind) goes into every file's metadata.
 */
final class WideColumns {
    /** Columns every wide table starts with. */
    static final List<Column> FIXED = List.of(Column.plain(TableSchema.TIME, ColumnType.TIMESTAMP).asRequired(),
            Column.plain(TableSchema.LOG_TIME_NS, ColumnType.INT64).asRequired(),
            Column.plain("read_index", ColumnType.INT64).asRequired());
    private static final Set<String> RESERVED = Set.of(TableSchema.TIME, TableSchema.LOG_TIME_NS, "read_index",
            "session");

    private final Map<String, ColumnType> dataset;
    private final LinkedHashMap<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> mapping = new LinkedHashMap<>();
    private final Map<String, String> baseOfField = new HashMap<>();
    private final Set<String> bases = new HashSet<>();
    private final Map<String, EnumMap<ValueKind, String>> byField = new HashMap<>();
    private boolean changed;

    /** Columns for a table whose other sessions already have {@code dataset} (name → type). */
    WideColumns(Map<String, ColumnType> dataset) {
        this.dataset = dataset;
    }

    /** The column of {@code field}'s values of {@code kind}, added when new. */
    String column(String field, ValueKind kind) {
        EnumMap<ValueKind, String> cols = byField.computeIfAbsent(field, f -> new EnumMap<>(ValueKind.class));
        String name = cols.get(kind);
        if (name != null) {
            return name;
        }
        String base = baseOfField.computeIfAbsent(field, this::newBase);
        String candidate = kind == ValueKind.INT ? base + Names.SUFFIX + kind.suffix() : base;
        if (conflicts(candidate, kind.type())) {
            candidate = base + Names.SUFFIX + kind.suffix();
        }
        String unique = candidate;
        for (int n = 2; conflicts(unique, kind.type()); n++) {
            unique = candidate + Names.SUFFIX + n;
        }
        if (!columns.containsKey(unique)) {
            columns.put(unique, Column.plain(unique, kind.type()));
            mapping.put(unique, Map.of("field", field, "kind", kind.wireName()));
            changed = true;
        }
        cols.put(kind, unique);
        return unique;
    }

    private boolean conflicts(String name, ColumnType type) {
        Column mine = columns.get(name);
        if (mine != null) {
            return mine.type() != type;
        }
        ColumnType other = dataset.get(name);
        return other != null && other != type;
    }

    private String newBase(String field) {
        String s = Names.sanitize(field);
        String base = s;
        for (int n = 2; RESERVED.contains(base) || bases.contains(base); n++) {
            base = s + Names.SUFFIX + n;
        }
        bases.add(base);
        return base;
    }

    /** Whether columns were added since the last {@link #schema}. */
    boolean changed() {
        return changed;
    }

    /** The table schema with every column so far; clears {@link #changed()}. */
    TableSchema schema(String table) {
        changed = false;
        List<Column> all = new ArrayList<>(FIXED);
        all.addAll(columns.values());
        return new TableSchema(table, all);
    }

    /** Column → {field, kind} of every field column so far. */
    Map<String, Map<String, String>> mapping() {
        return mapping;
    }
}

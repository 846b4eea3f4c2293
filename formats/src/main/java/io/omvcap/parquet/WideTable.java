package io.omvcap.parquet;

import io.omvcap.archive.ArchiveCodec;
import io.omvcap.telemetry.TelemetryField;
import java.io.IOException;
import java.util.List;

/**
 * One wide telemetry table of a session: a row per read with a column per field. When a read
 * brings a field (or a value type) the open part file has no column for, the part is finished and
 * a new one starts with the wider schema; readers see the union (docs/parquet-schema.md).
 */
final class WideTable {
    private final TableOutput out;
    private final String table;
    private TableSchema schema;
    private Row row;

    WideTable(TableOutput out, String table) {
        this.out = out;
        this.table = table;
    }

    /** Adds the row of one read; {@code columns} already holds every column the fields need. */
    void add(long time, long readIndex, List<TelemetryField> fields, WideColumns columns) throws IOException {
        if (row == null || columns.changed()) {
            schema = columns.schema(table);
            row = out.open(schema, ArchiveCodec.jsonText(columns.mapping()));
        }
        row.start(time).set(2, readIndex);
        for (TelemetryField f : fields) {
            Object v = f.value();
            ValueKind k = ValueKind.of(v);
            if (k == null) {
                continue;
            }
            switch (k) {
                case INT -> {
                    row.set(schema.indexOf(columns.column(f.name(), ValueKind.DOUBLE)), ((Number) v).doubleValue());
                    row.set(schema.indexOf(columns.column(f.name(), ValueKind.INT)), ((Number) v).longValue());
                }
                case DOUBLE -> row.set(schema.indexOf(columns.column(f.name(), k)), ((Number) v).doubleValue());
                case BOOL -> row.set(schema.indexOf(columns.column(f.name(), k)), ((Boolean) v).booleanValue());
                case STRING -> row.set(schema.indexOf(columns.column(f.name(), k)), TelemetryRows.text(v));
                default -> {
                }
            }
        }
        out.write(row);
    }
}

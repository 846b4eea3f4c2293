package io.omvcap.parquet;

import java.util.List;
import java.util.Map;

/**
 * The kind of a telemetry value and the column type it is exported as. Numbers are always DOUBLE
 * (integers too, so a field's type never depends on the values a session happened to send); where
 * the cam sent an integer, its exact value also goes to an INT64 column.
 */
enum ValueKind {
    /** A number; its DOUBLE column. */
    DOUBLE("double", ColumnType.DOUBLE, "num"),
    /** The exact value of an integer; its INT64 column (besides the DOUBLE one). */
    INT("int", ColumnType.INT64, "int"),
    /** true/false. */
    BOOL("bool", ColumnType.BOOLEAN, "bool"),
    /** Text, and arrays/maps as JSON text. */
    STRING("string", ColumnType.STRING, "str");

    private final String wireName;
    private final ColumnType type;
    private final String suffix;

    ValueKind(String wireName, ColumnType type, String suffix) {
        this.wireName = wireName;
        this.type = type;
        this.suffix = suffix;
    }

    /** The name in {@code value_type} and the column mapping. */
    String wireName() {
        return wireName;
    }

    /** The column type. */
    ColumnType type() {
        return type;
    }

    /** The column-name suffix used when the bare field name is taken by another type. */
    String suffix() {
        return suffix;
    }

    /** The kind of a decoded telemetry value, or {@code null} for null and byte strings. */
    static ValueKind of(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return INT;
        }
        if (v instanceof Number) {
            return DOUBLE;
        }
        if (v instanceof Boolean) {
            return BOOL;
        }
        if (v instanceof String || v instanceof List<?> || v instanceof Map<?, ?>) {
            return STRING;
        }
        return null;
    }
}

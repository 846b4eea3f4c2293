package io.omvcap.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The column types the export writes: only types every engine reads with its defaults (no
 * TIMESTAMP(NANOS), UUID, TIME, INTERVAL or unsigned 64-bit). A column a session lacks reads as null.
 */
public enum ColumnType {
    /** {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}: Spark's {@code timestamp}. */
    TIMESTAMP("timestamp"),
    /** {@code INT64}. */
    INT64("bigint"),
    /** {@code INT32}. */
    INT32("int"),
    /** {@code DOUBLE}. */
    DOUBLE("double"),
    /** {@code BOOLEAN}. */
    BOOLEAN("boolean"),
    /** {@code BINARY STRING} (UTF-8). */
    STRING("string"),
    /** {@code BINARY} without annotation: raw bytes. */
    BYTES("binary");

    private final String sqlName;

    ColumnType(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The SQL type engines show for it (Spark's names). */
    public String sqlName() {
        return sqlName;
    }

    /** The Parquet field of this type named {@code name}, optional unless {@code required}. */
    PrimitiveType field(String name, boolean required) {
        Type.Repetition r = required ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
        return switch (this) {
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, r).named(name);
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, r).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, r).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, r).named(name);
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(name);
            case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, r).named(name);
        };
    }

    /** The type of a Parquet field written by {@link #field}, or {@code null} for any other. */
    static ColumnType of(Type t) {
        if (!t.isPrimitive()) {
            return null;
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case INT64 -> a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? TIMESTAMP
                    : a == null ? INT64 : null;
            case INT32 -> a == null ? INT32 : null;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case BINARY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? STRING
                    : a == null ? BYTES : null;
            default -> null;
        };
    }
}

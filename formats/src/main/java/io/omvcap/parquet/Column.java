package io.omvcap.parquet;

/**
 * One column of an exported table.
 *
 * @param name       the (sanitised) column name
 * @param type       its type
 * @param dictionary whether dictionary encoding pays (few distinct values: names, kinds, units)
 * @param statistics whether min/max statistics pay (everything but opaque byte blobs and labels)
 * @param required   whether every row has a value (no definition levels to write); the
 *                   dataset's combined schema lists every column as nullable all the same
 */
public record Column(String name, ColumnType type, boolean dictionary, boolean statistics, boolean required) {
    /** A plain nullable column: statistics, no dictionary. */
    public static Column plain(String name, ColumnType type) {
        return new Column(name, type, false, true, false);
    }

    /** A low-cardinality nullable column: dictionary-encoded, with statistics. */
    public static Column dictionary(String name, ColumnType type) {
        return new Column(name, type, true, true, false);
    }

    /** An opaque byte column (images, payloads): neither dictionary nor statistics. */
    public static Column blob(String name) {
        return new Column(name, ColumnType.BYTES, false, false, false);
    }

    /** The same column, present in every row. */
    public Column asRequired() {
        return new Column(name, type, dictionary, statistics, true);
    }

    /** The same column without min/max statistics. */
    public Column withoutStatistics() {
        return new Column(name, type, dictionary, false, required);
    }
}

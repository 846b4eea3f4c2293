package io.omvcap.parquet;

/**
 * One column of an exported table.
 *
 * @param name       the (sanitised) column name
 * @param type       its type
 * @param dictionary whether dictionary encoding pays (few distinct values: names, kinds, units)
 * @param statistics whether min/max statistics pay (everything but opaque byte blobs)
 */
public record Column(String name, ColumnType type, boolean dictionary, boolean statistics) {
    /** A plain column: statistics, no dictionary. */
    public static Column plain(String name, ColumnType type) {
        return new Column(name, type, false, true);
    }

    /** A low-cardinality column: dictionary-encoded, with statistics. */
    public static Column dictionary(String name, ColumnType type) {
        return new Column(name, type, true, true);
    }

    /** An opaque byte column (images, payloads): neither dictionary nor statistics. */
    public static Column blob(String name) {
        return new Column(name, ColumnType.BYTES, false, false);
    }
}

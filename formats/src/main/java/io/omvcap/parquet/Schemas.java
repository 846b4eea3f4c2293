package io.omvcap.parquet;

import static io.omvcap.parquet.ColumnType.BOOLEAN;
import static io.omvcap.parquet.ColumnType.DOUBLE;
import static io.omvcap.parquet.ColumnType.INT32;
import static io.omvcap.parquet.ColumnType.INT64;
import static io.omvcap.parquet.ColumnType.STRING;
import static io.omvcap.parquet.ColumnType.TIMESTAMP;

/**
 * The fixed table layouts, defined once (docs/parquet-schema.md documents each column). Column
 * positions are looked up once by the row builders.
 */
public final class Schemas {
    /** {@code packets}. */
    public static final TableSchema PACKETS = TableSchema.timed("packets")
            .dictionary("direction", STRING).required().plain("offset", INT64).required().plain("seq", INT32)
            .dictionary("channel_id", INT32).dictionary("channel", STRING).dictionary("flags", INT32)
            .dictionary("flag_names", STRING).dictionary("opcode", INT32).dictionary("opcode_name", STRING)
            .plain("length", INT32).plain("valid", BOOLEAN).required().dictionary("reason", STRING)
            .plain("seq_ok", BOOLEAN).plain("wire_bytes", INT32).required().blob("payload").build();

    /** {@code reads} (and {@code writes}, same columns). */
    public static final TableSchema READS = channelData("reads");
    /** {@code writes}. */
    public static final TableSchema WRITES = channelData("writes");

    /** {@code telemetry}, the long form. */
    public static final TableSchema TELEMETRY = TableSchema.timed("telemetry")
            .dictionary("channel_id", INT32).dictionary("channel", STRING).required().plain("read_index", INT64)
            .required().dictionary("field", STRING).required().dictionary("column", STRING).noStatistics()
            .dictionary("widget", STRING).noStatistics().dictionary("unit", STRING).noStatistics()
            .dictionary("value_type", STRING).required().noStatistics().plain("value_double", DOUBLE)
            .plain("value_int64", INT64).plain("value_bool", BOOLEAN).plain("value_string", STRING).build();

    /** {@code frames}. */
    public static final TableSchema FRAMES = TableSchema.timed("frames")
            .dictionary("channel_id", INT32).required().dictionary("channel", STRING).dictionary("width", INT32)
            .required().dictionary("height", INT32).required().dictionary("pixformat", INT64).required()
            .dictionary("format", STRING).plain("size", INT32).required().blob("data").plain("file", STRING)
            .build();

    /** {@code events}. */
    public static final TableSchema EVENTS = TableSchema.timed("events")
            .dictionary("channel_id", INT32).dictionary("channel", STRING).dictionary("kind", STRING)
            .dictionary("code", INT32).dictionary("name", STRING).build();

    /** {@code stdout}. */
    public static final TableSchema STDOUT = TableSchema.timed("stdout")
            .plain("line_index", INT64).plain("text", STRING).build();

    /** {@code lifecycle}. */
    public static final TableSchema LIFECYCLE = TableSchema.timed("lifecycle")
            .dictionary("kind", STRING).plain("detail", STRING).plain("gap_ns", INT64).plain("next_file", STRING)
            .plain("extra", STRING).build();

    /** {@code session}: one row per archive file. */
    public static final TableSchema SESSION = new TableSchema.Builder("session")
            .plain("time", TIMESTAMP).plain("log_time_ns", INT64)
            .plain("segment", INT32).plain("file", STRING).plain("file_bytes", INT64).plain("complete", BOOLEAN)
            .plain("damage", STRING).plain("format_version", INT32).plain("tool_version", STRING)
            .plain("mode", STRING).plain("port", STRING).plain("baud", INT32).plain("start_time", TIMESTAMP)
            .plain("end_time", TIMESTAMP).plain("labels", STRING).plain("firmware_version", STRING)
            .plain("protocol_version", STRING).plain("bootloader_version", STRING).plain("cpu_id", STRING)
            .plain("device_id", STRING).plain("usb_id", STRING).plain("sensor_chip_ids", STRING)
            .plain("max_payload", INT32).plain("channels", STRING).plain("messages", INT64)
            .plain("packets", INT64).plain("invalid_packets", INT64).plain("frames", INT64)
            .plain("telemetry_reads", INT64).plain("stdout_lines", INT64).plain("events", INT64)
            .plain("reconnects", INT64).plain("totals", STRING).build();

    private Schemas() {
    }

    private static TableSchema channelData(String table) {
        return TableSchema.timed(table).dictionary("channel_id", INT32).required().dictionary("channel", STRING)
                .plain("offset", INT64).required().plain("size", INT32).required().blob("data").build();
    }

    /** The schema of a fixed table ({@link ExportTable#WIDE} has none). */
    public static TableSchema of(ExportTable t) {
        return switch (t) {
            case PACKETS -> PACKETS;
            case READS -> READS;
            case WRITES -> WRITES;
            case TELEMETRY -> TELEMETRY;
            case FRAMES -> FRAMES;
            case EVENTS -> EVENTS;
            case STDOUT -> STDOUT;
            case LIFECYCLE -> LIFECYCLE;
            case SESSION -> SESSION;
            case WIDE -> throw new IllegalArgumentException("the wide telemetry tables have per-channel schemas");
        };
    }
}

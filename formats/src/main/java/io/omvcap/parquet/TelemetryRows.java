package io.omvcap.parquet;

import io.omvcap.archive.ArchiveCodec;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.telemetry.TelemetryField;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the long {@code telemetry} table (one row per field per read, the value in the column of
 * its type) and the wide {@code telemetry_<channel>} tables (one row per read, one column per
 * field), from the decoded CBOR of each telemetry read.
 */
final class TelemetryRows {
    /** Opens the partition of a wide table. */
    interface WideOpener {
        /** The output for table folder {@code table}. */
        TableOutput open(String table) throws IOException;
    }

    private final TableSchema s = Schemas.TELEMETRY;
    private final int channelIdCol = s.require("channel_id");
    private final int channelCol = s.require("channel");
    private final int readIndexCol = s.require("read_index");
    private final int fieldCol = s.require("field");
    private final int columnCol = s.require("column");
    private final int widgetCol = s.require("widget");
    private final int unitCol = s.require("unit");
    private final int typeCol = s.require("value_type");
    private final int doubleCol = s.require("value_double");
    private final int intCol = s.require("value_int64");
    private final int boolCol = s.require("value_bool");
    private final int stringCol = s.require("value_string");
    private final TableOutput longOut;
    private final Row longRow;
    private final WideOpener wideOpener;
    private final Map<String, Map<String, ColumnType>> dataset;
    private final ChannelNames names;
    private final Map<String, Channel> channels = new HashMap<>();
    private final Map<String, String> tableOfChannel = new HashMap<>();
    private long rows;

    /**
     * @param longOut    the long table's output, or null when it is not exported
     * @param wideOpener opens wide tables, or null when they are not exported
     * @param dataset    the columns the dataset's other sessions have, per wide table
     */
    TelemetryRows(TableOutput longOut, WideOpener wideOpener, Map<String, Map<String, ColumnType>> dataset,
            ChannelNames names) throws IOException {
        this.longOut = longOut;
        this.longRow = longOut == null ? null : longOut.open(s, null);
        this.wideOpener = wideOpener;
        this.dataset = dataset;
        this.names = names;
    }

    /** Long-table rows written. */
    long rows() {
        return rows;
    }

    /** Adds one read of the channel whose topic name is {@code topicName}. */
    void add(String topicName, long time, List<TelemetryField> fields) throws IOException {
        Channel ch = channels.get(topicName);
        if (ch == null) {
            ch = newChannel(topicName);
            channels.put(topicName, ch);
        }
        long readIndex = ch.reads++;
        String[] primary = new String[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            TelemetryField f = fields.get(i);
            ValueKind k = ValueKind.of(f.value());
            primary[i] = k == null ? null : ch.columns.column(f.name(), k == ValueKind.INT ? ValueKind.DOUBLE : k);
            if (k == ValueKind.INT) {
                ch.columns.column(f.name(), ValueKind.INT);
            }
        }
        if (ch.wide != null) {
            ch.wide.add(time, readIndex, fields, ch.columns);
        }
        if (longRow == null) {
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            TelemetryField f = fields.get(i);
            Row r = longRow.start(time).set(channelCol, ch.name).set(readIndexCol, readIndex).set(fieldCol, f.name())
                    .set(columnCol, primary[i]).set(widgetCol, f.widget()).set(unitCol, f.unit());
            if (ch.id >= 0) {
                r.set(channelIdCol, ch.id);
            }
            Object v = f.value();
            ValueKind k = ValueKind.of(v);
            r.set(typeCol, k == null ? (v == null ? "null" : "bytes") : k.wireName());
            if (k != null) {
                switch (k) {
                    case INT -> r.set(intCol, ((Number) v).longValue()).set(doubleCol, ((Number) v).doubleValue());
                    case DOUBLE -> r.set(doubleCol, ((Number) v).doubleValue());
                    case BOOL -> r.set(boolCol, ((Boolean) v).booleanValue());
                    case STRING -> r.set(stringCol, text(v));
                    default -> {
                    }
                }
            }
            longOut.write(r);
            rows++;
        }
    }

    /** A string value as is; arrays and maps as JSON text. */
    static String text(Object v) {
        return v instanceof String str ? str : ArchiveCodec.jsonText(v);
    }

    private Channel newChannel(String topicName) throws IOException {
        ChannelEntry e = names.ofTopicName(topicName);
        String name = e != null ? e.name() : topicName;
        String base = ExportTable.WIDE_PREFIX + Names.sanitize(name);
        String table = base;
        for (int n = 2; tableOfChannel.containsKey(table) && !tableOfChannel.get(table).equals(topicName); n++) {
            table = base + Names.SUFFIX + n;
        }
        tableOfChannel.put(table, topicName);
        WideColumns columns = new WideColumns(dataset.getOrDefault(table, Map.of()));
        WideTable wide = wideOpener == null ? null : new WideTable(wideOpener.open(table), table);
        return new Channel(name, e != null ? e.id() : -1, columns, wide);
    }

    /** What is known about one telemetry channel. */
    private static final class Channel {
        final String name;
        final int id;
        final WideColumns columns;
        final WideTable wide;
        long reads;

        Channel(String name, int id, WideColumns columns, WideTable wide) {
            this.name = name;
            this.id = id;
            this.columns = columns;
            this.wide = wide;
        }
    }
}

package io.omvcap.parquet;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables of an export (docs/parquet-schema.md), each a folder of the dataset. {@link #WIDE}
 * stands for the per-channel tables {@code telemetry_<channel>}.
 */
public enum ExportTable {
    /** Every framed packet, both directions (derived from the wire bytes). */
    PACKETS("packets"),
    /** Reassembled reads of channels that are neither frames, telemetry nor stdout. */
    READS("reads"),
    /** Host writes. */
    WRITES("writes"),
    /** Telemetry, long form: one row per field per read. */
    TELEMETRY("telemetry"),
    /** Telemetry, wide form: one table per telemetry channel, one column per field. */
    WIDE("telemetry_<channel>"),
    /** Frames with their image bytes or the path of a written image file. */
    FRAMES("frames"),
    /** Events from the cam. */
    EVENTS("events"),
    /** Script output, one row per line. */
    STDOUT("stdout"),
    /** One row per archive file (segment): metadata, labels, device facts, totals. */
    SESSION("session"),
    /** The recorder's lifecycle events ({@code /session}). */
    LIFECYCLE("lifecycle");

    /** The prefix of the wide tables' folder names. */
    public static final String WIDE_PREFIX = "telemetry_";

    private final String folder;

    ExportTable(String folder) {
        this.folder = folder;
    }

    /** The folder name ({@code telemetry_<channel>} for {@link #WIDE}). */
    public String folder() {
        return folder;
    }

    /** The name used in {@code --tables}: the folder name, or {@code wide}. */
    public String cliName() {
        return this == WIDE ? "wide" : folder;
    }

    /** Parses a comma-separated {@code --tables} list; {@code all} selects every table. */
    public static Set<ExportTable> parseList(String list) {
        Set<ExportTable> set = EnumSet.noneOf(ExportTable.class);
        for (String part : list.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                set.addAll(EnumSet.allOf(ExportTable.class));
                continue;
            }
            ExportTable t = null;
            for (ExportTable c : values()) {
                if (c.cliName().equals(name) || c.folder.equals(name)) {
                    t = c;
                }
            }
            if (t == null) {
                throw new IllegalArgumentException("unknown table '" + part.strip() + "' (tables: " + names() + ", all)");
            }
            set.add(t);
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no table named (tables: " + names() + ", all)");
        }
        return set;
    }

    /** The {@code --tables} names, comma-separated. */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (ExportTable t : values()) {
            n.add(t.cliName());
        }
        return String.join(", ", n);
    }
}

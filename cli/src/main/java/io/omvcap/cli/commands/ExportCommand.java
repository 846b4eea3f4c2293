package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.ExportProgress;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.Units;
import io.omvcap.cli.UsageException;
import io.omvcap.parquet.ExportCompression;
import io.omvcap.parquet.ExportOptions;
import io.omvcap.parquet.ExportResult;
import io.omvcap.parquet.ExportTable;
import io.omvcap.parquet.FrameMode;
import io.omvcap.parquet.ParquetExport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap export FILE|DIR... --out DIR}: session archives to a Parquet dataset. */
public final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export session archives to a Parquet dataset (DuckDB, pandas, Spark read it as-is)";
    }

    @Override
    public String arguments() {
        return "FILE|DIR...";
    }

    @Override
    public String details() {
        return """
                Writes OUT/<table>/session=<id>/part-NNNNN.parquet (hive partitioning) for every input, so one
                session and a thousand are the same dataset. Folders are searched for *.mcap and *.mcap.part;
                the files of a rotated recording are one session. Exporting into an existing dataset adds its
                sessions' partitions and replaces those of sessions exported again; any other existing folder
                is refused without --force. Tables: %s (default: all; 'wide' = one
                telemetry_<channel> table per telemetry channel). Columns: docs/parquet-schema.md.
                Exit codes: 0 done, 1 error (nothing of the failing session is kept), 2 usage, 3 partial
                (an input skipped, damaged or cut off; what could be read was exported).

                Examples:
                  omvcap export demo-session.mcap --out demo-parquet
                  omvcap export captures/ --out /data/parquet --tables telemetry,wide,events
                  omvcap export cam1/ cam2/ --out fleet --frames files --skip-bad
                  duckdb -c "SELECT avg(temperature) FROM read_parquet('demo-parquet/telemetry_telemetry/*/*.parquet')"
                """.formatted(ExportTable.names());
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR").desc("dataset folder (required)").build());
        o.addOption(Option.builder().longOpt("tables").hasArg().argName("LIST")
                .desc("tables to write, comma-separated (default all)").build());
        o.addOption(Option.builder().longOpt("frames").hasArg().argName("inline|files|none")
                .desc("frame images in the table (default), as files under OUT/frame_files, or left out").build());
        o.addOption(Option.builder().longOpt("compression").hasArg().argName("zstd|snappy|none")
                .desc("page compression (default zstd)").build());
        o.addOption(Option.builder().longOpt("row-group-size").hasArg().argName("N")
                .desc("row-group size before compression, e.g. 64M (default), 1M..1G").build());
        o.addOption(Option.builder().longOpt("packet-payloads").desc("also store each packet's payload bytes").build());
        o.addOption(Option.builder().longOpt("force").desc("write into an existing folder that is not an omvcap dataset").build());
        o.addOption(Option.builder().longOpt("skip-bad").desc("skip unreadable inputs (exit 3) instead of stopping (exit 1)").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print the result as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        List<String> args = line.getArgList();
        if (args.isEmpty()) {
            throw new UsageException("missing FILE|DIR (session archives or folders of them)");
        }
        if (!line.hasOption("out")) {
            throw new UsageException("missing --out DIR (the dataset folder)");
        }
        ExportOptions options = parse(line, Path.of(line.getOptionValue("out")));
        List<Path> inputs = new ArrayList<>();
        args.forEach(a -> inputs.add(Path.of(a)));
        ExportResult result;
        try (ExportProgress progress = new ExportProgress(terminal, name())) {
            result = ParquetExport.run(inputs, options, progress);
        }
        for (String w : result.warnings()) {
            terminal.err().println("omvcap export: warning: " + w);
        }
        if (line.hasOption("json")) {
            terminal.out().println(Json.pretty(result.toMap()));
        } else {
            terminal.out().println(summary(result));
        }
        return result.partial() ? ExitCode.PARTIAL : ExitCode.OK;
    }

    /** Parses the export options. */
    static ExportOptions parse(CommandLine line, Path out) throws UsageException {
        EnumSet<ExportTable> tables;
        try {
            tables = EnumSet.copyOf(ExportTable.parseList(line.getOptionValue("tables", "all")));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tables: " + e.getMessage());
        }
        FrameMode frames = FrameMode.parse(Args.choice(line, "frames", "inline", "inline", "files", "none"));
        ExportCompression compression = ExportCompression.parse(
                Args.choice(line, "compression", "zstd", "zstd", "snappy", "none"));
        long rowGroup = Args.sizeOption(line, "row-group-size", ExportOptions.DEFAULT_ROW_GROUP_BYTES);
        if (rowGroup < ExportOptions.MIN_ROW_GROUP_BYTES || rowGroup > ExportOptions.MAX_ROW_GROUP_BYTES) {
            throw new UsageException("--row-group-size must be between 1M and 1G, got '"
                    + line.getOptionValue("row-group-size") + "'");
        }
        return new ExportOptions(out, tables, frames, compression, rowGroup, line.hasOption("packet-payloads"),
                line.hasOption("force"), line.hasOption("skip-bad"));
    }

    /** The one-line summary: sessions, tables, rows, bytes, seconds. */
    public static String summary(ExportResult r) {
        return String.format(Locale.ROOT, "exported %d session%s (%d file%s) to %s: %d tables, %,d rows, %s in %.1f s%s",
                r.sessions().size(), r.sessions().size() == 1 ? "" : "s", r.inputs(), r.inputs() == 1 ? "" : "s",
                r.out(), r.tables().size(), r.rows(), Units.bytes(r.bytes()), r.seconds(),
                r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " input(s) skipped");
    }

    /** One line per table: folder, rows, bytes (what {@code demo} shows). */
    public static void printTables(PrintStream out, ExportResult r) {
        int width = r.tables().keySet().stream().mapToInt(String::length).max().orElse(8);
        r.tables().forEach((table, t) -> out.printf(Locale.ROOT, "  %-" + width + "s %,12d rows %10s  %s%n", table,
                t.rows(), Units.bytes(t.bytes()), r.out().resolve(table) + "/"));
    }
}

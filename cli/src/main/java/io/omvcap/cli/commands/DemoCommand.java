package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.ExportProgress;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.parquet.ExportOptions;
import io.omvcap.parquet.ExportResult;
import io.omvcap.parquet.ParquetExport;
import io.omvcap.record.RecordOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap demo}: a short recording from the built-in simulated cam, then its summary. */
public final class DemoCommand implements Command {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "record a few seconds from the simulated cam into ./demo-session.mcap, show it, replay it";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String details() {
        return """
                The simulated cam runs in-process (port sim:): stdout prints, a JPEG preview stream, and the
                channels a telemetry script registers (ticks, echo, frame, telemetry, config).
                The session is then replayed to the Java host client, which must read every recorded payload back,
                and exported to a Parquet dataset beside it (demo-session-parquet/, replaced on every run;
                --no-export skips it), whose tables are listed.
                Try afterwards: omvcap cat demo-session.mcap --topic '/channel/*/telemetry'
                                omvcap replay demo-session.mcap --link /tmp/omvcam
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("d").longOpt("duration").hasArg().argName("T").desc("how long to record (default 5s)").build());
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("FILE.mcap").desc("output file (default demo-session.mcap)").build());
        o.addOption(Option.builder().longOpt("sim").hasArg().argName("SETTINGS")
                .desc("simulated cam settings, e.g. fps=30,size=640x480 (see 'omvcap sim --help')").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print the summary as JSON").build());
        o.addOption(Option.builder().longOpt("no-export").desc("do not export the session to Parquet").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Args.none(line);
        Duration duration = Args.durationOption(line, "duration", Duration.ofSeconds(5));
        if (duration.isZero() || duration.isNegative()) {
            throw new UsageException("--duration must be positive");
        }
        Path out = Path.of(line.getOptionValue("out", "demo-session.mcap"));
        if (!out.toString().endsWith(".mcap")) {
            throw new UsageException("--out must name a .mcap file");
        }
        Files.deleteIfExists(out);
        String port = "sim:" + line.getOptionValue("sim", "");
        RecordOptions options = RecordOptions.defaults(port, out).withDuration(duration).withStream(true)
                .withMode("simulated").withHeartbeat(Duration.ofSeconds(1));
        terminal.err().println("omvcap: recording " + duration.toSeconds() + " s from the simulated cam into " + out);
        int code = RecordCommand.record(options, terminal, line.hasOption("json"));
        if (code != ExitCode.OK) {
            return code;
        }
        code = replayToJavaHost(out, terminal, line.hasOption("json"));
        if (code != ExitCode.OK || line.hasOption("no-export")) {
            return code;
        }
        return exportParquet(out, terminal, line.hasOption("json"));
    }

    /** Replays the session just recorded to the Java host client and reports whether every payload came back. */
    private static int replayToJavaHost(Path session, Terminal terminal, boolean json) throws Exception {
        ReplayCheck.Result r = ReplayCheck.inProcess(session, Duration.ofSeconds(5));
        PrintStream report = json ? terminal.err() : terminal.out();
        if (r.identical()) {
            report.println((json ? "omvcap: " : "") + "replayed " + session + " to the Java host client: all "
                    + r.payloads() + " payloads on " + r.perChannel().size() + " channels came back identical "
                    + r.perChannel());
            return ExitCode.OK;
        }
        terminal.err().println("omvcap demo: error: replaying " + session + " to the Java host client: " + r.mismatched()
                + " of " + r.payloads() + " payloads differed" + (r.complete() ? "" : ", some never came back")
                + (r.problems().isEmpty() ? "" : "; " + r.problems().get(0)));
        return ExitCode.ERROR;
    }

    /**
     * Exports the recorded session to {@code NAME-parquet/} beside it (a dataset a previous demo
     * wrote there is replaced) and lists the tables written.
     */
    private static int exportParquet(Path archive, Terminal terminal, boolean json) throws Exception {
        String name = archive.getFileName().toString();
        Path dataset = archive.resolveSibling(name.substring(0, name.length() - ".mcap".length()) + "-parquet");
        if (Files.exists(dataset.resolve(ParquetExport.DATASET_MARKER))) {
            ParquetExport.deleteDataset(dataset);
        }
        terminal.err().println("omvcap: exporting the session to Parquet in " + dataset + "/");
        ExportResult result;
        try (ExportProgress progress = new ExportProgress(terminal, "demo")) {
            result = ParquetExport.run(List.of(archive), ExportOptions.defaults(dataset), progress);
        }
        result.warnings().forEach(w -> terminal.err().println("omvcap demo: warning: " + w));
        PrintStream out = json ? terminal.err() : terminal.out();
        out.println("Parquet dataset " + dataset + "/ (one folder per table, hive-partitioned by session):");
        ExportCommand.printTables(out, result);
        out.println(ExportCommand.summary(result));
        out.println("Try: duckdb -c \"SELECT avg(temperature) FROM read_parquet('" + dataset
                + "/telemetry_telemetry/*/*.parquet')\"  (docs/parquet-schema.md: DuckDB, pandas, Spark)");
        return result.partial() ? ExitCode.PARTIAL : ExitCode.OK;
    }
}

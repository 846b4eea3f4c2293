package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.record.RecordOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                The session is then replayed to the Java host client, which must read every recorded payload back.
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
        return code == ExitCode.OK ? replayToJavaHost(out, terminal, line.hasOption("json")) : code;
    }

    /** Replays the session just recorded to the Java host client and reports whether every payload came back. */
    private static int replayToJavaHost(Path session, Terminal terminal, boolean json) throws Exception {
        ReplayCheck.Result r = ReplayCheck.inProcess(session, Duration.ofSeconds(5));
        java.io.PrintStream report = json ? terminal.err() : terminal.out();
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
}

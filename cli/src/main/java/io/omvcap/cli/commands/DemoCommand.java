package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
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
        return "record a few seconds from the built-in simulated cam into ./demo-session.mcap and show it";
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
                Try afterwards: omvcap cat demo-session.mcap --topic '/channel/*/telemetry'
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
        return RecordCommand.record(options, terminal, line.hasOption("json"));
    }
}

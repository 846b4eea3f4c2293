package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.host.CameraOptions;
import io.omvcap.record.RecordOptions;
import io.omvcap.record.Recorder;
import io.omvcap.record.StorageOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap record}: unattended capture of a cam into session archives. */
public final class RecordCommand implements Command {
    @Override
    public String name() {
        return "record";
    }

    @Override
    public String summary() {
        return "record a cam (serial port, tcp://HOST:PORT or sim:) into MCAP session archives";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String details() {
        return """
                Runs until Ctrl-C or SIGTERM (both finish the archive cleanly) or --duration. Survives cam resets and
                unplugs: the gap is recorded and capture resumes when the port is back. A port missing at start is an
                error unless --wait-for-port is given. Files are written as NAME.mcap.part and renamed when finished;
                leftovers from a crash are recovered on the next start. Scripts and services stop it with SIGTERM (a
                background job of a non-interactive shell ignores SIGINT); see docs/unattended.md.

                Examples:
                  omvcap record --port /dev/ttyACM0 --script cam-scripts/datalogger.py --out captures/
                  omvcap record --port sim: --stream --duration 30s --out sim.mcap
                  omvcap record --port /dev/ttyACM0 --rotate-time 1h --max-total-size 20G --out /data/cam1/
                  omvcap record --port /dev/ttyACM0 --wait-for-port --out /data/cam1/    # started at boot, cam plugged in later
                  omvcap record --port tcp://192.168.1.50:5555 --wait-for-port 2m --out captures/
                  omvcap record --port auto --out captures/       # the one OpenMV cam attached (see 'omvcap ports')
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("p").longOpt("port").hasArg().argName("PORT")
                .desc("serial port path, tcp://HOST:PORT, sim:, or auto for the one OpenMV cam attached (required)").build());
        o.addOption(PortWaitOption.option());
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR|FILE.mcap")
                .desc("output folder or file (default: current folder)").build());
        o.addOption(Option.builder().longOpt("script").hasArg().argName("FILE").desc("cam script to run after every connect").build());
        o.addOption(Option.builder().longOpt("channels").hasArg().argName("a,b")
                .desc("channels to read (default: every readable script channel)").build());
        o.addOption(Option.builder().longOpt("stream").desc("also record preview frames from the stream channel").build());
        o.addOption(Option.builder().longOpt("poll").hasArg().argName("MS").desc("poll interval in ms (default 10)").build());
        o.addOption(Option.builder("d").longOpt("duration").hasArg().argName("T").desc("stop after T (e.g. 30s, 2h)").build());
        StorageArgs.addTo(o);
        o.addOption(Option.builder().longOpt("timeout").hasArg().argName("T").desc("request timeout (default 1s)").build());
        o.addOption(Option.builder().longOpt("max-payload").hasArg().argName("N").desc("max payload to negotiate (default 4096)").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print the final summary as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Args.none(line);
        if (!line.hasOption("port")) {
            throw new UsageException("missing --port PORT (a serial port path, tcp://HOST:PORT, sim: or auto)");
        }
        RecordOptions options = parse(line, line.getOptionValue("port"), Path.of(line.getOptionValue("out", ".")));
        return record(options, terminal, line.hasOption("json"));
    }

    /** Parses the shared recording options. */
    static RecordOptions parse(CommandLine line, String port, Path out) throws UsageException {
        Path script = null;
        if (line.hasOption("script")) {
            script = Path.of(line.getOptionValue("script"));
            if (!Files.isRegularFile(script)) {
                throw new UsageException("--script: " + script + " is not a readable file");
            }
        }
        List<String> channels = line.hasOption("channels")
                ? Arrays.stream(line.getOptionValue("channels").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : List.of();
        Map<String, String> labels = StorageArgs.labels(line);
        StorageOptions storage = StorageArgs.parse(line, out);
        CameraOptions camera = CameraOptions.defaults()
                .withTimeout(Args.durationOption(line, "timeout", CameraOptions.DEFAULT_TIMEOUT))
                .withMaxPayload(Args.intOption(line, "max-payload", CameraOptions.DEFAULT_MAX_PAYLOAD, 50, 65535));
        Duration poll = Duration.ofMillis(Args.intOption(line, "poll", 10, 1, 3_600_000));
        Duration duration = Args.durationOption(line, "duration", null);
        if (duration != null && duration.isZero()) {
            throw new UsageException("--duration must be positive");
        }
        return new RecordOptions(port, out, script, channels, line.hasOption("stream"), poll, duration,
                storage.rotateSize(), storage.rotateTime(), storage.compression(), labels, storage.minFreeSpace(),
                storage.onLowSpace(), storage.maxTotalSize(), storage.heartbeat(), storage.fsync(), camera,
                port.startsWith("sim:") ? "simulated" : "host", PortWaitOption.parse(line));
    }

    /** Runs a recording with a status line and signal handling; prints the summary. */
    static int record(RecordOptions options, Terminal terminal, boolean json) throws Exception {
        LiveRun live = new LiveRun("record", terminal);
        Recorder recorder = new Recorder(options, live);
        return live.run(recorder.stats(), recorder::stop, recorder::run, json);
    }
}

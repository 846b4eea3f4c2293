package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.record.RecordingResult;
import io.omvcap.serve.ServeTarget;
import io.omvcap.tap.Tap;
import io.omvcap.tap.TapOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap tap}: records the session of any host program with a cam by sitting between them. */
public final class TapCommand implements Command {
    @Override
    public String name() {
        return "tap";
    }

    @Override
    public String summary() {
        return "record the session of any host program (OpenMV IDE, the Python SDK, your code) with a cam";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String details() {
        return """
                The host program opens the pseudo-terminal (--link PATH or --pty) or connects to the TCP port instead
                of the cam; every byte is forwarded both ways unchanged and at once, and the session is archived in
                mode 'tap': the bytes of both directions, every packet, and the decoded reads, writes, frames,
                telemetry, stdout, events and device facts, so info, cat and replay work on it. Where hosts connect
                is printed on stdout first. The host may close and reopen the link as often as it likes; the cam
                link stays open. When the cam goes away the host side is hung up like an unplugged cam and comes
                back with it. Runs until Ctrl-C or SIGTERM (both finish the archive cleanly) or --duration.

                Passed through to the cam's serial port: the baud rate the host sets (921600 selects the protocol),
                and DTR/RTS raised while a host has the link open and dropped when it closes it, as opening and
                closing the real port would. Not passed through: DTR/RTS set explicitly (a pseudo-terminal has no
                modem lines for the host to set), parity, stop bits, flow control and breaks (the cam's port stays
                8N1 without flow control).

                Examples:
                  omvcap tap --port /dev/ttyACM0 --link /tmp/omvcam --out captures/
                  omvcap tap --port auto --pty --duration 10m --out ide-session.mcap
                  omvcap tap --port sim: --tcp 127.0.0.1:5555 --out sdk.mcap --label run=ci
                  omvcap tap --port /dev/ttyACM0 --wait-for-port 5m --link /tmp/omvcam --out captures/
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("p").longOpt("port").hasArg().argName("PORT")
                .desc("the cam: serial port path, tcp://HOST:PORT, sim:, or auto for the one OpenMV cam attached (required)")
                .build());
        o.addOption(Option.builder().longOpt("link").hasArg().argName("PATH")
                .desc("offer hosts a pseudo-terminal with a symlink at PATH").build());
        o.addOption(Option.builder().longOpt("pty").desc("offer hosts a new pseudo-terminal (its path is printed)").build());
        o.addOption(Option.builder().longOpt("tcp").hasArg().argName("HOST:PORT")
                .desc("offer hosts a TCP port (host defaults to 127.0.0.1)").build());
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR|FILE.mcap")
                .desc("output folder or file (default: current folder)").build());
        o.addOption(Option.builder("d").longOpt("duration").hasArg().argName("T").desc("stop after T (e.g. 30s, 2h)").build());
        o.addOption(PortWaitOption.option());
        StorageArgs.addTo(o);
        o.addOption(Option.builder("j").longOpt("json").desc("print where hosts connect and the final summary as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Args.none(line);
        if (!line.hasOption("port")) {
            throw new UsageException("missing --port PORT (the cam: a serial port path, tcp://HOST:PORT, sim: or auto)");
        }
        ServeTarget host = ServeTargetOption.parse(line, true);
        Path out = Path.of(line.getOptionValue("out", "."));
        Duration duration = Args.durationOption(line, "duration", null);
        if (duration != null && duration.isZero()) {
            throw new UsageException("--duration must be positive");
        }
        TapOptions options = TapOptions.defaults(line.getOptionValue("port"), host, out)
                .withStorage(StorageArgs.parse(line, out)).withDuration(duration).withLabels(StorageArgs.labels(line))
                .withWaitForPort(PortWaitOption.parse(line));
        boolean json = line.hasOption("json");
        LiveRun live = new LiveRun(name(), terminal);
        Tap tap = new Tap(options, live);
        Thread announcer = new Thread(() -> announce(tap, terminal, json), "omvcap-tap-endpoint");
        announcer.setDaemon(true);
        announcer.start();
        return live.run(tap.stats(), tap::stop, () -> {
            RecordingResult r = tap.run();
            announcer.join(1_000);
            return r;
        }, json);
    }

    /** Prints where hosts connect as soon as the tap offers it (stdout, first line). */
    private static void announce(Tap tap, Terminal terminal, boolean json) {
        try {
            String endpoint = tap.awaitEndpoint(Duration.ofDays(365));
            if (endpoint != null) {
                terminal.out().println(json ? Json.line(Map.of("endpoint", endpoint)) : endpoint);
                terminal.out().flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.ServerStatus;
import io.omvcap.serve.SimCamServer;
import io.omvcap.sim.SimConfig;
import io.omvcap.sim.SimSpec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap sim}: a simulated cam served over a pseudo-terminal or TCP. */
public final class SimCommand implements Command {
    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String summary() {
        return "serve a simulated cam on a pseudo-terminal or TCP port for any host program";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String details() {
        return """
                Prints where hosts connect on stdout (the pty path, or tcp://HOST:PORT), then serves until Ctrl-C.
                The cam behaves like the official firmware: stdout, a JPEG stream, and the channels ticks, echo,
                frame, telemetry (CBOR) and config, registered by a simulated script.

                Settings (--settings, comma-separated): reference, fps=F, size=WxH, seed=N, board=h7|h7plus|rt1062|
                portenta|n6|ae3, loop=MS, quality=Q, pattern=bars|noise (noise: incompressible JPEGs),
                start=boot|exec, quiet. The same settings work as a port: sim:fps=30.

                Examples:
                  omvcap sim --link /tmp/omvcam            # then: python3 -c "from openmv.camera import Camera; ..."
                  omvcap sim --tcp 127.0.0.1:5555 --settings fps=30,size=640x480
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("pty").desc("serve on a new pseudo-terminal (default)").build());
        o.addOption(Option.builder().longOpt("link").hasArg().argName("PATH").desc("serve on a pseudo-terminal and keep a symlink at PATH").build());
        o.addOption(Option.builder().longOpt("tcp").hasArg().argName("HOST:PORT").desc("serve on TCP (host defaults to 127.0.0.1)").build());
        o.addOption(Option.builder().longOpt("settings").hasArg().argName("LIST").desc("simulated cam settings, see below").build());
        o.addOption(Option.builder("d").longOpt("duration").hasArg().argName("T").desc("stop after T").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Args.none(line);
        ServeTarget target = ServeTargetOption.parse(line, false);
        SimConfig config;
        try {
            config = SimSpec.parse(line.getOptionValue("settings", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--settings: " + e.getMessage());
        }
        Duration duration = Args.durationOption(line, "duration", null);
        CountDownLatch stop = new CountDownLatch(1);
        Object lock = new Object();
        try (SimCamServer server = SimCamServer.start(config, target, s -> status(terminal, s, lock), 1000);
                Signals signals = Signals.onStop(stop::countDown)) {
            terminal.out().println(server.endpoint());
            terminal.out().flush();
            terminal.err().println("omvcap: simulated cam (" + config.board().name() + ") at " + server.endpoint()
                    + "; Ctrl-C stops it");
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            synchronized (lock) {
                if (terminal.interactive()) {
                    terminal.err().print("\r\033[K");
                }
                terminal.err().println("omvcap: " + server.status().line());
            }
        }
        return ExitCode.OK;
    }

    private static void status(Terminal terminal, ServerStatus s, Object lock) {
        synchronized (lock) {
            if (terminal.interactive()) {
                terminal.err().print("\r\033[K" + s.line());
                terminal.err().flush();
            } else if (s.host() != null || !s.running()) {
                terminal.err().println("omvcap: " + s.line());
            }
        }
    }
}

package io.omvcap.cli.commands;

import io.omvcap.archive.SessionReader;
import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.TimeArg;
import io.omvcap.cli.UsageException;
import io.omvcap.replay.Divergence;
import io.omvcap.replay.DivergencePolicy;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplayListener;
import io.omvcap.replay.ReplayMode;
import io.omvcap.replay.ReplayStatus;
import io.omvcap.replay.ReplaySummary;
import io.omvcap.replay.Speed;
import io.omvcap.replay.fault.InjectedFault;
import io.omvcap.serve.ServeTarget;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap replay}: a recorded session served as a fake cam on a pseudo-terminal or TCP. */
public final class ReplayCommand implements Command {
    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "serve a recorded session as a fake cam (pty or TCP) for host code under test";
    }

    @Override
    public String arguments() {
        return "FILE...";
    }

    @Override
    public String details() {
        return """
                Builds the cam from the archive (versions, sys info, caps, channels) and serves each channel's recorded
                payloads in order with the firmware's protocol behaviour. Several FILEs are served one after another.
                model mode answers any request: a channel's next payload comes once the host consumed the previous one
                (--speed max) or at its recorded time (realtime, or a factor such as 2). strict mode also checks that
                the host makes the recorded requests in order (polls, channel-list refreshes and retries after a
                resync do not count) and reports the first divergence; exit code 4 when there was one.
                Prints where hosts connect, then serves until Ctrl-C, --duration, or (TCP) the recording is finished
                and the host has left; then prints a summary. TCP binds to 127.0.0.1 unless told otherwise.

                Faults (--faults LIST or a file of them): drop=RATE, corrupt=RATE, duplicate=RATE, delay=5ms[:RATE],
                stall=2s@WHEN, nak=STATUS@WHEN or nak=STATUS:RATE, disconnect@WHEN; WHEN is N (N-th cam packet, or
                host request for nak), KIND:N (e.g. read:3, size:10, event:2) or a time (2s, 500ms). Seeded by --seed.

                Examples:
                  omvcap replay sample-sessions/telemetry.mcap --link /tmp/omvcam
                  omvcap replay session.mcap --tcp 127.0.0.1:5555 --mode strict --on-divergence end
                  omvcap replay run-000.mcap run-001.mcap --speed realtime --faults drop=0.01,nak=busy@10 --seed 7
                  omvcap replay session.mcap --link /tmp/omvcam --record-host replayed.mcap   # then: omvcap diff session.mcap replayed.mcap
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("pty").desc("serve on a new pseudo-terminal (default)").build());
        o.addOption(Option.builder().longOpt("link").hasArg().argName("PATH").desc("serve on a pseudo-terminal with a symlink at PATH").build());
        o.addOption(Option.builder().longOpt("tcp").hasArg().argName("HOST:PORT").desc("serve on TCP (host defaults to 127.0.0.1)").build());
        o.addOption(Option.builder("m").longOpt("mode").hasArg().argName("model|strict").desc("model (default) or strict").build());
        o.addOption(Option.builder("s").longOpt("speed").hasArg().argName("max|realtime|X").desc("max (default; deterministic), realtime, or a factor").build());
        o.addOption(Option.builder().longOpt("loop").desc("start over after the last file").build());
        o.addOption(Option.builder().longOpt("start").hasArg().argName("T").desc("skip what was recorded before T (epoch ns, ISO-8601, or +OFFSET)").build());
        o.addOption(Option.builder().longOpt("end").hasArg().argName("T").desc("skip what was recorded after T").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().argName("SPEC|FILE").desc("faults to inject, see below").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of random faults (default 1)").build());
        o.addOption(Option.builder().longOpt("record-host").hasArg().argName("OUT.mcap").desc("record the replayed session (mode replay)").build());
        o.addOption(Option.builder().longOpt("on-divergence").hasArg().argName("nak|end").desc("strict mode: NAK a divergent request (default) or end the session").build());
        o.addOption(Option.builder("d").longOpt("duration").hasArg().argName("T").desc("stop after T").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print the summary as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        List<Path> files = files(line);
        ServeTarget target = ServeTargetOption.parse(line, false);
        Replay.Builder b = Replay.open(files);
        configure(b, line, files.get(0));
        Duration duration = Args.durationOption(line, "duration", null);
        boolean json = line.hasOption("json");
        Object lock = new Object();
        CountDownLatch stop = new CountDownLatch(1);
        boolean[] drawn = {false};
        b.listener(new ReplayListener() {
            @Override
            public void divergence(Divergence d) {
                log(terminal, lock, drawn, "DIVERGENCE " + d.describe());
            }

            @Override
            public void fault(InjectedFault f) {
                log(terminal, lock, drawn, "fault " + f.describe());
            }

            @Override
            public void cue(String what) {
                log(terminal, lock, drawn, "replayed " + what);
            }
        });
        b.status(s -> status(terminal, lock, drawn, s), terminal.interactive() ? 250 : 10_000);
        ReplaySummary summary;
        String failure;
        boolean tcp = target instanceof ServeTarget.Tcp;
        try (Replay replay = b.serve(target); Signals signals = Signals.onStop(stop::countDown)) {
            if (!json) {
                terminal.out().println(replay.endpoint());
                terminal.out().flush();
            }
            terminal.err().println("omvcap: replaying " + files.get(0).getFileName() + (files.size() > 1 ? " + "
                    + (files.size() - 1) + " more" : "") + " (" + replay.options().mode().name().toLowerCase()
                    + " mode, speed " + replay.options().speed() + ") at " + replay.endpoint() + "; Ctrl-C stops it");
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            boolean hostSeen = false;
            while (replay.isRunning() && System.nanoTime() < end && !stop.await(20, TimeUnit.MILLISECONDS)) {
                ReplayStatus s = replay.status();
                hostSeen |= s.host() != null || s.requests() > 0; // a host quicker than one look still made requests
                if (tcp && hostSeen && s.host() == null && s.finished() && !replay.options().loop()) {
                    break;
                }
            }
            failure = replay.failure();
            replay.close();
            summary = replay.summary();
        }
        synchronized (lock) {
            clear(terminal, drawn);
        }
        print(terminal.out(), summary, json);
        if (failure != null && !summary.diverged()) {
            terminal.err().println("omvcap replay: error: " + failure);
            return ExitCode.ERROR;
        }
        return summary.diverged() ? ExitCode.DIFFERENT : ExitCode.OK;
    }

    private static List<Path> files(CommandLine line) throws UsageException {
        if (line.getArgList().isEmpty()) {
            throw new UsageException("missing FILE (a session archive to replay)");
        }
        List<Path> files = new ArrayList<>();
        for (String a : line.getArgList()) {
            files.add(Path.of(a));
        }
        return files;
    }

    private static void configure(Replay.Builder b, CommandLine line, Path first) throws Exception {
        String mode = Args.choice(line, "mode", "model", "model", "strict");
        b.mode(mode.equals("strict") ? ReplayMode.STRICT : ReplayMode.MODEL);
        try {
            b.speed(Speed.parse(line.getOptionValue("speed", "max")));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speed: " + e.getMessage());
        }
        b.loop(line.hasOption("loop"));
        try {
            b.faults(line.getOptionValue("faults", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--faults: " + e.getMessage());
        }
        String seed = line.getOptionValue("seed");
        if (seed != null) {
            try {
                b.seed(Long.parseLong(seed.strip()));
            } catch (NumberFormatException e) {
                throw new UsageException("--seed expects an integer, got '" + seed + "'");
            }
        }
        b.onDivergence(Args.choice(line, "on-divergence", "nak", "nak", "end").equals("end") ? DivergencePolicy.END
                : DivergencePolicy.NAK);
        if (line.hasOption("record-host")) {
            Path out = Path.of(line.getOptionValue("record-host"));
            if (!out.toString().endsWith(".mcap")) {
                throw new UsageException("--record-host must name a .mcap file");
            }
            if (out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
                throw new UsageException("--record-host: folder " + out.toAbsolutePath().getParent() + " does not exist");
            }
            b.recordHost(out);
        }
        if (line.hasOption("start") || line.hasOption("end")) {
            long fileStart = firstTime(first);
            long start = line.hasOption("start") ? TimeArg.parse("--start", line.getOptionValue("start"), fileStart) : 0;
            long end = line.hasOption("end") ? TimeArg.parse("--end", line.getOptionValue("end"), fileStart) : -1L;
            if (end != -1L && end < start) {
                throw new UsageException("--end is before --start");
            }
            b.window(start, end);
        }
    }

    private static long firstTime(Path file) throws Exception {
        return ArchiveErrors.naming(file, () -> {
            try (SessionReader r = SessionReader.open(file)) {
                return r.statistics().map(s -> s.messageStartTime()).orElse(0L);
            }
        });
    }

    static void print(PrintStream out, ReplaySummary s, boolean json) {
        if (json) {
            out.println(Json.pretty(s.toMap()));
        } else {
            s.lines().forEach(out::println);
        }
        out.flush();
    }

    private static void status(Terminal terminal, Object lock, boolean[] drawn, ReplayStatus s) {
        synchronized (lock) {
            if (terminal.interactive()) {
                terminal.err().print("\r\033[K" + s.line());
                terminal.err().flush();
                drawn[0] = true;
            } else if (!s.running()) {
                terminal.err().println("omvcap: " + s.line());
            }
        }
    }

    private static void log(Terminal terminal, Object lock, boolean[] drawn, String line) {
        synchronized (lock) {
            clear(terminal, drawn);
            terminal.err().println("omvcap: " + line);
        }
    }

    private static void clear(Terminal terminal, boolean[] drawn) {
        if (terminal.interactive() && drawn[0]) {
            terminal.err().print("\r\033[K");
            drawn[0] = false;
        }
    }
}

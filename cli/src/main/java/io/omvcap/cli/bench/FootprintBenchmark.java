package io.omvcap.cli.bench;

import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.cli.JvmDefaults;
import io.omvcap.cli.Main;
import io.omvcap.cli.Units;
import io.omvcap.mcap.Statistics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The resident memory of a long capture with the launcher's default JVM settings: a simulated cam
 * in one process behind a pseudo-terminal, {@code record --poll 1 --stream} in another, both
 * started the way {@code bin/omvcap} starts them (the table of {@link JvmDefaults}, then
 * {@code OMVCAP_JAVA_OPTS}). The recorder's VmRSS and VmHWM are read from {@code /proc} every
 * second, its CPU time from the OS; at the end it is stopped with SIGTERM, as a service manager
 * would, and the archive is opened to count what was recorded.
 */
public final class FootprintBenchmark implements Benchmark {
    /** The resident-set target of {@code record} and {@code tap}. */
    public static final double TARGET_MB = 128;
    private static final Duration DEFAULT = Duration.ofMinutes(5);
    private static final Duration QUICK = Duration.ofSeconds(20);
    /** CPU is measured after this share of the run, once JIT compilation has settled. */
    private static final double WARMUP_SHARE = 0.2;

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public String description() {
        return "resident memory of 'record --poll 1 --stream' with the launcher's JVM settings (VmHWM <= 128 MB), "
                + "CPU; 5 min unless --duration";
    }

    @Override
    public boolean takesDuration() {
        return true;
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        return run(quick, null, log);
    }

    @Override
    public List<BenchResult> run(boolean quick, Duration duration, PrintStream log) throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            throw new IOException("the footprint benchmark reads /proc/<pid>/status; it runs on Linux only");
        }
        Duration d = duration != null ? duration : quick ? QUICK : DEFAULT;
        Path dir = Files.createTempDirectory("omvcap-footprint");
        try {
            return measure(dir, d, log);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<BenchResult> measure(Path dir, Duration d, PrintStream log) throws Exception {
        JvmDefaults defaults = JvmDefaults.bundled();
        String user = System.getenv(JvmDefaults.USER_OPTIONS_ENV);
        Path link = dir.resolve("cam");
        Process sim = start(defaults.launchOptions("sim", user), dir.resolve("sim.log"),
                "sim", "--link", link.toString(), "--settings", "quiet");
        Process recorder = null;
        try {
            awaitLink(link, sim, dir.resolve("sim.log"));
            List<String> jvm = defaults.launchOptions("record", user);
            log.println("footprint: record --poll 1 --stream for " + Units.duration(d) + " with JVM options " + jvm);
            recorder = start(jvm, dir.resolve("record.log"), "record", "--port", link.toString(), "--poll", "1",
                    "--stream", "--out", dir.resolve("capture").toString());
            List<ProcessSample> samples = sample(recorder, d, log);
            recorder.destroy(); // SIGTERM: the recorder finishes its archive
            if (!recorder.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("the recorder did not finish within 60 s of SIGTERM");
            }
            if (recorder.exitValue() != 0) {
                throw new IOException("the recorder exited with " + recorder.exitValue() + ": "
                        + lastLine(dir.resolve("record.log")));
            }
            ProcessSample simEnd = ProcessSample.of(sim.pid(), 0);
            return results(samples, simEnd, dir.resolve("capture"));
        } finally {
            if (recorder != null) {
                recorder.destroyForcibly();
            }
            sim.destroy();
            sim.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<BenchResult> results(List<ProcessSample> samples, ProcessSample simEnd, Path capture)
            throws IOException {
        ProcessSample last = samples.get(samples.size() - 1);
        ProcessSample warm = samples.get((int) (samples.size() * WARMUP_SHARE));
        double seconds = (last.atNanos() - warm.atNanos()) / 1e9;
        double cpu = 100.0 * (last.cpuNanos() - warm.cpuNanos()) / (last.atNanos() - warm.atNanos());
        double hwm = last.hwmKb() / 1024.0;
        double growth = (meanRss(samples, 0.75, 1.0) - meanRss(samples, 0.25, 0.5)) / 1024.0;
        long packets = 0;
        long frames = 0;
        long nanos = 0;
        try (Stream<Path> files = Files.list(capture)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mcap")).toList()) {
                try (SessionReader r = SessionReader.open(f)) {
                    SessionTotals t = r.storedTotals().orElseThrow(() -> new IOException(f + " has no totals"));
                    packets += t.packetsByChannel().values().stream().mapToLong(Long::longValue).sum();
                    frames += t.topics().entrySet().stream()
                            .filter(e -> e.getKey().endsWith("/" + ChannelTopic.FRAME.suffix()))
                            .mapToLong(e -> e.getValue().messages()).sum();
                    Statistics st = r.statistics().orElseThrow(() -> new IOException(f + " has no statistics"));
                    nanos += st.messageEndTime() - st.messageStartTime();
                }
            }
        }
        double total = Math.max(1, nanos) / 1e9;
        List<BenchResult> out = new ArrayList<>();
        out.add(new BenchResult("record: peak resident set (VmHWM)", hwm, "MB", "<= " + (int) TARGET_MB + " MB",
                hwm <= TARGET_MB));
        out.add(new BenchResult("record: resident set at the end (VmRSS)", last.rssKb() / 1024.0, "MB", "", true));
        out.add(new BenchResult("record: VmRSS growth, 2nd to 4th quarter", growth, "MB", "", true));
        out.add(new BenchResult(String.format(java.util.Locale.ROOT, "record: CPU over the last %.0f s", seconds), cpu,
                "% core", "", true));
        out.add(new BenchResult("record: packets archived per second", packets / total, "packets/s", "", true));
        out.add(new BenchResult("record: frames archived per second", frames / total, "frames/s", "", true));
        out.add(new BenchResult("sim: peak resident set (VmHWM)", simEnd.hwmKb() / 1024.0, "MB", "", true));
        return out;
    }

    private static double meanRss(List<ProcessSample> samples, double from, double to) {
        List<ProcessSample> part = samples.subList((int) (samples.size() * from),
                Math.max((int) (samples.size() * from) + 1, (int) (samples.size() * to)));
        return part.stream().mapToLong(ProcessSample::rssKb).average().orElse(0);
    }

    /** Samples {@code p} every second for {@code d}, with a progress line every tenth of it. */
    private static List<ProcessSample> sample(Process p, Duration d, PrintStream log) throws Exception {
        List<ProcessSample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + d.toNanos();
        long nextReport = start + d.toNanos() / 10;
        for (long next = start + 1_000_000_000L; ; next += 1_000_000_000L) {
            long wait = Math.min(next, end) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (!p.isAlive()) {
                throw new IOException("the recorder exited early with " + p.exitValue());
            }
            ProcessSample s = ProcessSample.of(p.pid(), System.nanoTime() - start);
            samples.add(s);
            if (System.nanoTime() >= nextReport || System.nanoTime() >= end) {
                log.printf(java.util.Locale.ROOT, "footprint: %s VmRSS %.1f MB, VmHWM %.1f MB, CPU time %.1f s%n",
                        Units.duration(Duration.ofNanos(s.atNanos())), s.rssKb() / 1024.0, s.hwmKb() / 1024.0,
                        s.cpuNanos() / 1e9);
                nextReport += d.toNanos() / 10;
            }
            if (System.nanoTime() >= end) {
                return samples;
            }
        }
    }

    /** Starts {@code omvcap args...} in a child JVM with {@code jvmOptions}, output into {@code logFile}. */
    private static Process start(List<String> jvmOptions, Path logFile, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    private static void awaitLink(Path link, Process sim, Path simLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(link)) {
            if (!sim.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the simulated cam did not start: " + lastLine(simLog));
            }
            Thread.sleep(20);
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}

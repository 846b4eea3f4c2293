package io.omvcap.cli.bench;

import io.omvcap.record.RecordOptions;
import io.omvcap.record.Recorder;
import io.omvcap.record.RecordingResult;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorder under load, against the simulated cam:
 * <ul>
 *   <li>frames per second pulled from the {@code frame} channel over a real pseudo-terminal (compare
 *       with {@code replay/src/test/python/sdk_frames_bench.py}, the official Python SDK's
 *       {@code channel_read} loop against the same simulated cam; target ≥ 3×);</li>
 *   <li>recorder CPU while polling at 1 kHz over a pseudo-terminal (target ≤ 5% of a core);</li>
 *   <li>heap after millions of packets from the in-process cam (target flat, ≤ 256 MB).</li>
 * </ul>
 */
public final class RecorderBenchmark implements Benchmark {
    /** The simulated cam used by the frame benchmark (and by the Python comparison script). */
    public static final String FRAME_SIM = "reference,loop=1";

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public String description() {
        return "recorder: frames/s over a pty, CPU at 1 kHz polling (<= 5%), heap over many packets (flat, <= 256 MB)";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        Path dir = Files.createTempDirectory("omvcap-bench");
        try {
            List<BenchResult> out = new ArrayList<>();
            out.add(framesOverPty(dir, quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10), log));
            out.addAll(cpuAtOneKilohertz(dir, Duration.ofSeconds(quick ? 3 : 15), Duration.ofSeconds(quick ? 3 : 10), log));
            out.addAll(memory(dir, quick ? 300_000 : 10_000_000, log));
            return out;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static BenchResult framesOverPty(Path dir, Duration d, PrintStream log) throws Exception {
        try (SimCamServer cam = SimCamServer.start(SimSpec.parse(FRAME_SIM), new ServeTarget.Pty(null),
                StatusListener.NONE, 0)) {
            RecordOptions o = RecordOptions.defaults(cam.slavePath(), dir.resolve("frames.mcap")).withDuration(d)
                    .withScript(null, List.of("frame")).withPollInterval(Duration.ofMillis(1));
            log.println("recorder: frames from " + cam.slavePath() + " for " + d.toSeconds() + " s");
            RecordingResult r = record(o);
            double fps = r.stats().perChannel().getOrDefault("frame", 0L) / r.stats().elapsedSeconds();
            return new BenchResult("frames/s over a pty (12000-byte frames)", fps, "frames/s",
                    "compare with sdk_frames_bench.py", true);
        }
    }

    /**
     * The whole recorder process's CPU (capture, serial reader and flush threads, GC, JIT) while it
     * polls at 1 kHz a simulated cam that runs in a separate process behind a pseudo-terminal;
     * measured over a window after a warm-up.
     */
    private static List<BenchResult> cpuAtOneKilohertz(Path dir, Duration warmup, Duration window, PrintStream log) throws Exception {
        Path link = dir.resolve("cam");
        Process sim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.omvcap.cli.Main", "sim", "--link", link.toString(),
                "--settings", "quiet").redirectErrorStream(true).redirectOutput(dir.resolve("sim.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(link) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            RecordOptions o = RecordOptions.defaults(link.toString(), dir.resolve("poll.mcap"))
                    .withScript(null, List.of("telemetry")).withPollInterval(Duration.ofMillis(1));
            Recorder recorder = new Recorder(o, line -> { });
            Thread t = new Thread(() -> {
                try {
                    recorder.run();
                } catch (IOException e) {
                    log.println("recorder: " + e.getMessage());
                }
            }, "bench-recorder");
            t.start();
            Thread.sleep(warmup.toMillis()); // JIT compilation settles before measuring
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long packets0 = recorder.stats().packets();
            log.println("recorder: measuring 1 kHz polling of " + link + " for " + window.toSeconds() + " s");
            Thread.sleep(window.toMillis());
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            double packetsPerSecond = (recorder.stats().packets() - packets0) / (wall / 1e9);
            recorder.stop();
            t.join();
            double percent = 100.0 * cpu / wall;
            return List.of(new BenchResult("recorder process CPU at 1 kHz polling", percent, "% core", "<= 5%",
                    percent <= 5), new BenchResult("packets archived per second while polling", packetsPerSecond,
                    "packets/s", "", true));
        } finally {
            sim.destroy();
            sim.waitFor();
        }
    }

    private static List<BenchResult> memory(Path dir, long packets, PrintStream log) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        // back-to-back polling (a 50 µs interval never waits) to push packets through as fast as possible
        RecordOptions o = RecordOptions.defaults("sim:quiet,loop=5", dir.resolve("mem.mcap"))
                .withScript(null, List.of("ticks")).withPollInterval(Duration.ofNanos(50_000))
                .withRotation(256L << 20, null).withDiskGuard(0, io.omvcap.record.LowSpacePolicy.STOP, 512L << 20);
        Recorder recorder = new Recorder(o, line -> { });
        long[] samples = new long[10];
        Thread sampler = new Thread(() -> {
            int i = 0;
            long step = packets / samples.length;
            while (i < samples.length) {
                if (recorder.stats().packets() >= step * (i + 1)) {
                    System.gc();
                    samples[i++] = mem.getHeapMemoryUsage().getUsed();
                    log.printf("recorder: %,d packets, heap after GC %d MB%n", recorder.stats().packets(),
                            samples[i - 1] >> 20);
                } else {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            recorder.stop();
        }, "bench-sampler");
        sampler.start();
        recorder.run();
        sampler.join();
        long first = samples[0];
        long max = 0;
        for (long s : samples) {
            max = Math.max(max, s);
        }
        double maxMb = max / 1048576.0;
        double growthMb = (samples[samples.length - 1] - first) / 1048576.0;
        return List.of(
                new BenchResult(String.format("heap after GC, max over %,d packets", recorder.stats().packets()), maxMb,
                        "MB", "<= 256 MB", maxMb <= 256),
                new BenchResult("heap growth first→last sample", growthMb, "MB", "flat (<= 16 MB)", growthMb <= 16));
    }

    private static RecordingResult record(RecordOptions o) throws IOException {
        return new Recorder(o, line -> { }).run();
    }
}

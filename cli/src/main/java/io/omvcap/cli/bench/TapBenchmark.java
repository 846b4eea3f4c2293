package io.omvcap.cli.bench;

import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.host.NakException;
import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimSpec;
import io.omvcap.tap.LatencyHistogram;
import io.omvcap.tap.Tap;
import io.omvcap.tap.TapOptions;
import io.omvcap.transport.SerialLink;
import io.omvcap.wire.Direction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code omvcap tap} costs a host program over real pseudo-terminals (the tap opens the cam
 * side through the serial transport, as a real cam's port). Both paths run side by side and are
 * measured in alternating blocks, so the load of a shared machine falls on both alike.
 * <ul>
 *   <li>one-way latency of a chunk, each way, over a direct pseudo-terminal and through the tap
 *       (which adds a second pseudo-terminal hop); the difference is what a host sees added;</li>
 *   <li>the tap's own time per forwarded chunk (read returned → write returned), p50/p99;</li>
 *   <li>frames per second pulled through the tap as a share of direct: with the official Python
 *       SDK ({@code replay/src/test/python/sdk_frames_bench.py}) when {@code OPENMV_SDK} is set,
 *       otherwise with the Java client running the same loop (target ≥ 95% either way).</li>
 * </ul>
 * Targets: the tap's own time p99 ≤ 200 µs per chunk; frames/s ≥ 95% of direct.
 */
public final class TapBenchmark implements Benchmark {
    private static final double ADDED_P99_US = 200;
    private static final double FPS_SHARE = 95;
    private static final Path SDK_SCRIPT = Path.of("replay", "src", "test", "python", "sdk_frames_bench.py");
    /** Chunks per block; blocks alternate between the direct and the tapped path. */
    private static final int BLOCK = 500;
    private static final int WARMUP = 2_000;
    /** Alternating frame runs per path. */
    private static final int RUNS = 3;

    @Override
    public String name() {
        return "tap";
    }

    @Override
    public String description() {
        return "tap: latency added per forwarded chunk (own time p99 <= 200 us), frames/s through the tap (>= 95% of direct)";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        Path dir = Files.createTempDirectory("omvcap-bench-tap");
        try {
            List<BenchResult> out = new ArrayList<>(latency(dir, quick ? 2_000 : 20_000, log));
            out.addAll(frames(dir, quick ? Duration.ofSeconds(6) : Duration.ofSeconds(15), log));
            return out;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One-way latency of small chunks, host to cam and cam to host, over a direct pseudo-terminal
     * and through the tap (cam side opened through the serial transport), in alternating blocks.
     */
    private static List<BenchResult> latency(Path dir, int pings, PrintStream log) throws Exception {
        long[][] direct = {new long[pings], new long[pings]};
        long[][] tapped = {new long[pings], new long[pings]};
        LatencyHistogram[] own = new LatencyHistogram[2];
        try (PtyLink plainCam = PtyLink.open();
                PtyLink plainHost = PtyLink.attach(plainCam.slavePath());
                PtyLink cam = PtyLink.open(dir.resolve("cam"));
                Running tap = Running.start(dir.resolve("cam"), dir.resolve("tapped"), dir.resolve("latency.mcap"));
                PtyLink host = PtyLink.attach(dir.resolve("tapped").toString())) {
            log.println("tap: " + pings + " chunks each way straight through a pseudo-terminal and through the tap,"
                    + " in alternating blocks");
            for (int i = 0; i < WARMUP; i++) {
                ping(host, cam, null, 0);
                ping(cam, host, null, 0);
            }
            own[0] = tap.tap.latency(Direction.HOST_TO_CAM);
            own[1] = tap.tap.latency(Direction.CAM_TO_HOST);
            own[0].reset();
            own[1].reset();
            for (int done = 0; done < pings; done += BLOCK) {
                int n = Math.min(BLOCK, pings - done);
                for (int i = done; i < done + n; i++) {
                    ping(plainHost, plainCam, direct[0], i);
                    ping(plainCam, plainHost, direct[1], i);
                }
                for (int i = done; i < done + n; i++) {
                    ping(host, cam, tapped[0], i);
                    ping(cam, host, tapped[1], i);
                }
            }
        }
        List<BenchResult> out = new ArrayList<>();
        String[] names = {"host to cam", "cam to host"};
        for (int d = 0; d < 2; d++) {
            Arrays.sort(direct[d]);
            Arrays.sort(tapped[d]);
            double p50d = percentile(direct[d], 50);
            double p99d = percentile(direct[d], 99);
            double p50t = percentile(tapped[d], 50);
            double p99t = percentile(tapped[d], 99);
            out.add(new BenchResult(names[d] + " one-way p50, direct / through the tap", p50d, "µs",
                    String.format("%.0f µs through the tap (+%.0f)", p50t, p50t - p50d), true));
            out.add(new BenchResult(names[d] + " one-way p99, direct / through the tap", p99d, "µs",
                    String.format("%.0f µs through the tap (+%.0f)", p99t, p99t - p99d), true));
        }
        for (int d = 0; d < 2; d++) {
            long p50 = own[d].percentileMicros(50);
            long p99 = own[d].percentileMicros(99);
            out.add(new BenchResult("tap's own time per chunk " + names[d] + " p99 (p50 " + p50 + " µs)", p99, "µs",
                    "<= " + (int) ADDED_P99_US + " µs", p99 <= ADDED_P99_US));
        }
        return out;
    }

    /** Writes a 16-byte chunk on {@code from}, waits for it on {@code to}; records the time in {@code into[i]}. */
    private static void ping(ByteLink from, ByteLink to, long[] into, int i) throws IOException, InterruptedException {
        byte[] chunk = new byte[16];
        long t0 = System.nanoTime();
        from.write(chunk);
        int got = 0;
        while (got < chunk.length) {
            int n = to.read(chunk, got, chunk.length - got, 2_000);
            if (n <= 0) {
                throw new IOException("a chunk did not arrive");
            }
            got += n;
        }
        if (into != null) {
            into[i] = System.nanoTime() - t0;
        }
        Thread.sleep(0, 200_000); // let both sides go idle, as between a host's requests
    }

    private static List<BenchResult> frames(Path dir, Duration d, PrintStream log) throws Exception {
        String sdk = System.getenv("OPENMV_SDK");
        boolean python = sdk != null && Files.isRegularFile(SDK_SCRIPT);
        String who = python ? "official SDK" : "Java client";
        if (!python) {
            log.println("tap: OPENMV_SDK is not set (or " + SDK_SCRIPT + " is not here): frames/s with the Java client;"
                    + " set OPENMV_SDK=/path/to/openmv-python/src (and OMVCAP_PYTHON) to measure the official SDK");
        }
        Duration each = d.dividedBy(RUNS);
        double directFrames = 0;
        double tappedFrames = 0;
        try (SimCamServer plain = SimCamServer.start(SimSpec.parse(RecorderBenchmark.FRAME_SIM), new ServeTarget.Pty(null),
                StatusListener.NONE, 0);
                SimCamServer behind = SimCamServer.start(SimSpec.parse(RecorderBenchmark.FRAME_SIM),
                        new ServeTarget.Pty(dir.resolve("fcam")), StatusListener.NONE, 0);
                Running tap = Running.start(dir.resolve("fcam"), dir.resolve("ftapped"), dir.resolve("frames.mcap"))) {
            String tapped = dir.resolve("ftapped").toString();
            log.println("tap: " + who + " frames/s straight from " + plain.slavePath() + " and through the tap, "
                    + RUNS + " alternating runs of " + each.toMillis() + " ms each");
            for (int run = 0; run < RUNS; run++) {
                directFrames += python ? sdkFrames(plain.slavePath(), each, sdk) : javaFrames(plain.slavePath(), each);
                tappedFrames += python ? sdkFrames(tapped, each, sdk) : javaFrames(tapped, each);
            }
        }
        double direct = directFrames / RUNS;
        double tapped = tappedFrames / RUNS;
        double share = direct > 0 ? 100 * tapped / direct : 0;
        return List.of(new BenchResult(who + " frames/s direct (12000-byte frames)", direct, "frames/s", "", true),
                new BenchResult(who + " frames/s through the tap", tapped, "frames/s", "", true),
                new BenchResult(who + " frames/s through the tap, share of direct", share, "%",
                        ">= " + (int) FPS_SHARE + "%", share >= FPS_SHARE));
    }

    /** The Java client's version of sdk_frames_bench.py: poll, read the frame channel whenever it is ready. */
    private static double javaFrames(String port, Duration d) throws Exception {
        try (Camera cam = new Camera(SerialLink.open(port), CameraOptions.defaults().withTimeout(Duration.ofSeconds(2)))) {
            cam.connect();
            int id = -1;
            for (int i = 0; i < 500 && id < 0; i++) {
                id = cam.channels().stream().filter(c -> c.name().equals("frame")).mapToInt(c -> c.id()).findFirst()
                        .orElse(-1);
                cam.pumpEvents(Duration.ofMillis(10));
            }
            long frames = 0;
            long start = System.nanoTime();
            long end = start + d.toNanos();
            while (System.nanoTime() < end) {
                if (cam.poll().isReady(id)) {
                    try {
                        if (cam.read("frame").length > 0) {
                            frames++;
                        }
                    } catch (NakException e) {
                        // a new frame was latched between SIZE and READ
                    }
                }
            }
            return frames / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double sdkFrames(String port, Duration d, String sdk) throws IOException, InterruptedException {
        String pythonExe = System.getenv().getOrDefault("OMVCAP_PYTHON", "python3");
        ProcessBuilder pb = new ProcessBuilder(pythonExe, SDK_SCRIPT.toString(), port,
                String.valueOf(d.toMillis() / 1000.0)).redirectErrorStream(true);
        pb.environment().put("OPENMV_SDK", sdk);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(d.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("sdk_frames_bench.py failed: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
        }
        Matcher m = Pattern.compile("\"frames_per_s\": ([0-9.]+)").matcher(output);
        if (!m.find()) {
            throw new IOException("sdk_frames_bench.py printed no result: " + output.strip());
        }
        return Double.parseDouble(m.group(1));
    }

    private static double percentile(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1_000.0;
    }

    /** A tap running in this process for the duration of a measurement. */
    private static final class Running implements AutoCloseable {
        final Tap tap;
        private final Thread thread;

        private Running(Tap tap) {
            this.tap = tap;
            this.thread = new Thread(() -> {
                try {
                    tap.run();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-tap");
            thread.setDaemon(true);
        }

        static Running start(Path cam, Path hostLink, Path out) throws Exception {
            Running r = new Running(new Tap(TapOptions.defaults(cam.toString(), new ServeTarget.Pty(hostLink), out),
                    line -> { }));
            r.thread.start();
            if (r.tap.awaitEndpoint(Duration.ofSeconds(20)) == null) {
                throw new IOException("the tap did not start");
            }
            return r;
        }

        @Override
        public void close() throws InterruptedException {
            tap.stop();
            thread.join(30_000);
        }
    }
}

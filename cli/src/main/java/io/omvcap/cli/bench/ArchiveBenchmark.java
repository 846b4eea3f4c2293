package io.omvcap.cli.bench;

import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionInfo;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.record.RecordOptions;
import io.omvcap.record.Recorder;
import io.omvcap.record.RecordingResult;
import io.omvcap.wire.Direction;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The session archive: its size relative to the bytes that crossed the link (a telemetry-only
 * session at default polling; incompressible JPEG frames from the stream channel with each
 * compression), and how fast a whole archive reads back (a full {@code SessionReader} pass and
 * {@code info --scan} of a recording at 1 kHz polling), as multiples of real time.
 */
public final class ArchiveBenchmark implements Benchmark {
    /** The frame session's simulated cam: noise pictures make JPEGs that do not compress. */
    public static final String FRAME_SIM = "sim:pattern=noise,size=160x120";

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public String description() {
        return "archive size / wire bytes (telemetry <= 0.5x; JPEG frames <= 1.05x zstd/lz4, <= 2.1x none) and"
                + " read speed (>= 200x real time at 1 kHz polling)";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        Path dir = Files.createTempDirectory("omvcap-bench-archive");
        try {
            List<BenchResult> out = new ArrayList<>(sizes(dir, quick, log));
            out.addAll(readSpeed(dir, quick, log));
            return out;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<BenchResult> sizes(Path dir, boolean quick, PrintStream log) throws Exception {
        int telemetrySeconds = quick ? 6 : 20;
        int frameSeconds = quick ? 3 : 8;
        log.printf("archive: recording %d s of telemetry and %d s of noise JPEG frames (zstd, lz4, none) at once%n",
                telemetrySeconds, frameSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<double[]> telemetry = pool.submit(() -> record(dir, "sim:", false, Compression.ZSTD,
                    Duration.ofSeconds(telemetrySeconds)));
            Map<Compression, Future<double[]>> frames = new EnumMap<>(Compression.class);
            for (Compression c : Compression.values()) {
                frames.put(c, pool.submit(() -> record(dir, FRAME_SIM, true, c, Duration.ofSeconds(frameSeconds))));
            }
            List<BenchResult> out = new ArrayList<>();
            double[] t = telemetry.get();
            log.printf("archive: telemetry %,d wire bytes -> %,d archive bytes%n", (long) t[1], (long) t[2]);
            out.add(new BenchResult("telemetry session archive / wire (zstd, " + telemetrySeconds + " s)", t[0], "x",
                    "<= 0.5x", t[0] <= 0.5));
            for (Compression c : Compression.values()) {
                double[] f = frames.get(c).get();
                double limit = c == Compression.NONE ? 2.1 : 1.05;
                log.printf("archive: frames (%s) %,d wire bytes -> %,d archive bytes%n", c.wireName().isEmpty()
                        ? "none" : c.wireName(), (long) f[1], (long) f[2]);
                out.add(new BenchResult("JPEG frame session archive / wire (" + c.name().toLowerCase() + ")", f[0], "x",
                        "<= " + limit + "x", f[0] <= limit));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<BenchResult> readSpeed(Path dir, boolean quick, PrintStream log) throws Exception {
        int seconds = quick ? 5 : 30;
        log.printf("archive: recording %d s at 1 kHz polling (every readable channel, the stream too)%n", seconds);
        Path file = dir.resolve("1khz.mcap");
        double[] rec = recordTo(file, "sim:", true, null, Compression.ZSTD, Duration.ofSeconds(seconds),
                Duration.ofMillis(1));
        double span;
        long items;
        try (SessionReader r = SessionReader.open(file)) {
            span = r.statistics().map(s -> (s.messageEndTime() - s.messageStartTime()) / 1e9).orElse((double) seconds);
            items = pass(r);
        }
        log.printf("archive: %,d archive bytes, %.1f s of session, %,d chunks/packets/messages in a pass%n",
                (long) rec[2], span, items);
        int runs = quick ? 3 : 7;
        double[] passSeconds = new double[runs];
        double[] scanSeconds = new double[runs];
        double[] passCpu = new double[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs + 2; i++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            try (SessionReader r = SessionReader.open(file)) {
                pass(r);
            }
            long c1 = threads.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            try (SessionReader r = SessionReader.open(file)) {
                SessionInfo.of(r, true, null);
            }
            long t2 = System.nanoTime();
            if (i >= 2) { // two warm-up rounds
                passSeconds[i - 2] = (t1 - t0) / 1e9;
                passCpu[i - 2] = (c1 - c0) / 1e9;
                scanSeconds[i - 2] = (t2 - t1) / 1e9;
            }
        }
        java.util.Arrays.sort(passSeconds);
        java.util.Arrays.sort(scanSeconds);
        java.util.Arrays.sort(passCpu);
        double pass = Measure.median(passSeconds);
        double scan = Measure.median(scanSeconds);
        log.printf("archive: full pass %.3f s (%.3f s CPU), info --scan %.3f s%n", pass, Measure.median(passCpu), scan);
        return List.of(
                new BenchResult("full SessionReader pass, x real time", span / pass, "x", ">= 200x", span / pass >= 200),
                new BenchResult("info --scan, x real time", span / scan, "x", ">= 200x", span / scan >= 200),
                new BenchResult("full pass throughput", items / pass, "items/s", "", true),
                new BenchResult("1 kHz session archive / wire", rec[0], "x", "", true));
    }

    /** Touches every chunk, packet and message of a pass; returns how many there were. */
    private static long pass(SessionReader r) throws Exception {
        long items = 0;
        long sink = 0;
        try (SessionCursor c = r.cursor(MessageFilter.ALL)) {
            for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                items++;
                sink += switch (k) {
                    case WIRE -> c.wire().length();
                    case PACKET -> c.packet().payloadLength() + c.packet().channel();
                    case MESSAGE -> c.message().data().length;
                };
            }
        }
        return sink >= 0 ? items : -items;
    }

    /** A size session: the telemetry channel at default polling, and the stream's frames if asked. */
    private static double[] record(Path dir, String port, boolean stream, Compression c, Duration d) throws Exception {
        Path out = dir.resolve(Math.abs(port.hashCode()) + "-" + c.name() + "-" + System.nanoTime() + ".mcap");
        return recordTo(out, port, stream, List.of("telemetry"), c, d, null);
    }

    /**
     * Records from the simulated cam ({@code channels} null: every readable one; {@code poll} null:
     * the default interval); returns archive/wire, wire bytes and archive bytes.
     */
    private static double[] recordTo(Path out, String port, boolean stream, List<String> channels, Compression c,
            Duration d, Duration poll) throws Exception {
        RecordOptions o = RecordOptions.defaults(port, out).withDuration(d).withStream(stream)
                .withArchive(c, FsyncPolicy.INTERVAL, Map.of()).withMode("simulated");
        if (poll != null) {
            o = o.withPollInterval(poll);
        }
        if (channels != null) {
            o = o.withScript(null, channels);
        }
        RecordingResult result = new Recorder(o, line -> { }).run();
        if (result.error() != null) {
            throw new IllegalStateException("recording failed: " + result.error());
        }
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            double wire = t.wireBytes(Direction.HOST_TO_CAM) + t.wireBytes(Direction.CAM_TO_HOST);
            return new double[] {r.fileSize() / wire, wire, r.fileSize()};
        }
    }
}

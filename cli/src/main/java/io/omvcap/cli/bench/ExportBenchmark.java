package io.omvcap.cli.bench;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.parquet.ExportListener;
import io.omvcap.parquet.ExportOptions;
import io.omvcap.parquet.ExportResult;
import io.omvcap.parquet.ExportTable;
import io.omvcap.parquet.ParquetExport;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.PixFormat;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.Widget;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Parquet export on one core: telemetry rows per second into the long {@code telemetry} table,
 * frame bytes per second into {@code frames} (incompressible JPEG-sized images, inline), and the
 * peak heap of a child JVM limited to 256 MB exporting a ~1 GB session with every table. Rates are
 * given per second of wall time and per second of the exporting thread's CPU time (the same on an
 * idle machine; the targets are checked on the CPU rate, which other work on a shared machine does
 * not distort). Sessions
 * are synthesised with the archive writer (telemetry like the simulated cam's five fields, frames
 * of random bytes behind a JPEG header) in a temporary folder deleted afterwards.
 */
public final class ExportBenchmark implements Benchmark {
    private static final double MB = 1_000_000.0;
    private static final int TELEMETRY_ID = 7;
    private static final int FRAME_ID = 6;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String description() {
        return "Parquet export on one core: >= 1M telemetry rows/s, >= 200 MB/s frames, 1 GB session in <= 256 MB heap";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        Path dir = Files.createTempDirectory("omvcap-export-bench");
        List<BenchResult> results = new ArrayList<>();
        try {
            int reads = quick ? 40_000 : 400_000;
            Path telemetry = dir.resolve("telemetry.mcap");
            log.printf("export: writing a session with %,d telemetry reads%n", reads);
            write(telemetry, reads, 0, 0);
            double rowsWall = 0;
            double rowsCpu = 0;
            for (int round = 0; round < (quick ? 2 : 5); round++) {
                Timed t = export(telemetry, dir.resolve("t" + round), EnumSet.of(ExportTable.TELEMETRY));
                long rows = t.result().tables().get("telemetry").rows();
                rowsWall = Math.max(rowsWall, rows / t.wall());
                rowsCpu = Math.max(rowsCpu, rows / t.cpu());
                log.printf("export: telemetry %,d rows in %.2f s (%.2f s CPU)%n", rows, t.wall(), t.cpu());
            }
            results.add(new BenchResult("telemetry rows into the long table (wall)", rowsWall / 1e6, "M rows/s", "",
                    true));
            results.add(new BenchResult("telemetry rows into the long table (CPU)", rowsCpu / 1e6, "M rows/s",
                    ">= 1 M rows/s", rowsCpu >= 1e6));

            long frameBytes = quick ? 100_000_000L : 600_000_000L;
            Path frames = dir.resolve("frames.mcap");
            log.printf("export: writing a session with %.0f MB of frames%n", frameBytes / MB);
            write(frames, 0, frameBytes, 100_000);
            double mbWall = 0;
            double mbCpu = 0;
            for (int round = 0; round < (quick ? 2 : 4); round++) {
                Timed t = export(frames, dir.resolve("f" + round), EnumSet.of(ExportTable.FRAMES));
                mbWall = Math.max(mbWall, frameBytes / MB / t.wall());
                mbCpu = Math.max(mbCpu, frameBytes / MB / t.cpu());
                log.printf("export: frames %.0f MB in %.2f s (%.2f s CPU)%n", frameBytes / MB, t.wall(), t.cpu());
                deleteTree(dir.resolve("f" + round));
            }
            results.add(new BenchResult("frame bytes into frames, inline (wall)", mbWall, "MB/s", "", true));
            results.add(new BenchResult("frame bytes into frames, inline (CPU)", mbCpu, "MB/s", ">= 200 MB/s",
                    mbCpu >= 200));

            long bigBytes = quick ? 100_000_000L : 1_000_000_000L;
            Path big = dir.resolve("big.mcap");
            log.printf("export: writing a %.0f MB session (frames and telemetry)%n", bigBytes / MB);
            write(big, (int) (bigBytes / 100_000 * 20), bigBytes, 100_000);
            double[] heap = childExport(big, dir.resolve("big-out"), dir.resolve("gc.log"), log);
            int size = (int) (Files.size(big) / MB);
            log.printf("export: %d MB session, every table, in a -Xmx256m JVM: %.1f s, heap peak %.0f MB"
                    + " (before a GC), at most %.0f MB live after one%n", size, heap[2], heap[0], heap[1]);
            results.add(new BenchResult("heap peak, " + size + " MB session, all tables, -Xmx256m", heap[0], "MB",
                    "<= 256 MB", heap[0] <= 256));
            results.add(new BenchResult("heap live after GC (max), same run", heap[1], "MB", "", true));
        } finally {
            deleteTree(dir);
        }
        return results;
    }

    /** An export and the wall and CPU seconds of the thread that ran it. */
    private record Timed(ExportResult result, double wall, double cpu) {
    }

    private static Timed export(Path in, Path out, EnumSet<ExportTable> tables) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ExportResult r = ParquetExport.run(List.of(in), ExportOptions.defaults(out).withTables(tables),
                ExportListener.NONE);
        return new Timed(r, (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Exports {@code in} with every table in a child JVM limited to 256 MB of heap; returns the
     * peak heap occupancy its GC log shows (before a collection, MB), the most still live after a
     * collection (MB), and the seconds it took.
     */
    private static double[] childExport(Path in, Path out, Path gcLog, PrintStream log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-cp",
                System.getProperty("java.class.path"), "io.omvcap.cli.Main", "export", in.toString(), "--out",
                out.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("the export in a 256 MB JVM failed (exit " + p.exitValue() + ")");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double peak = 0;
        double live = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Math.max(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
                live = Math.max(live, Double.parseDouble(m.group(2)));
            }
        }
        return new double[] {peak, live, seconds};
    }

    /** A session with {@code reads} telemetry reads and {@code frameBytes} of frames of {@code frameSize}. */
    private static void write(Path file, int reads, long frameBytes, int frameSize) throws IOException {
        Random rnd = new Random(7);
        SessionClock clock = SessionClock.startNow();
        SessionFacts facts = new SessionFacts("bench", "simulated", "sim:", 0, clock, 0, "", Map.of());
        int frames = frameSize == 0 ? 0 : (int) (frameBytes / frameSize);
        byte[] image = new byte[frameSize];
        long t = clock.anchorMonotonicNanos();
        try (SessionWriter w = SessionWriter.create(file, SessionWriterOptions.DEFAULTS.withFsync(FsyncPolicy.OFF),
                facts)) {
            w.device(t, new DeviceFacts(null, null, null, List.of(new ChannelEntry(FRAME_ID, 0x21, "frame"),
                    new ChannelEntry(TELEMETRY_ID, 0x23, "telemetry"))));
            int total = Math.max(reads, frames);
            for (int i = 0; i < total; i++) {
                t += 1_000_000;
                if (i < reads) {
                    w.read(t, new ChannelData(TELEMETRY_ID, "telemetry", 0, TelemetryCodec.encode(fields(i, rnd))));
                }
                if (frames > 0 && (long) i * frames / total != (long) (i + 1) * frames / total) {
                    jpegLike(rnd, image); // fresh noise for every frame: nothing for any compressor to find
                    w.frame(t, new FrameRecord(FRAME_ID, "frame", 640, 480, PixFormat.JPEG.code(), "jpeg", image));
                }
            }
        }
    }

    private static List<TelemetryField> fields(int i, Random rnd) {
        return List.of(TelemetryField.of("temperature", Widget.LABEL, 22.5 + rnd.nextInt(300) / 100.0, "Cel"),
                TelemetryField.of("humidity", Widget.LABEL, 45 + rnd.nextInt(100) / 10.0, "%RH"),
                TelemetryField.of("counter", Widget.LABEL, (long) i, null),
                TelemetryField.of("led", Widget.TOGGLE, (i & 8) != 0, null),
                TelemetryField.slider("gain", 12.0, 0, 24, 1, "dB"));
    }

    /** Fills {@code b} with random (incompressible) bytes behind a JPEG start-of-image marker. */
    private static void jpegLike(Random rnd, byte[] b) {
        rnd.nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
    }
}

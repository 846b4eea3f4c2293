package io.omvcap.cli.bench;

import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.mcap.McapIndexedReader;
import io.omvcap.mcap.McapRecord;
import io.omvcap.mcap.McapStreamReader;
import io.omvcap.mcap.McapWriter;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.MessageCursor;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.mcap.Statistics;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * MCAP session archive throughput on one core: writing a realistic session mix (70 % of the bytes
 * in 4–20 KB frame-like messages, the rest in 20–200-byte telemetry/packet messages) with none,
 * lz4 and zstd; reading it back streamed and indexed; opening a ~1 GB file through its summary;
 * and the heap growth while writing. Files go to a temporary directory that is deleted afterwards.
 */
public final class McapBenchmark implements Benchmark {
    private static final double MB = 1_000_000.0;
    private static final int FRAME_POOL = 48;
    private static final int SMALL_POOL = 512;
    private static final int SMALL_PER_FRAME = 47;

    @Override
    public String name() {
        return "mcap";
    }

    @Override
    public String description() {
        return "MCAP write none/lz4 >= 200 MB/s, zstd >= 100 MB/s; 1 GB file indexed open + statistics < 1 s";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        long writeBytes = quick ? 32_000_000L : 256_000_000L;
        long bigBytes = quick ? 60_000_000L : 1_190_000_000L; // about 1 GB on disk with zstd
        Workload work = new Workload(new Random(42));
        List<BenchResult> results = new ArrayList<>();
        Path dir = Files.createTempDirectory("omvcap-mcap-bench");
        try {
            log.println("mcap: warming up");
            write(dir.resolve("warmup.mcap"), Compression.ZSTD, work, quick ? 8_000_000L : 64_000_000L);
            write(dir.resolve("warmup.mcap"), Compression.LZ4, work, quick ? 8_000_000L : 64_000_000L);
            for (int i = 0; i < 3; i++) {
                streamMbs(dir.resolve("warmup.mcap"));
                indexedMbs(dir.resolve("warmup.mcap"));
            }
            for (Compression c : Compression.values()) {
                Path file = dir.resolve("session-" + c.name().toLowerCase() + ".mcap");
                double best = 0;
                for (int round = 0; round < (quick ? 1 : 3); round++) {
                    long t0 = System.nanoTime();
                    long payload = write(file, c, work, writeBytes);
                    best = Math.max(best, payload / MB / ((System.nanoTime() - t0) / 1e9));
                }
                double target = c == Compression.ZSTD ? 100 : 200;
                log.printf("mcap: write %s %.0f MB/s, file %.1f%% of payload%n", c, best,
                        100.0 * Files.size(file) / writeBytes);
                results.add(new BenchResult("write " + c.name().toLowerCase() + " throughput", best, "MB/s",
                        ">= " + (int) target + " MB/s", best >= target));
                if (c != Compression.NONE) {
                    double stream = 0;
                    double indexed = 0;
                    for (int round = 0; round < (quick ? 1 : 3); round++) {
                        stream = Math.max(stream, streamMbs(file));
                        indexed = Math.max(indexed, indexedMbs(file));
                    }
                    log.printf("mcap: read %s: streamed %.0f MB/s, indexed (log-time order) %.0f MB/s%n", c, stream,
                            indexed);
                    String n = c.name().toLowerCase();
                    results.add(new BenchResult("stream read " + n + " throughput", stream, "MB/s", "", true));
                    results.add(new BenchResult("indexed read " + n + " throughput", indexed, "MB/s", "", true));
                }
                Files.delete(file);
            }
            results.addAll(bigFile(dir.resolve("big.mcap"), work, bigBytes, log));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return results;
    }

    /** Writes about {@code payloadBytes} of the session mix; returns the payload bytes written. */
    private static long write(Path file, Compression c, Workload work, long payloadBytes) throws IOException {
        try (McapWriter w = McapWriter.builder().profile("openmv").library("omvcap bench").compression(c)
                .fsyncPolicy(FsyncPolicy.OFF).open(file)) {
            return work.write(w, payloadBytes);
        }
    }

    /** Streams every record of {@code file}; message payload MB/s. */
    private static double streamMbs(Path file) throws IOException {
        long payload = 0;
        long t0 = System.nanoTime();
        try (McapStreamReader r = McapStreamReader.open(file)) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                if (rec instanceof Message m) {
                    payload += m.data().length;
                }
            }
        }
        return payload / MB / ((System.nanoTime() - t0) / 1e9);
    }

    /** Reads every message of {@code file} through the index in log-time order; payload MB/s. */
    private static double indexedMbs(Path file) throws IOException {
        long payload = 0;
        long t0 = System.nanoTime();
        try (McapIndexedReader r = McapIndexedReader.open(file)) {
            MessageCursor cursor = r.readMessages(MessageFilter.ALL);
            for (Message m; (m = cursor.next()) != null; ) {
                payload += m.data().length;
            }
        }
        return payload / MB / ((System.nanoTime() - t0) / 1e9);
    }

    private static List<BenchResult> bigFile(Path file, Workload work, long payloadBytes, PrintStream log)
            throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long baseline = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        log.printf("mcap: writing %.0f MB session (zstd)%n", payloadBytes / MB);
        long t0 = System.nanoTime();
        long payload = write(file, Compression.ZSTD, work, payloadBytes);
        double writeMbs = payload / MB / ((System.nanoTime() - t0) / 1e9);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long[] openNanos = new long[5];
        long messages = 0;
        for (int i = 0; i < openNanos.length; i++) {
            long s = System.nanoTime();
            try (McapIndexedReader r = McapIndexedReader.open(file)) {
                Statistics st = r.statistics().orElseThrow();
                messages = st.messageCount();
            }
            openNanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(openNanos);
        double worstMs = openNanos[openNanos.length - 1] / 1e6;
        log.printf("mcap: %.0f MB file (%d messages): write %.0f MB/s, indexed open + statistics %.1f ms (worst of 5),"
                + " heap peak growth %.0f MB%n", Files.size(file) / MB, messages, writeMbs, worstMs,
                (peak - baseline) / MB);
        return List.of(
                new BenchResult("write zstd " + (int) (payloadBytes / MB) + " MB session", writeMbs, "MB/s",
                        ">= 100 MB/s", writeMbs >= 100),
                new BenchResult("indexed open + statistics, " + (int) (Files.size(file) / MB) + " MB file", worstMs,
                        "ms", "< 1000 ms", worstMs < 1000),
                new BenchResult("heap peak growth while writing (incl. garbage)", (peak - baseline) / MB, "MB", "",
                        true));
    }

    /** Pre-generated payloads cycled through so generating data costs nothing while measuring. */
    private static final class Workload {
        private final byte[][] frames = new byte[FRAME_POOL][];
        private final byte[][] small = new byte[SMALL_POOL][];

        Workload(Random rnd) {
            for (int f = 0; f < FRAME_POOL; f++) {
                int width = 64 + rnd.nextInt(65);
                int size = 4_000 + rnd.nextInt(16_001);
                byte[] frame = new byte[size];
                for (int i = 0; i < size; i++) {
                    int x = i % width;
                    int y = i / width;
                    // smooth image content plus sensor noise in the low bits: compresses, but not trivially
                    frame[i] = (byte) (((x * 3 + y * 2 + f * 5) & 0xF8) | rnd.nextInt(8));
                }
                frames[f] = frame;
            }
            for (int s = 0; s < SMALL_POOL; s++) {
                byte[] msg = new byte[20 + rnd.nextInt(181)];
                for (int i = 0; i < msg.length; i++) {
                    msg[i] = (byte) (i % 5 == 4 ? rnd.nextInt() : 0xA0 + i % 16);
                }
                small[s] = msg;
            }
        }

        long write(McapWriter w, long payloadBytes) throws IOException {
            int frameCh = w.registerChannel("/stream/frames", "raw", 0, Map.of("pixformat", "GRAYSCALE"));
            int teleCh = w.registerChannel("/telemetry/cbor", "cbor", 0, Map.of());
            int packetCh = w.registerChannel("/wire/packets", "omv-packet", 0, Map.of());
            long written = 0;
            long time = 1_700_000_000_000_000_000L;
            int f = 0;
            int s = 0;
            while (written < payloadBytes) {
                byte[] frame = frames[f++ % FRAME_POOL];
                w.writeMessage(frameCh, time, frame);
                written += frame.length;
                for (int i = 0; i < SMALL_PER_FRAME; i++) {
                    byte[] msg = small[s++ % SMALL_POOL];
                    time += 20_000;
                    w.writeMessage((i & 1) == 0 ? teleCh : packetCh, time, msg);
                    written += msg.length;
                }
            }
            return written;
        }
    }
}

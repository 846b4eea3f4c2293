package io.omvcap.cli.bench;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.device.BoardProfile;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.link.ByteLink;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.pty.PtyLink;
import io.omvcap.record.RecordOptions;
import io.omvcap.record.Recorder;
import io.omvcap.record.RecordingResult;
import io.omvcap.replay.Replay;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimSpec;
import io.omvcap.transport.Transports;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The replayed cam under load:
 * <ul>
 *   <li>request turnaround p50/p99 in-process and over a pty (the host of {@code bench turnaround},
 *       against a replay of a freshly recorded session; targets p99 ≤ 100 µs and ≤ 1 ms);</li>
 *   <li>frames per second a Java host reads over a pty at {@code --speed max}, compared with the same
 *       host against {@code omvcap sim} (target: at least as many);</li>
 *   <li>a ~1 GB archive: time from opening it to the first payload served (target &lt; 1 s) and the
 *       heap while serving it (target ≤ 256 MB).</li>
 * </ul>
 */
public final class ReplayBenchmark implements Benchmark {
    private static final String FRAME_CHANNEL = "frame";

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "replay: turnaround p99 (<= 100 us in-process, <= 1 ms pty), frames/s vs sim, 1 GB archive first payload"
                + " < 1 s, heap <= 256 MB";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        Path dir = Files.createTempDirectory("omvcap-replay-bench");
        try {
            List<BenchResult> out = new ArrayList<>();
            Path session = record(dir, quick ? Duration.ofSeconds(2) : Duration.ofSeconds(4), log);
            out.addAll(turnaround(session, quick, log));
            out.addAll(frames(session, quick ? Duration.ofSeconds(2) : Duration.ofSeconds(6), log));
            out.addAll(bigArchive(dir, quick ? 60L << 20 : 1L << 30, log));
            return out;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A session of 12000-byte frames from the reference simulated cam, as the recorder archives it. */
    private static Path record(Path dir, Duration d, PrintStream log) throws IOException {
        log.println("replay: recording " + d.toSeconds() + " s of frames from sim:" + RecorderBenchmark.FRAME_SIM);
        RecordOptions o = RecordOptions.defaults("sim:" + RecorderBenchmark.FRAME_SIM, dir.resolve("frames.mcap"))
                .withDuration(d).withScript(null, List.of(FRAME_CHANNEL)).withPollInterval(Duration.ofMillis(1))
                .withMode("simulated");
        RecordingResult r = new Recorder(o, line -> { }).run();
        return r.files().get(0);
    }

    private static List<BenchResult> turnaround(Path session, boolean quick, PrintStream log) throws Exception {
        int warmup = quick ? 2_000 : 20_000;
        int rounds = quick ? 5_000 : 50_000;
        List<BenchResult> results = new ArrayList<>();
        try (Replay r = Replay.open(session).inProcess()) {
            log.println("replay: turnaround in-process, " + rounds + " requests");
            results.addAll(rename(TurnaroundBenchmark.measure("in-process", r.hostLink(), warmup, rounds,
                    TurnaroundBenchmark.IN_PROCESS_P99_US)));
        }
        try (Replay r = Replay.open(session).pty(null); PtyLink host = PtyLink.attach(r.slavePath())) {
            log.println("replay: turnaround over pty " + r.slavePath() + ", " + rounds + " requests");
            results.addAll(rename(TurnaroundBenchmark.measure("pty", host, warmup, rounds, TurnaroundBenchmark.PTY_P99_US)));
        }
        return results;
    }

    private static List<BenchResult> rename(List<BenchResult> in) {
        return in.stream().map(b -> new BenchResult("replay " + b.metric(), b.value(), b.unit(), b.target(), b.met()))
                .toList();
    }

    /** The same Java host reading the frame channel over a pty: from the simulated cam, then from the replay. */
    private static List<BenchResult> frames(Path session, Duration d, PrintStream log) throws Exception {
        double sim;
        try (SimCamServer cam = SimCamServer.start(SimSpec.parse(RecorderBenchmark.FRAME_SIM), new ServeTarget.Pty(null),
                StatusListener.NONE, 0)) {
            log.println("replay: frames/s from omvcap sim over " + cam.slavePath() + " for " + d.toSeconds() + " s");
            sim = framesPerSecond(Transports.open(cam.slavePath()), d);
        }
        double replay;
        try (Replay r = Replay.open(session).loop(true).pty(null)) {
            log.println("replay: frames/s from the replay (--speed max) over " + r.slavePath() + " for " + d.toSeconds() + " s");
            replay = framesPerSecond(Transports.open(r.slavePath()), d);
        }
        return List.of(new BenchResult("sim frames/s over a pty (same host)", sim, "frames/s", "", true),
                new BenchResult("replay frames/s over a pty at --speed max", replay, "frames/s",
                        String.format(">= sim (%.0f)", sim), replay >= sim));
    }

    private static double framesPerSecond(ByteLink link, Duration d) throws Exception {
        Camera cam = new Camera(link, CameraOptions.defaults());
        try {
            cam.connect();
            long warm = System.nanoTime() + 1_000_000_000L;
            long frames = 0;
            long start = 0;
            int id = -1;
            while (true) {
                long now = System.nanoTime();
                if (start == 0 && now > warm) {
                    start = now;
                    frames = 0;
                }
                if (start > 0 && now - start > d.toNanos()) {
                    return frames / ((now - start) / 1e9);
                }
                if (id < 0) {
                    id = cam.channels().stream().filter(c -> c.name().equals(FRAME_CHANNEL)).mapToInt(ChannelEntry::id)
                            .findFirst().orElse(-1);
                    if (id < 0) {
                        Thread.sleep(5);
                        continue;
                    }
                }
                if (cam.poll().isReady(id) && cam.read(FRAME_CHANNEL).length > 0) {
                    frames++;
                }
            }
        } finally {
            cam.close();
        }
    }

    /**
     * A large archive as a recorder writes it (wire bytes and frame reads of incompressible
     * 64 KiB images): time to the first payload a host reads, and the heap while a host reads
     * frames through it at max speed.
     */
    private static List<BenchResult> bigArchive(Path dir, long targetBytes, PrintStream log) throws Exception {
        Path file = dir.resolve("big.mcap");
        log.printf("replay: writing a %d MB session archive%n", targetBytes >> 20);
        writeBig(file, targetBytes);
        double sizeMb = Files.size(file) / 1048576.0;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long t0 = System.nanoTime();
        double firstMs;
        long maxHeap = 0;
        int frames = 0;
        try (Replay r = Replay.open(file).inProcess()) {
            Camera cam = new Camera(r.hostLink(), CameraOptions.defaults());
            cam.connect();
            byte[] first = cam.read(FRAME_CHANNEL);
            firstMs = (System.nanoTime() - t0) / 1e6;
            if (first.length == 0) {
                throw new IOException("the big archive served no frame");
            }
            long end = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < end && cam.read(FRAME_CHANNEL).length > 0) {
                if (++frames % 500 == 0) {
                    System.gc();
                    maxHeap = Math.max(maxHeap, mem.getHeapMemoryUsage().getUsed());
                }
            }
            System.gc();
            maxHeap = Math.max(maxHeap, mem.getHeapMemoryUsage().getUsed());
            cam.close();
        }
        double heapMb = maxHeap / 1048576.0;
        log.printf("replay: %.0f MB archive, first frame after %.0f ms, %d frames read, heap after GC up to %.0f MB%n",
                sizeMb, firstMs, frames, heapMb);
        return List.of(new BenchResult(String.format("%.0f MB archive: open to first payload", sizeMb), firstMs, "ms",
                "< 1000 ms", firstMs < 1000), new BenchResult(String.format("heap after GC serving it (%d frames)", frames),
                heapMb, "MB", "<= 256 MB", heapMb <= 256));
    }

    private static void writeBig(Path file, long targetBytes) throws IOException {
        Random random = new Random(42);
        SessionFacts facts = new SessionFacts(OmvcapVersion.get(), "simulated", "bench", 0, SessionClock.startNow(), 0,
                "", java.util.Map.of());
        BoardProfile board = BoardProfile.H7_PLUS;
        List<ChannelEntry> channels = List.of(new ChannelEntry(0, ChannelFlag.PHYSICAL.mask(), "usb"),
                new ChannelEntry(1, ChannelFlag.WRITE.mask() | ChannelFlag.EXEC.mask(), "stdin"),
                new ChannelEntry(2, ChannelFlag.READ.mask(), "stdout"),
                new ChannelEntry(3, ChannelFlag.READ.mask() | ChannelFlag.LOCK.mask() | ChannelFlag.STREAM.mask(), "stream"),
                new ChannelEntry(4, ChannelFlag.READ.mask() | ChannelFlag.DYNAMIC.mask(), FRAME_CHANNEL));
        byte[] image = new byte[64 * 1024];
        long t = System.nanoTime();
        try (SessionWriter w = SessionWriter.create(file, SessionWriterOptions.DEFAULTS, facts)) {
            w.device(t, new DeviceFacts(board.version(), board.sysInfo(), Caps.allOn(board.maxPayload()), channels));
            int seq = 0;
            while (w.position() < targetBytes) {
                random.nextBytes(image);
                image[0] = (byte) 0xFF;
                image[1] = (byte) 0xD8;
                image[2] = (byte) 0xFF;
                t += 2_000_000;
                byte[] request = PacketEncoder.encode(Packet.of(seq, 4, 0, Opcode.CHANNEL_READ,
                        new io.omvcap.payload.ReadRequest(0, image.length).encode()));
                w.wire(Direction.HOST_TO_CAM, t, request, 0, request.length);
                for (int off = 0; off < image.length; off += board.maxPayload()) {
                    int n = Math.min(board.maxPayload(), image.length - off);
                    int flags = (off + n < image.length ? Flag.FRAGMENT.mask() : 0) | Flag.ACK_REQ.mask();
                    byte[] p = PacketEncoder.encode(new Packet(seq, 4, flags, Opcode.CHANNEL_READ.code(),
                            Arrays.copyOfRange(image, off, off + n)));
                    w.wire(Direction.CAM_TO_HOST, t, p, 0, p.length);
                    seq = (seq + 1) & 0xFF;
                }
                w.read(t, new ChannelData(4, FRAME_CHANNEL, 0, image.clone()));
            }
        }
    }
}

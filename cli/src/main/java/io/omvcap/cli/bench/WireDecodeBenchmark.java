package io.omvcap.cli.bench;

import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.Widget;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.ValidPacket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Decode + CRC validation throughput of the streaming decoder on a realistic cam-to-host stream:
 * 4082-byte frame fragments (ACK_REQ, FRAGMENT) mixed with small CBOR telemetry reads, poll
 * responses, stdout notifications and host ACK-sized packets, fed in 64 KB chunks as from a file.
 */
public final class WireDecodeBenchmark implements Benchmark {
    private static final double TARGET_MBPS = 1000;

    @Override
    public String name() {
        return "wire-decode";
    }

    @Override
    public String description() {
        return "decode + CRC16/CRC32 validation on one core, frames mixed with telemetry (target >= 1 GB/s)";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        byte[] stream = realisticStream(quick ? 16 << 20 : 128 << 20, new Random(1));
        log.printf("wire-decode: %,d byte stream%n", stream.length);
        long[] packets = new long[1];
        Measure.Work work = () -> {
            PacketDecoder d = new PacketDecoder(4082, true);
            long[] count = {0};
            int chunk = 64 * 1024;
            for (int off = 0; off < stream.length; off += chunk) {
                d.feed(stream, off, Math.min(chunk, stream.length - off), e -> {
                    if (e instanceof ValidPacket) {
                        count[0]++;
                    }
                });
            }
            d.finish(e -> { });
            packets[0] = count[0];
            return stream.length;
        };
        double[] mbps = Measure.throughput(work, quick ? 2 : 5, quick ? 3 : 10);
        double median = Measure.median(mbps);
        log.printf("wire-decode: %,d packets per pass, median %.0f MB/s (min %.0f, max %.0f)%n", packets[0], median,
                mbps[0], mbps[mbps.length - 1]);
        double process = decodeStatsProcess(stream, quick ? 1 : 8, log);
        double ratio = median / process;
        return List.of(
                new BenchResult("decode+crc throughput (median)", median, "MB/s", ">= " + (int) TARGET_MBPS + " MB/s",
                        median >= TARGET_MBPS),
                new BenchResult("decode+crc throughput (worst run)", mbps[0], "MB/s", "", true),
                new BenchResult("packets per pass", packets[0], "packets", "", true),
                new BenchResult("'omvcap decode --stats' as a whole process", process, "MB/s", "", true),
                new BenchResult("in-process median / whole process", ratio, "x", "<= 1.5x", ratio <= 1.5));
    }

    /**
     * Throughput of {@code omvcap decode --stats} run as its own JVM (start-up included) on a file
     * of {@code copies} times the stream (1 GB for 8), the best of three runs.
     */
    private static double decodeStatsProcess(byte[] stream, int copies, PrintStream log) throws Exception {
        Path file = Files.createTempFile("omvcap-capture", ".bin");
        try {
            try (var out = Files.newOutputStream(file)) {
                for (int i = 0; i < copies; i++) {
                    out.write(stream);
                }
            }
            long size = Files.size(file);
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            double best = 0;
            for (int run = 0; run < 3; run++) {
                Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                        "io.omvcap.cli.Main", "decode", "--stats", file.toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
                long t0 = System.nanoTime();
                int code = p.waitFor();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (code != 0) {
                    throw new IllegalStateException("decode --stats exited with " + code);
                }
                best = Math.max(best, size / seconds / 1e6);
            }
            log.printf("wire-decode: 'omvcap decode --stats' of a %,d byte capture: %.0f MB/s (best of 3)%n", size, best);
            return best;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A cam-to-host stream of about {@code size} bytes, about 85% frame bytes. */
    static byte[] realisticStream(int size, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 8192);
        byte[] fragment = new byte[4082];
        int seq = 0;
        int counter = 0;
        while (out.size() < size) {
            rnd.nextBytes(fragment);
            int fragments = 3 + rnd.nextInt(6);
            for (int f = 0; f < fragments; f++) {
                int flags = Flag.ACK_REQ.mask() | (f < fragments - 1 ? Flag.FRAGMENT.mask() : 0);
                byte[] payload = f < fragments - 1 ? fragment : java.util.Arrays.copyOf(fragment, 500 + rnd.nextInt(3000));
                out.writeBytes(PacketEncoder.encode(new Packet(seq++ & 0xFF, 6, flags, Opcode.CHANNEL_READ.code(), payload)));
            }
            for (int t = 0; t < 6; t++) {
                byte[] cbor = TelemetryCodec.encode(List.of(TelemetryField.of("temp", Widget.LABEL, 20 + rnd.nextDouble(), "Cel"),
                        TelemetryField.of("count", Widget.LABEL, (long) counter++, null)));
                out.writeBytes(PacketEncoder.encode(new Packet(seq++ & 0xFF, 7, Flag.ACK_REQ.mask(),
                        Opcode.CHANNEL_READ.code(), cbor)));
                out.writeBytes(PacketEncoder.encode(new Packet(seq++ & 0xFF, 0, Flag.ACK_REQ.mask(),
                        Opcode.CHANNEL_POLL.code(), new byte[] {(byte) 0xd2, 0, 0, 0})));
                out.writeBytes(PacketEncoder.encode(new Packet(seq & 0xFF, 2, Flag.EVENT.mask(),
                        Opcode.CHANNEL_EVENT.code(), new byte[0])));
            }
        }
        return out.toByteArray();
    }
}

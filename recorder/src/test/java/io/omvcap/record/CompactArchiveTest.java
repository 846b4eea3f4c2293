package io.omvcap.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.serve.CamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimCam;
import io.omvcap.sim.SimConfig;
import io.omvcap.testing.ReferenceReader;
import io.omvcap.wire.Direction;
import io.omvcap.wire.PacketDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact archive layout end to end: a recording over a real pseudo-terminal from a cam whose
 * line is noisy reads back byte for byte, with exactly the packets (valid, invalid, torn at
 * segment seams) a decoder finds in what crossed the line; and archives stay within their size
 * targets relative to the wire bytes.
 */
class CompactArchiveTest {
    @TempDir
    Path dir;
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void aNoisyLineRoundTripsByteForByteAcrossRotations() throws Exception {
        NoisyCamTransport line = new NoisyCamTransport(7);
        SimConfig config = SimConfig.builder().frameRateHz(20).frameSize(160, 120).build();
        RecordingResult result;
        try (CamServer cam = new CamServer(line, (clock, out) -> new SimCam(config, clock, out).engine(),
                StatusListener.NONE, 0)) {
            RecordOptions o = RecordOptions.defaults(line.slavePath(), dir.resolve("noisy.mcap"))
                    .withDuration(Duration.ofMillis(4500)).withStream(true).withRotation(0, Duration.ofMillis(900));
            result = new Recorder(o, log::add).run();
        }
        assertNull(result.error(), String.valueOf(log));
        assertTrue(result.files().size() >= 4, "rotated into several files: " + result.files());

        // what the archive says crossed the line, per connection and direction, and its packets
        List<ByteArrayOutputStream[]> wire = new ArrayList<>();
        List<String> packets = new ArrayList<>();
        long invalid = 0;
        long noise = 0;
        for (Path f : result.files()) {
            try (SessionReader r = SessionReader.open(f); SessionCursor c = r.cursor(MessageFilter.ALL)) {
                for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                    if (k == SessionCursor.Kind.WIRE) {
                        while (wire.size() <= c.wire().connection()) {
                            wire.add(new ByteArrayOutputStream[] {new ByteArrayOutputStream(),
                                new ByteArrayOutputStream()});
                        }
                        wire.get(c.wire().connection())[c.wire().dir().ordinal()]
                                .write(c.wire().array(), c.wire().arrayOffset(), c.wire().length());
                    } else if (k == SessionCursor.Kind.PACKET) {
                        packets.add(c.packet().connection() + " " + describe(c.packet().toRecord()));
                    }
                }
                SessionTotals t = r.storedTotals().orElseThrow();
                invalid += t.invalidByReason().values().stream().mapToLong(Long::longValue).sum();
                noise += t.noiseBytes(Direction.CAM_TO_HOST);
            }
            JsonNode ref = ReferenceReader.check(f.toAbsolutePath());
            assertTrue(ref.at("/indexed/messages").asLong() > 0, ref.toString());
        }
        List<byte[][]> line0 = line.streams();
        assertEquals(line0.size(), wire.size(), "one connection recorded per host link: " + log);
        List<String> expected = new ArrayList<>();
        for (int conn = 0; conn < line0.size(); conn++) {
            for (Direction d : Direction.values()) {
                // the host records what it read and wrote; at the very end one side may not have
                // taken the other's last bytes, so one is a prefix of the other
                byte[] crossed = line0.get(conn)[d.ordinal()];
                byte[] recorded = wire.get(conn)[d.ordinal()].toByteArray();
                int common = Math.min(crossed.length, recorded.length);
                assertTrue(Math.max(crossed.length, recorded.length) - common < 16 * 1024,
                        "connection " + conn + " " + d + ": " + recorded.length + " recorded of " + crossed.length);
                assertArrayEquals(Arrays.copyOf(crossed, common), Arrays.copyOf(recorded, common),
                        "connection " + conn + " " + d);
            }
        }
        for (int conn = 0; conn < line0.size(); conn++) {
            for (Direction d : Direction.values()) {
                int c = conn;
                new PacketDecoder().feed(wire.get(conn)[d.ordinal()].toByteArray(), e -> {
                    PacketRecord p = PacketRecord.of(d, e, null);
                    if (p != null) {
                        expected.add(c + " " + describe(p));
                    }
                });
            }
        }
        assertEquals(sorted(expected), sorted(packets), "the derived packets are the line's packets");
        assertTrue(invalid > 0, "the noisy line produced invalid packets: " + log);
        assertTrue(noise > 0, "and noise");
    }

    @Test
    void archivesStayWithinTheirSizeTargets() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // the issue's scenarios: telemetry only at default polling for 20 s; incompressible JPEG
            // frames from the stream channel for 8 s, with each compression
            Future<double[]> telemetry = pool.submit(() -> ratio("sim:", false, Compression.ZSTD, 20));
            Map<Compression, Future<double[]>> frames = new java.util.EnumMap<>(Compression.class);
            for (Compression c : Compression.values()) {
                frames.put(c, pool.submit(() -> ratio("sim:pattern=noise,size=160x120", true, c, 8)));
            }
            double[] t = telemetry.get();
            assertTrue(t[0] <= 0.5, "telemetry archive / wire = " + t[0] + " (" + (long) t[1] + " wire bytes)");
            for (Compression c : Compression.values()) {
                double[] f = frames.get(c).get();
                double limit = c == Compression.NONE ? 2.1 : 1.05;
                assertTrue(f[0] <= limit, c + " frame archive / wire = " + f[0] + " (" + (long) f[1] + " wire bytes)");
                assertTrue(f[1] > 500_000, "the frame session moved real data: " + (long) f[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Records {@code port} (the telemetry channel, and the stream if asked) and returns archive/wire and wire bytes. */
    private double[] ratio(String port, boolean stream, Compression c, int seconds) throws Exception {
        Path out = dir.resolve(port.hashCode() + "-" + c + ".mcap");
        RecordOptions o = RecordOptions.defaults(port, out).withDuration(Duration.ofSeconds(seconds)).withStream(stream)
                .withArchive(c, FsyncPolicy.INTERVAL, Map.of()).withScript(null, List.of("telemetry"))
                .withMode("simulated");
        RecordingResult result = new Recorder(o, log::add).run();
        assertNull(result.error(), String.valueOf(log));
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            double wire = t.wireBytes(Direction.HOST_TO_CAM) + t.wireBytes(Direction.CAM_TO_HOST);
            return new double[] {r.fileSize() / wire, wire};
        }
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        java.util.Collections.sort(s);
        return s;
    }

    private static String describe(PacketRecord p) {
        return p.dir().shortName() + " @" + p.offset() + " seq=" + p.seq() + " ch=" + p.channel() + " op="
                + p.opcode() + " len=" + p.length() + " " + p.reason() + " consumed=" + p.consumed() + " payload="
                + Arrays.hashCode(p.payload()) + " raw=" + Arrays.hashCode(p.raw());
    }
}

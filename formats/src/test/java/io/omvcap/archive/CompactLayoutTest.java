package io.omvcap.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.mcap.McapRecovery;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.PacketEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layout 2 round trip: what a writer is given (transport chunks of two directions, with noise,
 * invalid and torn packets, new connections, CRC checking switched off, rotation into several
 * files) reads back byte for byte, and the packets derived on reading are exactly those a
 * decoder finds in the same streams, with the time of the chunk that completed each.
 */
class CompactLayoutTest {
    @TempDir
    Path dir;

    /** One transport chunk as the writer saw it, or a connection / framing change (bytes null). */
    private record Step(Direction dir, long time, byte[] bytes, int connection, boolean crc, boolean newConnection,
            int rotateBefore) {
    }

    /** A packet as a decoder reports it, with its connection and time, comparable by value. */
    private record Expected(int connection, long time, String fields) {
    }

    @Test
    void everyByteAndPacketRoundTripsAcrossConnectionsFramingAndRotation() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            Compression compression = Compression.values()[(int) (seed % 3)];
            List<Step> steps = session(new Random(seed));
            List<Path> files = write(steps, compression, "s" + seed);
            assertRoundTrip(steps, files, "seed " + seed);
        }
    }

    @Test
    void aCutFileRecoversToAPrefixWhosePacketsAreThePrefixsPackets() throws Exception {
        Random rnd = new Random(99);
        // the first connection of a session, in one file
        List<Step> steps = session(rnd).stream().takeWhile(s -> s.connection() == 0)
                .map(s -> new Step(s.dir(), s.time(), s.bytes(), 0, s.crc(), false, 0)).toList();
        Path file = write(steps, Compression.ZSTD, "cut").get(0);
        byte[] all = Files.readAllBytes(file);
        for (int round = 0; round < 8; round++) {
            int cut = 200 + rnd.nextInt(all.length - 400);
            Path damaged = dir.resolve("cut" + round + ".mcap");
            Files.write(damaged, Arrays.copyOf(all, cut));
            Path fixed = dir.resolve("fixed" + round + ".mcap");
            McapRecovery.recover(damaged, fixed);
            // what survived of each direction is a prefix of what was written, and its packets
            // are what a decoder finds in that prefix
            Map<Direction, byte[]> kept = new java.util.EnumMap<>(Direction.class);
            List<String> packets = new ArrayList<>();
            try (SessionReader r = SessionReader.open(fixed); SessionCursor c = r.cursor(MessageFilter.ALL)) {
                ByteArrayOutputStream[] bytes = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
                for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                    if (k == SessionCursor.Kind.WIRE) {
                        bytes[c.wire().dir().ordinal()].write(c.wire().array(), c.wire().arrayOffset(), c.wire().length());
                    } else if (k == SessionCursor.Kind.PACKET) {
                        packets.add(c.packet().dir().shortName() + describe(c.packet().toRecord()));
                    }
                }
                for (Direction d : Direction.values()) {
                    kept.put(d, bytes[d.ordinal()].toByteArray());
                }
            }
            List<String> expected = new ArrayList<>();
            for (Direction d : Direction.values()) {
                byte[] original = stream(steps, d, 0);
                byte[] prefix = kept.get(d);
                assertArrayEquals(Arrays.copyOf(original, prefix.length), prefix, "prefix of " + d + " at cut " + cut);
                PacketDecoder decoder = new PacketDecoder();
                decoder.feed(prefix, e -> {
                    PacketRecord p = PacketRecord.of(d, e, null);
                    if (p != null) {
                        expected.add(d.shortName() + describe(p));
                    }
                });
            }
            List<String> sortedGot = new ArrayList<>(packets);
            java.util.Collections.sort(sortedGot);
            java.util.Collections.sort(expected);
            assertEquals(expected, sortedGot, "packets of the recovered prefix at cut " + cut);
        }
    }

    // ---- a random session -------------------------------------------------------------------

    private static List<Step> session(Random rnd) {
        List<Step> steps = new ArrayList<>();
        long t = 1_700_000_000_000_000_000L;
        int connection = 0;
        boolean crc = true;
        int[] seq = new int[2];
        ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        int rotations = 0;
        for (int i = 0; i < 900; i++) {
            if (i > 0 && i % 300 == 0) {
                connection++;
                steps.add(new Step(null, t, null, connection, crc, true, 0));
                pending[0].reset();
                pending[1].reset();
            }
            if (i == 450 || i == 600) {
                crc = !crc; // CRC checking off for a stretch, as caps may negotiate
                steps.add(new Step(null, t, null, connection, crc, false, 0));
            }
            Direction d = rnd.nextBoolean() ? Direction.HOST_TO_CAM : Direction.CAM_TO_HOST;
            ByteArrayOutputStream buf = pending[d.ordinal()];
            fill(buf, rnd, seq, d, crc);
            byte[] all = buf.toByteArray();
            int n = 1 + rnd.nextInt(Math.min(all.length, rnd.nextInt(10) == 0 ? 9000 : 300));
            buf.reset();
            buf.write(all, n, all.length - n);
            t += 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(400_000_000) : rnd.nextInt(3_000_000));
            int rotate = rnd.nextInt(120) == 0 && rotations < 4 ? 1 : 0;
            rotations += rotate;
            steps.add(new Step(d, t, Arrays.copyOf(all, n), connection, crc, false, rotate));
        }
        return steps;
    }

    /** Appends a few packets, good and bad, and some noise to a direction's pending bytes. */
    private static void fill(ByteArrayOutputStream out, Random rnd, int[] seq, Direction d, boolean crc) {
        while (out.size() < 600) {
            int kind = rnd.nextInt(20);
            int length = rnd.nextInt(8) == 0 ? rnd.nextInt(5000) : rnd.nextInt(40);
            byte[] payload = new byte[length];
            rnd.nextBytes(payload);
            Packet p = new Packet(seq[d.ordinal()]++ & 0xFF, rnd.nextInt(10), rnd.nextInt(4) << 1,
                    0x10 + rnd.nextInt(0x30), payload);
            byte[] wire = PacketEncoder.encode(p, crc);
            switch (kind) {
                case 0 -> out.write(noise(rnd), 0, 0); // nothing
                case 1 -> {
                    byte[] junk = noise(rnd);
                    out.write(junk, 0, junk.length);
                }
                case 2 -> {
                    wire[8] ^= 0x5A; // bad header CRC
                    out.write(wire, 0, wire.length);
                }
                case 3 -> {
                    if (length > 0) {
                        wire[wire.length - 1] ^= 0x01; // bad payload CRC
                    }
                    out.write(wire, 0, wire.length);
                }
                case 4 -> out.write(wire, 0, Math.max(2, wire.length / 2)); // torn: the rest never comes
                default -> out.write(wire, 0, wire.length);
            }
        }
    }

    private static byte[] noise(Random rnd) {
        byte[] junk = new byte[1 + rnd.nextInt(30)];
        rnd.nextBytes(junk);
        if (rnd.nextBoolean()) {
            junk[0] = (byte) 0xAA; // a false sync start
        }
        return junk;
    }

    // ---- writing and checking ---------------------------------------------------------------

    private List<Path> write(List<Step> steps, Compression compression, String name) throws Exception {
        SessionClock clock = new SessionClock(0, 0);
        SessionFacts facts = new SessionFacts("test", "host", "test", 0, clock, 0, "", Map.of());
        SessionWriterOptions options = new SessionWriterOptions(compression, 8 * 1024, Duration.ofSeconds(1),
                FsyncPolicy.OFF, "omvcap test");
        List<Path> files = new ArrayList<>();
        WireStreams streams = new WireStreams();
        Path first = dir.resolve(name + "-0.mcap");
        files.add(first);
        SessionWriter w = SessionWriter.create(first, options, facts, streams);
        for (Step s : steps) {
            if (s.rotateBefore() > 0) {
                w.close();
                Path next = dir.resolve(name + "-" + files.size() + ".mcap");
                files.add(next);
                w = SessionWriter.create(next, options, facts.nextSegment(files.get(files.size() - 2).toString()),
                        w.streams());
            }
            if (s.bytes() == null) {
                if (s.newConnection()) {
                    w.connection();
                } else {
                    w.framing(s.crc(), PacketDecoder.DEFAULT_MAX_PAYLOAD);
                }
            } else {
                w.wire(s.dir(), s.time(), s.bytes(), 0, s.bytes().length);
            }
        }
        w.close();
        return files;
    }

    private static void assertRoundTrip(List<Step> steps, List<Path> files, String what) throws Exception {
        List<Expected> expected = expectedPackets(steps);
        List<Expected> got = new ArrayList<>();
        ByteArrayOutputStream[][] wire = new ByteArrayOutputStream[4][2];
        for (Path f : files) {
            try (SessionReader r = SessionReader.open(f)) {
                assertEquals(Topics.FORMAT_VERSION, r.formatVersion());
                SessionTotals stored = r.storedTotals().orElseThrow();
                assertEquals(stored.topics(), r.scan(null).totals().topics(), "scan recounts the stored totals");
                try (SessionCursor c = r.cursor(MessageFilter.ALL)) {
                    for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                        if (k == SessionCursor.Kind.WIRE) {
                            WireChunk ch = c.wire();
                            ByteArrayOutputStream b = wire[ch.connection()][ch.dir().ordinal()];
                            if (b == null) {
                                b = new ByteArrayOutputStream();
                                wire[ch.connection()][ch.dir().ordinal()] = b;
                            }
                            assertEquals(b.size(), ch.offset(), "stream offset of a chunk, " + what);
                            b.write(ch.array(), ch.arrayOffset(), ch.length());
                        } else if (k == SessionCursor.Kind.PACKET) {
                            PacketView p = c.packet();
                            got.add(new Expected(-1, p.logTime(), p.dir().shortName() + describe(p.toRecord())));
                        }
                    }
                }
            }
        }
        for (int conn = 0; conn < 4; conn++) {
            for (Direction d : Direction.values()) {
                byte[] original = stream(steps, d, conn);
                ByteArrayOutputStream b = wire[conn][d.ordinal()];
                assertArrayEquals(original, b == null ? new byte[0] : b.toByteArray(),
                        "wire bytes of connection " + conn + " " + d + ", " + what);
            }
        }
        List<Expected> expectedNoConn = expected.stream().map(e -> new Expected(-1, e.time(), e.fields())).toList();
        assertEquals(expectedNoConn.size(), got.size(), "packet count, " + what);
        assertEquals(expectedNoConn, got, "packets in order, with fields, bytes and times, " + what);
        assertTrue(got.stream().anyMatch(e -> e.fields().contains("BAD_HEADER_CRC")), "the test has bad headers");
        assertTrue(got.stream().anyMatch(e -> e.fields().contains("TRUNCATED")), "the test has torn packets");
    }

    /** The packets a decoder per connection and direction finds, merged in time order as the cursor merges them. */
    private static List<Expected> expectedPackets(List<Step> steps) {
        PacketDecoder[] decoders = {new PacketDecoder(), new PacketDecoder()};
        List<Expected> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.bytes() == null) {
                if (s.newConnection()) {
                    decoders = new PacketDecoder[] {new PacketDecoder(PacketDecoder.DEFAULT_MAX_PAYLOAD, s.crc()),
                        new PacketDecoder(PacketDecoder.DEFAULT_MAX_PAYLOAD, s.crc())};
                } else {
                    for (PacketDecoder d : decoders) {
                        d.setCrcEnabled(s.crc());
                    }
                }
                continue;
            }
            decoders[s.dir().ordinal()].feed(s.bytes(), e -> {
                PacketRecord p = PacketRecord.of(s.dir(), e, null);
                if (p != null) {
                    out.add(new Expected(s.connection(), s.time(), s.dir().shortName() + describe(p)));
                }
            });
        }
        return out;
    }

    private static byte[] stream(List<Step> steps, Direction d, int connection) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Step s : steps) {
            if (s.bytes() != null && s.dir() == d && s.connection() == connection) {
                b.writeBytes(s.bytes());
            }
        }
        return b.toByteArray();
    }

    private static String describe(PacketRecord p) {
        return " @" + p.offset() + " seq=" + p.seq() + " ch=" + p.channel() + " flags=" + p.flags() + " op="
                + p.opcode() + " len=" + p.length() + " reason=" + p.reason() + " consumed=" + p.consumed()
                + " payload=" + Arrays.hashCode(p.payload()) + " raw=" + Arrays.hashCode(p.raw());
    }
}

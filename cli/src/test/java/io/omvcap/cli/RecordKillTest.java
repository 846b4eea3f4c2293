package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionCursor;
import io.omvcap.wire.Direction;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.archive.SessionReader;
import io.omvcap.mcap.MessageFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of a recording process loses at most about one second, and the file recovers. */
class RecordKillTest {
    @Test
    void killNineLosesAtMostASecond(@TempDir Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.omvcap.cli.Main", "record", "--port", "sim:",
                "--out", dir.toString(), "--heartbeat", "200ms");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = pb.start();
        try {
            Path part = waitForPart(dir);
            Thread.sleep(3500);
            long killedAt = epochNanos();
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertTrue(Files.exists(part), "the unfinished file is still a .part");

            Path recovered = dir.resolve("recovered.mcap");
            CliRun r = CliRun.of("recover", part.toString(), "-o", recovered.toString());
            assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.PARTIAL, r.out() + r.err());
            long last = 0;
            long count = 0;
            java.io.ByteArrayOutputStream[] wire = {new java.io.ByteArrayOutputStream(),
                new java.io.ByteArrayOutputStream()};
            List<String> packets = new java.util.ArrayList<>();
            try (SessionReader reader = SessionReader.open(recovered);
                    SessionCursor c = reader.cursor(MessageFilter.ALL)) {
                for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                    switch (k) {
                        case WIRE -> {
                            wire[c.wire().dir().ordinal()].write(c.wire().array(), c.wire().arrayOffset(),
                                    c.wire().length());
                            last = Math.max(last, c.wire().logTime());
                        }
                        case PACKET -> packets.add(describe(c.packet().toRecord()));
                        default -> last = Math.max(last, c.message().logTime());
                    }
                    count++;
                }
            }
            double lostSeconds = (killedAt - last) / 1e9;
            System.out.printf("kill -9: %d chunks, packets and messages recovered, %.3f s lost%n", count, lostSeconds);
            assertTrue(count > 100, "recovered: " + count);
            assertTrue(lostSeconds <= 1.0, "lost " + lostSeconds + " s of data");
            // the recovered bytes decode to exactly the recovered packets
            List<String> expected = new java.util.ArrayList<>();
            for (Direction d : Direction.values()) {
                new PacketDecoder().feed(wire[d.ordinal()].toByteArray(), e -> {
                    PacketRecord p = PacketRecord.of(d, e, null);
                    if (p != null) {
                        expected.add(describe(p));
                    }
                });
            }
            java.util.Collections.sort(expected);
            java.util.Collections.sort(packets);
            assertEquals(expected, packets, "packets after kill -9 and recover");

            // the next recording in the same folder repairs the leftover itself
            CliRun again = CliRun.of("record", "--port", "sim:", "--out", dir.toString(), "--duration", "300ms");
            assertEquals(0, again.code(), again.err());
            assertTrue(again.err().contains("recovered leftover"), again.err());
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> parts = files.filter(p -> p.toString().endsWith(".part")).toList();
                assertEquals(List.of(), parts, "no .part left");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aSecondRecordingInTheSameFolderLeavesARunningOneAlone(@TempDir Path dir) throws Exception {
        // another process's live .part is locked: the second start must not take it for a leftover
        Path first = dir.resolve("first.mcap");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.omvcap.cli.Main", "record", "--port", "sim:",
                "--out", first.toString(), "--duration", "4s");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = pb.start();
        try {
            waitForPart(dir);
            Thread.sleep(1000);
            CliRun second = CliRun.of("record", "--port", "sim:", "--out", dir.resolve("second.mcap").toString(),
                    "--duration", "300ms");
            assertEquals(0, second.code(), second.err());
            assertTrue(second.err().contains("left first.mcap.part alone: another recording is writing it"),
                    second.err());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));
            try (SessionReader r = SessionReader.open(first)) {
                assertTrue(r.indexed(), r.unindexedReason());
                var stats = r.statistics().orElseThrow();
                assertTrue(stats.messageEndTime() - stats.messageStartTime() > 3_000_000_000L,
                        "the running recording is whole");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static Path waitForPart(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                var part = files.filter(p -> p.toString().endsWith(".mcap.part")).findFirst();
                if (part.isPresent()) {
                    return part.get();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the recorder did not start a .part file: " + Files.readString(dir.resolve("child.log")));
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Test
    void sigtermFinishesTheArchiveAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("term.mcap");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.omvcap.cli.Main", "record", "--port", "sim:",
                "--out", out.toString());
        pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        Process child = pb.start();
        try {
            waitForPart(dir);
            Thread.sleep(1500);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "stops after SIGTERM");
            assertEquals(0, child.exitValue(), Files.readString(dir.resolve("stderr.txt")));
            assertTrue(Files.exists(out), "finished file renamed from .part");
            try (SessionReader r = SessionReader.open(out)) {
                assertTrue(r.indexed(), "the summary was written");
            }
            String stdout = Files.readString(dir.resolve("stdout.txt"));
            assertTrue(stdout.contains("/channel/telemetry/telemetry"), "the info summary is printed: " + stdout);
        } finally {
            child.destroyForcibly();
        }
    }

    private static String describe(PacketRecord p) {
        return p.dir() + " @" + p.offset() + " seq=" + p.seq() + " ch=" + p.channel() + " op=" + p.opcode() + " "
                + p.reason() + " " + p.consumed() + " " + java.util.Arrays.hashCode(p.payload()) + " "
                + java.util.Arrays.hashCode(p.raw());
    }
}

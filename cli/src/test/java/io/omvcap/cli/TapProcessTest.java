package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.SessionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omvcap tap} as a process: SIGTERM finishes the archive; after {@code kill -9} the next start recovers it. */
class TapProcessTest {
    private static Process tap(Path dir, String out, String log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.omvcap.cli.Main", "tap", "--port", "sim:",
                "--link", dir.resolve("tapped").toString(), "--out", out, "--heartbeat", "200ms");
        pb.redirectOutput(dir.resolve(log + ".out").toFile()).redirectError(dir.resolve(log + ".err").toFile());
        return pb.start();
    }

    private static void awaitFile(Path file, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " never appeared: " + (Files.exists(log) ? Files.readString(log) : ""));
    }

    @Test
    void sigtermFinishesTheArchiveAndPrintsWhereHostsConnectAndTheSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("term.mcap");
        Process child = tap(dir, out.toString(), "term");
        try {
            awaitFile(dir.resolve("tapped"), dir.resolve("term.err"));
            Thread.sleep(1000);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "stops after SIGTERM");
            assertEquals(0, child.exitValue(), Files.readString(dir.resolve("term.err")));
            try (SessionReader r = SessionReader.open(out)) {
                assertTrue(r.indexed(), "the summary was written");
                assertEquals("tap", r.session().orElseThrow().mode());
            }
            List<String> stdout = Files.readAllLines(dir.resolve("term.out"));
            assertTrue(stdout.get(0).startsWith(dir.resolve("tapped") + " -> /dev/"), stdout.toString());
            assertTrue(stdout.stream().anyMatch(l -> l.contains("mode tap")), stdout.toString());
            assertTrue(!Files.exists(dir.resolve("tapped")), "the host's link is gone with the tap");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void afterKillNineTheNextTapRecoversTheLeftover(@TempDir Path dir) throws Exception {
        Process child = tap(dir, dir.toString(), "killed");
        try {
            awaitFile(dir.resolve("tapped"), dir.resolve("killed.err"));
            Thread.sleep(2500);
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".mcap.part")).count(), "the unfinished file");
        }
        CliRun again = CliRun.of("tap", "--port", "sim:", "--pty", "--out", dir.toString(), "--duration", "300ms");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("recovered leftover"), again.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList(), "no .part left");
        }
    }
}

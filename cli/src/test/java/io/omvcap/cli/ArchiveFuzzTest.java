package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.MessageSource;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.MessageFilter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged archives through every read path: {@code info}, {@code info --scan}, {@code cat},
 * {@code cat --json}, {@code recover} and reading the recovered file back, run in-process, plus
 * {@link SessionReader} directly. The bases are recorded at test time from the simulated cam
 * (zstd, lz4 and uncompressed), then damaged by {@link ArchiveMutator}. Every case must end in a
 * result or the reader's declared error with a one-line message: no other exception type, no
 * stack trace, no hang, no allocation beyond a small bound; a recovered file always reads back
 * cleanly and holds what the report says.
 *
 * <p>Seeded and reproducible: {@code -Domvcap.fuzz.cases=N} (default 2000) and
 * {@code -Domvcap.fuzz.seed=S} choose the run. The bases are kept in {@code target/fuzz-bases}
 * (recordings differ from run to run in timing) and a failing case's file in
 * {@code target/fuzz-failures}; a failure names its case seed, which
 * {@code -Domvcap.fuzz.replay=SEED -Domvcap.fuzz.bases=DIR} runs alone on the same bases.
 */
class ArchiveFuzzTest {
    private static final int CASES = Integer.getInteger("omvcap.fuzz.cases", 2000);
    private static final long SEED = seed(System.getProperty("omvcap.fuzz.seed", "0x0F022A7C"));
    private static final String REPLAY = System.getProperty("omvcap.fuzz.replay");
    private static final String BASES_FROM = System.getProperty("omvcap.fuzz.bases");
    private static final Path KEPT_BASES = Path.of("target", "fuzz-bases").toAbsolutePath();
    private static final Path FAILURES = Path.of("target", "fuzz-failures").toAbsolutePath();
    /** Per read path: the small bases never need more; a trusted hostile length field would. */
    private static final long MAX_ALLOCATION = 64L << 20;
    private static final long SLOW_CASE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final Pattern UNEXPECTED = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b: ");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    static Path dir;
    private static final List<ArchiveMutator.Base> BASES = new ArrayList<>();

    /** Short recordings of the simulated cam through the current recorder and session writer, one per compression. */
    @BeforeAll
    static void recordBases() throws Exception {
        if (BASES_FROM != null) {
            for (Compression c : Compression.values()) {
                Path f = Path.of(BASES_FROM, "base-" + c.wireName() + ".mcap");
                BASES.add(ArchiveMutator.Base.of(c.toString().toLowerCase(), Files.readAllBytes(f), c));
            }
            return;
        }
        Files.createDirectories(KEPT_BASES);
        List<Thread> threads = new ArrayList<>();
        Map<Compression, CliRun> runs = new java.util.concurrent.ConcurrentHashMap<>();
        for (Compression c : Compression.values()) {
            // small (about 130 stored messages on 11 topics in 3 chunks, about 20 KB) so thousands of
            // cases fit in a minute
            Thread t = new Thread(() -> runs.put(c, CliRun.of("record", "--port", "sim:fps=5,size=32x24,seed=7",
                    "--out", dir.resolve("base-" + c.wireName() + ".mcap").toString(), "--duration", "2500ms",
                    "--compression", c == Compression.NONE ? "none" : c.wireName(), "--heartbeat", "500ms",
                    "--stream", "--poll", "50")));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Compression c : Compression.values()) {
            CliRun r = runs.get(c);
            assertEquals(0, r.code(), "recording the " + c + " base: " + r.err());
            Path f = dir.resolve("base-" + c.wireName() + ".mcap");
            Files.copy(f, KEPT_BASES.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BASES.add(ArchiveMutator.Base.of(c.toString().toLowerCase(), Files.readAllBytes(f), c));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void damagedArchivesThroughEveryReadPath() throws Exception {
        for (ArchiveMutator.Base b : BASES) {
            assertTrue(b.content().stream().filter(r -> r instanceof io.omvcap.mcap.Message).count() > 100,
                    b.name() + " base holds a recording");
            assertTrue(ArchiveMutator.spans(b.bytes()).stream().filter(s -> s.opcode() == 0x06).count() >= 2,
                    b.name() + " base has several chunks");
        }
        Outcomes outcomes = new Outcomes();
        Watchdog watchdog = Watchdog.start();
        long started = System.nanoTime();
        int cases = REPLAY != null ? 1 : CASES;
        try {
            for (int i = 0; i < cases; i++) {
                long caseSeed = REPLAY != null ? seed(REPLAY) : SEED + i * 0x9E3779B97F4A7C15L;
                SplittableRandom rnd = new SplittableRandom(caseSeed);
                ArchiveMutator.Base base = BASES.get(rnd.nextInt(BASES.size()));
                ArchiveMutator.Mutant m = ArchiveMutator.mutate(base, rnd);
                String where = String.format("case %d (seed 0x%X; replay with -Domvcap.fuzz.replay=0x%X"
                        + " -Domvcap.fuzz.bases=%s): %s", i, caseSeed, caseSeed,
                        BASES_FROM != null ? BASES_FROM : KEPT_BASES, m.description());
                watchdog.begin(where);
                try {
                    runCase(m, where, outcomes);
                } catch (AssertionError e) {
                    Files.createDirectories(FAILURES);
                    Path kept = FAILURES.resolve(String.format("case-0x%X.mcap", caseSeed));
                    Files.write(kept, m.bytes());
                    throw new AssertionError(e.getMessage() + " [the damaged file: " + kept + "]", e);
                } finally {
                    watchdog.end();
                }
                if (REPLAY != null) {
                    System.out.println("fuzz: replayed " + where);
                }
            }
        } finally {
            watchdog.stop();
        }
        System.out.printf("fuzz: %d damaged archives (seed 0x%X) through info, info --scan, cat, cat --json, recover"
                + " and read-back in %.1f s; exits %s%n", cases, SEED, (System.nanoTime() - started) / 1e9, outcomes);
        assertTrue(cases < 100 || outcomes.damageSeen() > cases / 4, "most damage is noticed: " + outcomes);
    }

    private void runCase(ArchiveMutator.Mutant m, String where, Outcomes outcomes) throws Exception {
        Path f = dir.resolve("case.mcap");
        Path out = dir.resolve("case-recovered.mcap");
        Files.write(f, m.bytes());
        // the library path and the recovered file's info and cat in every fourth case: the commands
        // run the same code, and these fill the minute CI gives the fuzzing with more cases
        boolean thorough = m.bytes().length % 4 == 0;
        if (thorough) {
            readDirectly(f, where);
        }
        outcomes.count("info", cli(where, "info", f.toString()));
        outcomes.count("info --scan", cli(where, "info", "--scan", f.toString()));
        outcomes.count("cat", cli(where, "cat", f.toString()));
        cli(where, "cat", "--json", f.toString());
        CliRun recovered = cli(where, "recover", "--force", "--json", f.toString(), "-o", out.toString());
        outcomes.count("recover", recovered);
        if (recovered.code() != ExitCode.ERROR) {
            readBack(out, recovered, where, thorough);
        } else {
            assertTrue(!Files.exists(dir.resolve("case-recovered.mcap.part")), where + ": no .part left behind");
        }
    }

    /**
     * Runs {@code omvcap args} in-process: exit 0, 1 or 3, no stack trace, at most one error line
     * (exactly one on exit 1) naming the problem, not an unexpected exception type.
     */
    private static CliRun cli(String where, String... args) {
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        CliRun r = CliRun.of(args);
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        String what = where + ": omvcap " + String.join(" ", args) + " -> exit " + r.code() + ", stderr: " + r.err();
        assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.ERROR || r.code() == ExitCode.PARTIAL, what);
        assertTrue(!r.err().contains("\tat "), what + ": a stack trace");
        List<String> errors = r.err().lines().filter(l -> l.contains(": error: ")).toList();
        assertTrue(errors.size() <= (r.code() == ExitCode.ERROR ? 1 : 0), what + ": error lines");
        if (r.code() == ExitCode.ERROR) {
            assertEquals(1, errors.size(), what + ": an error says why");
            assertTrue(errors.get(0).contains(".mcap"), what + ": the error names the file");
        }
        for (String line : r.err().lines().toList()) {
            assertTrue(!UNEXPECTED.matcher(line).find(), what + ": an unexpected exception type");
        }
        assertTrue(allocated <= MAX_ALLOCATION, what + ": allocated " + allocated + " bytes");
        return r;
    }

    /** The library path: only IOException (McapFormatException among them) and ArchiveFormatException escape. */
    private static void readDirectly(Path f, String where) {
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        try (SessionReader r = SessionReader.open(f)) {
            SessionReader.ScanResult scan = r.scan(null);
            assertTrue(scan.damage() == null || oneLine(scan.damage().getMessage()), where + ": scan damage message");
            MessageSource s = r.messages(MessageFilter.ALL);
            for (ArchivedMessage m; (m = s.next()) != null; ) {
                if (m.encoding().equals(Topics.ENCODING_JSON) || m.encoding().equals(Topics.ENCODING_CBOR)) {
                    try {
                        m.decodeMap();
                    } catch (ArchiveFormatException e) {
                        assertTrue(oneLine(e.getMessage()), where + ": decode message");
                    }
                }
            }
            r.session();
            try {
                r.device();
                r.storedTotals();
            } catch (ArchiveFormatException e) {
                assertTrue(oneLine(e.getMessage()), where + ": " + e.getMessage());
            }
        } catch (IOException e) {
            assertTrue(oneLine(e.getMessage()), where + ": one-line error: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": SessionReader threw " + e, e);
        }
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated <= MAX_ALLOCATION, where + ": SessionReader allocated " + allocated + " bytes");
    }

    /** What recover wrote opens through its summary, reads completely, and holds what its report says. */
    private static void readBack(Path out, CliRun recovered, String where, boolean thorough) throws Exception {
        JsonNode report = Json.mapper().readTree(recovered.out());
        long kept = report.get("messages_kept").asLong();
        assertEquals(kept, report.get("verified_messages").asLong(), where + ": report vs verification");
        assertEquals(recovered.code() == ExitCode.PARTIAL, report.get("lost_data").asBoolean()
                || report.get("damaged_metadata").size() > 0, where + ": exit code vs report: " + recovered.out());
        long items = 0;
        try (SessionReader r = SessionReader.open(out)) {
            assertTrue(r.indexed(), where + ": recovered output has a usable summary: " + r.unindexedReason());
            SessionReader.ScanResult scan = r.scan(null);
            assertEquals(null, scan.damage(), where + ": recovered output scans cleanly");
            assertEquals(kept, scan.messages(), where + ": recovered output holds the messages the report names");
            assertEquals(kept, r.statistics().orElseThrow().messageCount(), where + ": statistics");
            try (var c = r.cursor(io.omvcap.mcap.MessageFilter.ALL)) {
                while (c.next() != null) {
                    items++; // stored messages, and the transport chunks and packets of the wire batches
                }
            }
        }
        if (!thorough) {
            return;
        }
        CliRun info = cli(where, "info", out.toString());
        assertEquals(0, info.code(), where + ": info on the recovered file: " + info.err());
        CliRun cat = cli(where, "cat", out.toString());
        assertEquals(0, cat.code(), where + ": cat on the recovered file: " + cat.err());
        assertEquals(items, cat.out().lines().count(), where + ": cat prints every recovered message");
    }

    private static boolean oneLine(String message) {
        return message != null && !message.isBlank() && !message.contains("\n");
    }

    /** Exit codes per command. */
    private static final class Outcomes {
        private final Map<String, Map<Integer, Integer>> exits = new TreeMap<>();
        private int damage;

        void count(String command, CliRun r) {
            exits.computeIfAbsent(command, k -> new TreeMap<>()).merge(r.code(), 1, Integer::sum);
            if (command.equals("info --scan") && (r.code() != 0 || r.err().contains("warning"))) {
                damage++;
            }
        }

        int damageSeen() {
            return damage;
        }

        @Override
        public String toString() {
            return exits.toString();
        }
    }

    /** Prints the case that is running when one takes very long (the test's timeout ends a real hang). */
    private static final class Watchdog {
        private final Thread caller = Thread.currentThread();
        private final Thread thread;
        private volatile String current;
        private volatile long since;
        private volatile boolean running = true;

        private Watchdog() {
            thread = new Thread(this::watch, "fuzz-watchdog");
            thread.setDaemon(true);
        }

        static Watchdog start() {
            Watchdog w = new Watchdog();
            w.thread.start();
            return w;
        }

        void begin(String where) {
            since = System.nanoTime();
            current = where;
        }

        void end() {
            long took = System.nanoTime() - since;
            String where = current;
            current = null;
            assertTrue(took < SLOW_CASE_NANOS, where + ": took " + took / 1_000_000 + " ms");
        }

        void stop() {
            running = false;
        }

        private void watch() {
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                String where = current;
                if (where != null && System.nanoTime() - since > SLOW_CASE_NANOS) {
                    StringBuilder b = new StringBuilder("fuzz: still running after 20 s: " + where + "\n");
                    for (StackTraceElement e : caller.getStackTrace()) {
                        b.append("\tat ").append(e).append('\n');
                    }
                    System.err.print(b);
                    since = System.nanoTime();
                }
            }
        }
    }

    /** A seed as printed: {@code 0x} and up to 16 hex digits, or decimal. */
    private static long seed(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }
}

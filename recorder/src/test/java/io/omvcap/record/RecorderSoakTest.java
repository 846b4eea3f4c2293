package io.omvcap.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.sim.SimConfig;
import io.omvcap.testing.ReferenceReader;
import io.omvcap.wire.Direction;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long unattended recording, compressed: one recorder against a cam behind a real pseudo-terminal
 * that is unplugged and replugged (a fresh boot each time) at random moments, that goes silent
 * without closing its port, and that answers garbage. The archive must record every reconnect, each
 * gap where the outage really was, no data while the cam was away, and stay readable by
 * {@code @mcap/core}; the recorder must not leak threads, descriptors or heap across cycles.
 *
 * <p>{@code -Domvcap.soak.cycles=1000} runs a longer soak, {@code -Domvcap.soak.seed=N} replays one.
 */
class RecorderSoakTest {
    private static final int CYCLES = Integer.getInteger("omvcap.soak.cycles", 50);
    private static final long SEED = Long.getLong("omvcap.soak.seed", 0x50A4L);
    private static final int LOOP_MS = 50;
    /**
     * Unplug to the recorder noticing: a pending read ends at once, an idle wait within 100 ms;
     * the rest is scheduling slack on busy cores.
     */
    private static final long DETECT_SLACK = ms(600);
    /**
     * Replug to reconnect completed: the first attempt 250 ms after the loss, then the port is
     * looked for every 100 ms, then a handshake (the old backoff waited up to 5 s).
     */
    private static final long RECONNECT_SLACK = ms(1_000);
    /** A silent or babbling cam: one request timeout plus one full resync before it is called lost. */
    private static final long SILENCE_DETECT_MAX = ms(5_000);
    /** Answers again to reconnected: at most one failed attempt (resync timeouts) plus the backoff. */
    private static final long SILENCE_RECONNECT_MAX = ms(5_500);
    private static final long HEAP_GROWTH_LIMIT = 24L << 20;
    /**
     * Data is stamped when the host has decoded it: an answer the cam sent just before it went
     * away may be stamped a moment after (longer when the recorder thread waits for a busy core).
     */
    private static final long HOST_LATENCY = ms(200);
    /** The cam is polled every 10 ms: its last valid packet before an outage is that recent. */
    private static final long HEARD_SLACK = ms(500);

    @TempDir
    Path dir;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static SimConfig camConfig() {
        return SimConfig.builder().frameRateHz(10).frameSize(96, 64).loopPeriodMs(LOOP_MS).build();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void unplugAndReplugAtRandomUnderOneRecorder() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        System.out.printf("soak: %d unplug cycles, seed %d (-Domvcap.soak.seed=%d replays it)%n", CYCLES, SEED, SEED);
        Path out = dir.resolve("soak.mcap");
        List<OutageChecks.Outage> outages = new ArrayList<>();
        List<Long> plugs = new ArrayList<>();
        Resources before = null;
        Resources after;
        RecordingResult result;
        try (PluggableCam cam = new PluggableCam(dir.resolve("omvcam"), camConfig(), SEED)) {
            plugs.add(cam.plug());
            Recorder recorder = new Recorder(RecordOptions.defaults(cam.port(), out)
                    .withHeartbeat(Duration.ofSeconds(1)), log::add);
            Running running = Running.start(recorder);
            awaitState(recorder, "recording");
            for (int i = 1; i <= CYCLES; i++) {
                Thread.sleep(rnd.nextInt(500));
                PluggableCam.Change away = cam.unplug();
                Thread.sleep(20 + rnd.nextInt(480));
                long to = cam.plug();
                outages.add(new OutageChecks.Outage(away, to));
                plugs.add(to);
                awaitReconnects(recorder, i);
                if (i == Math.min(5, CYCLES)) {
                    before = Resources.now();
                }
            }
            after = Resources.now();
            Thread.sleep(300);
            result = running.stop();
        }
        assertNull(result.error(), String.valueOf(log));
        assertEquals(CYCLES, result.stats().reconnects(), "every reconnect counted: " + log);

        // no leaks: threads, descriptors and heap measured at the same point of a cycle
        System.out.println("soak: resources after cycle 5 " + before + ", after cycle " + CYCLES + " " + after);
        assertTrue(after.threads() <= before.threads() + 2, "threads " + before + " -> " + after);
        assertTrue(after.descriptors() <= before.descriptors() + 4, "descriptors " + before + " -> " + after);
        assertTrue(after.heapBytes() <= before.heapBytes() + HEAP_GROWTH_LIMIT, "heap " + before + " -> " + after);

        OutageChecks check = new OutageChecks(out, log, HOST_LATENCY, HEARD_SLACK);
        List<OutageChecks.Gap> gaps = check.gaps(outages, DETECT_SLACK, RECONNECT_SLACK);
        check.noDataWhileAway(outages, HOST_LATENCY);
        check.telemetryBelongsToItsBoot(plugs, gaps, LOOP_MS);
        check.totalsAgree(gaps);
        com.fasterxml.jackson.databind.JsonNode ref = ReferenceReader.check(out);
        try (SessionReader r = SessionReader.open(out)) {
            assertEquals(r.statistics().orElseThrow().messageCount(), ref.at("/indexed/messages").asLong(),
                    "@mcap/core reads every message");
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCamThatFallsSilentOrAnswersGarbageWithoutClosingItsPortIsAGap() throws Exception {
        Path out = dir.resolve("misbehaving.mcap");
        List<OutageChecks.Outage> outages = new ArrayList<>();
        RecordingResult result;
        try (PluggableCam cam = new PluggableCam(dir.resolve("omvcam-misbehaving"), camConfig(), SEED)) {
            cam.plug();
            Recorder recorder = new Recorder(RecordOptions.defaults(cam.port(), out), log::add);
            Running running = Running.start(recorder);
            awaitState(recorder, "recording");
            List<PluggableCam.Mode> episodes = List.of(PluggableCam.Mode.SILENT, PluggableCam.Mode.GARBAGE);
            for (int i = 1; i <= episodes.size(); i++) {
                Thread.sleep(800);
                // longer than the ~4 s it takes to call a mute cam lost (request timeout, then 3 resyncs)
                PluggableCam.Change away = cam.mode(episodes.get(i - 1));
                Thread.sleep(5_500);
                long to = cam.mode(PluggableCam.Mode.ANSWER).done();
                outages.add(new OutageChecks.Outage(away, to));
                awaitReconnects(recorder, i);
            }
            Thread.sleep(800);
            result = running.stop();
        }
        assertNull(result.error(), String.valueOf(log));
        OutageChecks check = new OutageChecks(out, log, HOST_LATENCY, HEARD_SLACK);
        List<OutageChecks.Gap> gaps = check.gaps(outages, SILENCE_DETECT_MAX, SILENCE_RECONNECT_MAX);
        check.noDataWhileAway(outages, HOST_LATENCY);
        check.totalsAgree(gaps);
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            assertTrue(t.noiseBytes(Direction.CAM_TO_HOST) > 0 || !t.invalidByReason().isEmpty(),
                    "the garbage is in the archive as noise or invalid packets: " + t.invalidByReason());
            assertEquals(r.statistics().orElseThrow().messageCount(),
                    ReferenceReader.check(out).at("/indexed/messages").asLong(), "@mcap/core reads every message");
        }
    }

    private static void awaitState(Recorder recorder, String state) throws InterruptedException {
        long deadline = System.nanoTime() + ms(20_000);
        while (!recorder.stats().state().equals(state)) {
            if (System.nanoTime() > deadline) {
                fail("the recorder did not reach '" + state + "': " + recorder.stats().state());
            }
            Thread.sleep(10);
        }
    }

    private void awaitReconnects(Recorder recorder, long n) throws InterruptedException {
        long deadline = System.nanoTime() + ms(30_000);
        while (recorder.stats().reconnects() < n) {
            if (System.nanoTime() > deadline) {
                fail("reconnect " + n + " did not happen: state " + recorder.stats().state() + ", log " + log);
            }
            Thread.sleep(5);
        }
    }

    /** A recorder on its own thread. */
    private record Running(Recorder recorder, Thread thread, List<Object> outcome) {
        static Running start(Recorder recorder) {
            List<Object> outcome = Collections.synchronizedList(new ArrayList<>());
            Thread t = new Thread(() -> {
                try {
                    outcome.add(recorder.run());
                } catch (Exception | Error e) {
                    outcome.add(e);
                }
            }, "soak-recorder");
            t.start();
            return new Running(recorder, t, outcome);
        }

        RecordingResult stop() throws InterruptedException {
            recorder.stop();
            thread.join(30_000);
            assertEquals(1, outcome.size(), "the recorder finished");
            if (outcome.get(0) instanceof Throwable e) {
                throw new AssertionError("the recorder failed", e);
            }
            return (RecordingResult) outcome.get(0);
        }
    }

    /** Live threads, open file descriptors and heap in use after a full collection. */
    private record Resources(int threads, long descriptors, long heapBytes) {
        static Resources now() throws Exception {
            long heap = Long.MAX_VALUE;
            LongSupplier used = () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
                heap = Math.min(heap, used.getAsLong());
            }
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), fds, heap);
        }

        @Override
        public String toString() {
            return threads + " threads, " + descriptors + " fds, " + heapBytes / 1024 + " KiB heap";
        }
    }
}

package io.omvcap.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionInfo;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.sim.SimConfig;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.testing.ReferenceReader;
import io.omvcap.wire.Direction;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    /**
     * The real outage, {@link System#nanoTime()} readings: when it began, when the cam could no
     * longer deliver anything (its port gone, its answers switched off), when it was back.
     */
    private record Outage(long from, long gone, long to) {
        Outage(PluggableCam.Change away, long to) {
            this(away.began(), away.done(), to);
        }
    }

    /**
     * A reconnect as the archive records it, epoch ns: when the loss was detected, when the
     * reconnect completed, and when the cam had last been heard (the disconnect's silent_ns).
     */
    private record Gap(long start, long end, long lastHeard) {
        long length() {
            return end - start;
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void unplugAndReplugAtRandomUnderOneRecorder() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        System.out.printf("soak: %d unplug cycles, seed %d (-Domvcap.soak.seed=%d replays it)%n", CYCLES, SEED, SEED);
        Path out = dir.resolve("soak.mcap");
        List<Outage> outages = new ArrayList<>();
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
                outages.add(new Outage(away, to));
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

        List<Gap> gaps = checkGaps(out, outages, DETECT_SLACK, RECONNECT_SLACK);
        checkNoDataWhileAway(out, outages, HOST_LATENCY);
        checkTelemetryBelongsToItsBoot(out, plugs, gaps);
        checkTotalsAgree(out, gaps);
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
        List<Outage> outages = new ArrayList<>();
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
                outages.add(new Outage(away, to));
                awaitReconnects(recorder, i);
            }
            Thread.sleep(800);
            result = running.stop();
        }
        assertNull(result.error(), String.valueOf(log));
        List<Gap> gaps = checkGaps(out, outages, SILENCE_DETECT_MAX, SILENCE_RECONNECT_MAX);
        checkNoDataWhileAway(out, outages, HOST_LATENCY);
        checkTotalsAgree(out, gaps);
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            assertTrue(t.noiseBytes(Direction.CAM_TO_HOST) > 0 || !t.invalidByReason().isEmpty(),
                    "the garbage is in the archive as noise or invalid packets: " + t.invalidByReason());
        }
    }

    /**
     * Every reconnect is recorded once, in order; each gap starts at or after its outage began (the
     * loss cannot be seen earlier) and within {@code detectSlack}; it ends at or after the cam was
     * back and within {@code reconnectSlack}.
     */
    private List<Gap> checkGaps(Path out, List<Outage> outages, long detectSlack, long reconnectSlack)
            throws Exception {
        SessionClock clock;
        try (SessionReader r = SessionReader.open(out)) {
            clock = r.session().orElseThrow().clock();
        }
        List<Gap> gaps = new ArrayList<>();
        ArchivedMessage lost = null;
        for (ArchivedMessage m : ArchiveChecks.messages(out, Topics.SESSION)) {
            LifecycleEvent e = LifecycleEvent.fromMap(m.decodeMap());
            if (e.kind() == LifecycleKind.DISCONNECT && lost == null) {
                lost = m;
            } else if (e.kind() == LifecycleKind.RECONNECT) {
                long gap = ((Number) e.extra().get("gap_ns")).longValue();
                assertTrue(lost != null, "a disconnect precedes reconnect " + (gaps.size() + 1));
                assertEquals(lost.logTime(), m.logTime() - gap, "the gap starts at its outage's first disconnect event");
                Object silent = LifecycleEvent.fromMap(lost.decodeMap()).extra().get("silent_ns");
                assertTrue(silent instanceof Number, "the disconnect says how long the cam had been silent");
                gaps.add(new Gap(m.logTime() - gap, m.logTime(), lost.logTime() - ((Number) silent).longValue()));
                lost = null;
            }
        }
        assertEquals(outages.size(), gaps.size(), "one reconnect event per outage: " + log);
        long maxError = 0;
        long maxSilentError = 0;
        long maxLate = 0;
        long maxDetect = 0;
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            long from = clock.toEpochNanos(outages.get(i).from());
            long gone = clock.toEpochNanos(outages.get(i).gone());
            long to = clock.toEpochNanos(outages.get(i).to());
            String what = "outage " + (i + 1) + " (" + ((to - from) / 1_000_000) + " ms): gap " + g.length() / 1_000_000
                    + " ms, detected +" + (g.start() - gone) / 1_000_000 + " ms, reconnected +" + (g.end() - to) / 1_000_000
                    + " ms";
            assertTrue(g.start() >= from, what + ": the loss cannot be detected before it happened");
            assertTrue(g.lastHeard() <= gone + HOST_LATENCY, what + ": the cam was heard after it was gone");
            assertTrue(from - g.lastHeard() <= HEARD_SLACK, what + ": last heard " + (from - g.lastHeard()) / 1_000_000
                    + " ms before the outage began");
            if (g.start() - gone > detectSlack || g.end() - to > reconnectSlack) {
                System.out.println(timeline(out, from, g.end()));
            }
            assertTrue(g.start() - gone <= detectSlack, what + ": detected too late");
            assertTrue(g.end() >= to, what + ": reconnected before the cam was back");
            assertTrue(g.end() - to <= reconnectSlack, what + ": reconnected too late");
            if (i + 1 < gaps.size()) {
                assertTrue(g.end() < gaps.get(i + 1).start(), what + ": gaps do not overlap");
            }
            maxError = Math.max(maxError, Math.abs(g.length() - (to - from)));
            maxSilentError = Math.max(maxSilentError, Math.abs(g.end() - g.lastHeard() - (to - from)));
            maxDetect = Math.max(maxDetect, g.start() - gone);
            maxLate = Math.max(maxLate, g.end() - to);
        }
        System.out.printf("soak: %s: %d gaps, max |gap - outage| %.1f ms, max |silent + gap - outage| %.1f ms"
                + " (detected up to %.1f ms after, reconnected up to %.1f ms after the cam was back)%n", out.getFileName(),
                gaps.size(), maxError / 1e6, maxSilentError / 1e6, maxDetect / 1e6, maxLate / 1e6);
        return gaps;
    }

    /**
     * Nothing from the cam (channel data, stdout, events) is logged while it was away. (What arrives
     * during the reconnect handshake, after the cam is back and before the gap ends, is real data at
     * its real time.)
     */
    private void checkNoDataWhileAway(Path out, List<Outage> outages, long slack) throws Exception {
        SessionClock clock;
        try (SessionReader r = SessionReader.open(out)) {
            clock = r.session().orElseThrow().clock();
        }
        long checked = 0;
        for (ArchivedMessage m : ArchiveChecks.messages(out)) {
            if (!fromTheCamsScript(m.topic())) {
                continue;
            }
            checked++;
            for (int i = 0; i < outages.size(); i++) {
                long awayFrom = clock.toEpochNanos(outages.get(i).gone()) + slack;
                long backAt = clock.toEpochNanos(outages.get(i).to());
                if (m.logTime() > awayFrom && m.logTime() < backAt) {
                    System.out.println(timeline(out, awayFrom, backAt));
                    fail(m.topic() + " message at " + m.logTime() + " lies in outage " + (i + 1) + " ["
                            + awayFrom + ", " + backAt + "]");
                }
            }
        }
        assertTrue(checked > outages.size(), "cam data was recorded: " + checked);
    }

    /** The cam's data and the lifecycle events around a failure, and the recorder's log. */
    private String timeline(Path out, long from, long to) throws Exception {
        StringBuilder b = new StringBuilder("archive from " + from + " (ms relative):\n");
        for (ArchivedMessage m : ArchiveChecks.messages(out)) {
            if (m.logTime() > from - ms(300) && m.logTime() < to + ms(100)
                    && (fromTheCamsScript(m.topic()) || m.topic().equals(Topics.SESSION))) {
                b.append(String.format("  %+6d %s %s%n", (m.logTime() - from) / 1_000_000, m.topic(),
                        m.encoding().equals(Topics.ENCODING_JSON) ? new String(m.data(), java.nio.charset.StandardCharsets.UTF_8) : ""));
            }
        }
        return b.append("recorder log: ").append(tail()).toString();
    }

    private static boolean fromTheCamsScript(String topic) {
        return Topics.isChannelTopic(topic) && Topics.kindOf(topic) != ChannelTopic.WRITE || topic.equals(Topics.STDOUT)
                || topic.equals(Topics.EVENTS);
    }

    /**
     * Each boot's script counts from 1 every {@link #LOOP_MS}: a telemetry read logged after a
     * reconnect shows a counter no higher than that cam could have reached by then, and counters
     * only grow between two gaps. Data of an earlier boot stamped after a gap would break either.
     */
    private void checkTelemetryBelongsToItsBoot(Path out, List<Long> plugs, List<Gap> gaps) throws Exception {
        SessionClock clock;
        try (SessionReader r = SessionReader.open(out)) {
            clock = r.session().orElseThrow().clock();
        }
        long previous = -1;
        int boot = 0;
        int reads = 0;
        for (ArchivedMessage m : ArchiveChecks.messages(out, Topics.channel("telemetry", ChannelTopic.TELEMETRY))) {
            while (boot < gaps.size() && m.logTime() >= gaps.get(boot).end()) {
                boot++;
                previous = -1;
            }
            long counter = counter(m);
            long bootedAt = clock.toEpochNanos(plugs.get(boot));
            long possible = (m.logTime() - bootedAt) / ms(LOOP_MS) + 1;
            assertTrue(counter <= possible, "telemetry counter " + counter + " at +" + (m.logTime() - bootedAt) / 1_000_000
                    + " ms after boot " + boot + " could not have been produced yet");
            assertTrue(counter >= previous, "counter went back from " + previous + " to " + counter + " within boot " + boot);
            previous = counter;
            reads++;
        }
        assertTrue(reads > gaps.size(), "telemetry was read between the outages: " + reads);
    }

    private static long counter(ArchivedMessage m) {
        for (TelemetryField f : TelemetryCodec.decode(m.data())) {
            if (f.name().equals("counter")) {
                return ((Number) f.value()).longValue();
            }
        }
        throw new AssertionError("no counter in " + TelemetryCodec.decode(m.data()));
    }

    /** The stored totals and {@code info} report the same gaps as the lifecycle events. */
    private static void checkTotalsAgree(Path out, List<Gap> gaps) throws Exception {
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            assertEquals(gaps.size(), t.reconnects());
            int kept = Math.min(gaps.size(), SessionTotals.MAX_GAPS);
            assertEquals(kept, t.gaps().size());
            for (int i = 0; i < kept; i++) {
                assertEquals(gaps.get(i).end(), t.gaps().get(i).get("at"), "gap " + i + " time");
                assertEquals(gaps.get(i).length(), t.gaps().get(i).get("gap_ns"), "gap " + i + " length");
            }
            assertEquals(gaps.stream().mapToLong(Gap::length).sum(), t.gapTotalNs(), "the total of every gap");
            double total = t.gapTotalNs() / 1e9;
            for (boolean scan : new boolean[] {false, true}) {
                // what 'omvcap info --json' (and, recounting from /session, 'info --scan') reports
                SessionInfo info = SessionInfo.of(r, scan, null);
                @SuppressWarnings("unchecked")
                Map<String, Object> health = (Map<String, Object>) info.overview().get("health");
                assertEquals(total, (Double) health.get("disconnect_gap_total_s"), 1e-6, "info's gap total, scan " + scan);
                assertEquals(t.gaps(), health.get("disconnect_gaps"), "info's gap list, scan " + scan);
            }
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
                fail("reconnect " + n + " did not happen: state " + recorder.stats().state() + ", log " + tail());
            }
            Thread.sleep(5);
        }
    }

    private String tail() {
        synchronized (log) {
            return String.valueOf(log.subList(Math.max(0, log.size() - 10), log.size()));
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

package io.omvcap.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the soak test checks in a finished archive against the outages it really caused: the
 * reconnect events and their gaps, no cam data inside an outage, telemetry of the right boot,
 * and totals and {@code info} agreeing with the events.
 */
final class OutageChecks {
    private final Path out;
    private final List<String> log;
    private final SessionClock clock;
    private final long hostLatency;
    private final long heardSlack;

    /**
     * Checks for {@code out}; {@code hostLatency} is how late data may be stamped after the cam
     * went away, {@code heardSlack} how long before an outage its last valid packet may be.
     */
    OutageChecks(Path out, List<String> log, long hostLatency, long heardSlack) throws Exception {
        this.out = out;
        this.log = log;
        this.hostLatency = hostLatency;
        this.heardSlack = heardSlack;
        try (SessionReader r = SessionReader.open(out)) {
            this.clock = r.session().orElseThrow().clock();
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * The real outage, {@link System#nanoTime()} readings: when it began, when the cam could no
     * longer deliver anything (its port gone, its answers switched off), when it was back.
     */
    record Outage(long from, long gone, long to) {
        Outage(PluggableCam.Change away, long to) {
            this(away.began(), away.done(), to);
        }
    }

    /**
     * A reconnect as the archive records it, epoch ns: when the loss was detected, when the
     * reconnect completed, and when the cam had last been heard (the disconnect's silent_ns).
     */
    record Gap(long start, long end, long lastHeard) {
        long length() {
            return end - start;
        }
    }

    /**
     * Every reconnect is recorded once, in order; each gap starts at or after its outage began (the
     * loss cannot be seen earlier) and within {@code detectSlack}; it ends at or after the cam was
     * back and within {@code reconnectSlack}.
     */
    List<Gap> gaps(List<Outage> outages, long detectSlack, long reconnectSlack)
            throws Exception {
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
            assertTrue(g.lastHeard() <= gone + hostLatency, what + ": the cam was heard after it was gone");
            assertTrue(from - g.lastHeard() <= heardSlack, what + ": last heard " + (from - g.lastHeard()) / 1_000_000
                    + " ms before the outage began");
            if (g.start() - gone > detectSlack || g.end() - to > reconnectSlack) {
                System.out.println(timeline(from, g.end()));
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
    void noDataWhileAway(List<Outage> outages, long slack) throws Exception {
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
                    System.out.println(timeline(awayFrom, backAt));
                    fail(m.topic() + " message at " + m.logTime() + " lies in outage " + (i + 1) + " ["
                            + awayFrom + ", " + backAt + "]");
                }
            }
        }
        assertTrue(checked > outages.size(), "cam data was recorded: " + checked);
    }

    /** The cam's data and the lifecycle events around a failure, and the recorder's log. */
    private String timeline(long from, long to) throws Exception {
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
     * Each boot's script counts from 1 every {@link #loopMs}: a telemetry read logged after a
     * reconnect shows a counter no higher than that cam could have reached by then, and counters
     * only grow between two gaps. Data of an earlier boot stamped after a gap would break either.
     */
    void telemetryBelongsToItsBoot(List<Long> plugs, List<Gap> gaps, int loopMs) throws Exception {
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
            long possible = (m.logTime() - bootedAt) / ms(loopMs) + 1;
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
    void totalsAgree(List<Gap> gaps) throws Exception {
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

    private String tail() {
        synchronized (log) {
            return String.valueOf(log.subList(Math.max(0, log.size() - 10), log.size()));
        }
    }

}

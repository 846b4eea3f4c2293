package io.omvcap.tap;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.link.ByteLink;
import io.omvcap.record.Backoff;
import io.omvcap.record.FlushTimer;
import io.omvcap.record.RecorderStats;
import io.omvcap.record.RecordingResult;
import io.omvcap.record.SegmentedArchive;
import io.omvcap.record.StopControl;
import io.omvcap.tap.ChunkQueue.Item;
import io.omvcap.transport.Transports;
import io.omvcap.wire.Direction;
import io.omvcap.wire.WireFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records the session of any host program with a cam: sits between them, forwards every byte both
 * ways unchanged and at once ({@link Relay}), and archives the exact bytes, every packet and the
 * decoded conversation in the layout of {@code docs/archive-format.md} with mode {@code tap}
 * ({@link WireFollower}, {@link ExchangeTracker}). Hosts open a pseudo-terminal or connect over TCP
 * ({@link HostEndpoint}) as often as they like; the cam link stays open. When the cam goes away the
 * host side is hung up, the gap is recorded, and the tap resumes when the cam is back. Segments,
 * rotation, disk guards and the heartbeat are the recorder's ({@link SegmentedArchive}).
 * {@link #stop()} (e.g. from a signal handler) ends it cleanly with a finished archive.
 */
public final class Tap {
    private static final Duration FLUSH_TICK = Duration.ofMillis(200);
    /** Chunk data the archive may fall behind by before forwarding waits (a stalled disk); fits a small heap. */
    private static final long QUEUE_BYTES = 16L << 20;
    private static final int POLL_MS = 50;

    private final TapOptions options;
    private final Consumer<String> log;
    private final RecorderStats stats = new RecorderStats();
    private final SegmentedArchive archive;
    private final ChunkQueue queue = new ChunkQueue(QUEUE_BYTES);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
    private volatile String endpointDescription;
    private volatile Relay relay;
    private final StopControl stop = new StopControl();
    private HostEndpoint endpoint;
    private WireFollower follower;
    private boolean camDown;
    private long lostAt;
    private long nextAttempt;
    private boolean outageLogged;

    /** A tap; {@code log} receives one line per notable event (for stderr). */
    public Tap(TapOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.archive = new SegmentedArchive(options.storage(), stats, log);
    }

    /** Live counters. */
    public RecorderStats stats() {
        return stats;
    }

    /** Asks the tap to finish (thread-safe, returns at once). */
    public void stop() {
        stop.request();
    }

    /** Waits until {@link #run()} has finished its archive. */
    public boolean awaitStopped(Duration max) throws InterruptedException {
        return stopped.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until hosts can connect; returns where they connect, or null when the tap ended first or not in time. */
    public String awaitEndpoint(Duration max) throws InterruptedException {
        ready.await(max.toMillis(), TimeUnit.MILLISECONDS);
        return endpointDescription;
    }

    /** Forwarding latency of one direction (read returned to write returned); empty before the tap runs. */
    public LatencyHistogram latency(Direction dir) {
        Relay r = relay;
        return r == null ? new LatencyHistogram() : r.latency(dir);
    }

    /**
     * Taps until stopped, the duration is up, or a fatal error. Errors before anything was recorded
     * (unwritable output, missing port, unusable host endpoint) are thrown; later ones end the tap
     * with a finished archive and are reported in the result.
     */
    public RecordingResult run() throws IOException {
        try {
            return tap();
        } finally {
            ready.countDown();
            stopped.countDown();
        }
    }

    private RecordingResult tap() throws IOException {
        archive.prepare();
        archive.state("opening " + options.port());
        Optional<ByteLink> first = options.waitForPort().open(options.port(), stop::asked, log);
        if (first.isEmpty()) {
            archive.state("stopped");
            stop.reassertInterrupt();
            return new RecordingResult(List.of(), "stopped before " + options.port() + " appeared", null, stats);
        }
        ByteLink cam = first.get();
        try {
            endpoint = HostEndpoint.open(options.host());
        } catch (IOException | RuntimeException e) {
            cam.close();
            throw new IOException("cannot offer the link to hosts: " + e.getMessage(), e);
        }
        String camName = cam.describe();
        SessionFacts facts = new SessionFacts(OmvcapVersion.get(), "tap", camName,
                camName.startsWith("tcp:") || camName.startsWith("sim:") ? 0 : WireFormat.MAGIC_BAUDRATE,
                SessionClock.startNow(), 0, "", options.labels());
        stop.startClock(options.duration());
        try {
            archive.start(facts);
        } catch (IOException e) {
            cam.close();
            endpoint.close();
            throw e;
        }
        archive.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.START,
                "tapping " + camName + " for hosts at " + endpoint.describe()));
        follower = new WireFollower(archive, new ArchiveOutput(archive));
        relay = new Relay(endpoint, queue);
        relay.start(cam);
        endpointDescription = endpoint.describe();
        ready.countDown();
        log.accept("tapping " + camName + "; hosts connect to " + endpoint.describe());
        archive.state("waiting for a host");
        String error = null;
        FlushTimer timer = new FlushTimer(FLUSH_TICK, archive::flushTick);
        try {
            error = loop();
        } finally {
            drain();
            timer.close();
            archive.finish(LifecycleEvent.of(LifecycleKind.STOP, stop.reason()));
            closeQuietly();
        }
        if (error == null && archive.failure() != null) {
            stop.end("write error");
            error = "cannot write " + archive.current() + ": " + archive.failure().getMessage();
        }
        archive.state("stopped");
        stop.reassertInterrupt();
        return new RecordingResult(archive.finished(), stop.reason(), error, stats);
    }

    /** Archives what the relay hands over, keeps house, brings the cam back; returns a fatal error or null. */
    private String loop() {
        while (!done()) {
            Item item = poll(POLL_MS);
            try {
                if (item != null) {
                    handle(item, false);
                }
            } catch (RuntimeException e) {
                stop.end("error");
                return "cannot archive what the tap forwarded: " + e;
            }
            String why = archive.housekeeping();
            if (why != null) {
                stop.end(why);
            }
            if (camDown) {
                reconnect();
            }
            if (relay.failure() != null) {
                stop.end("error");
                return relay.failure();
            }
        }
        return null;
    }

    private void handle(Item item, boolean ending) {
        long t = item.nanoTime();
        switch (item.kind()) {
            case CHUNK -> follower.chunk(item.dir(), t, item.data(), 0, item.data().length);
            case HOST_OPENED -> {
                follower.tracker().hostOpened();
                archive.lifecycle(t, host(LifecycleKind.CONNECT, "host opened " + item.detail()));
                archive.state("tapping");
                log.accept("host opened the link (" + item.detail() + ")");
            }
            case HOST_CLOSED -> {
                follower.tracker().hostClosed(t);
                follower.runProduced();
                archive.lifecycle(t, host(LifecycleKind.DISCONNECT, "host closed the link"));
                archive.state(camDown ? "waiting for the cam" : "waiting for a host");
                log.accept("host closed the link");
            }
            case LINE -> log.accept(item.detail());
            case CAM_LOST -> camLost(item, ending);
            default -> throw new IllegalStateException("unknown item " + item.kind());
        }
    }

    private void camLost(Item item, boolean ending) {
        long t = item.nanoTime();
        follower.tracker().hostClosed(t);
        follower.runProduced();
        archive.lifecycle(t, LifecycleEvent.of(LifecycleKind.DISCONNECT, "lost the cam: " + item.detail(),
                LifecycleEvent.CAM_SIDE));
        if (ending) {
            return;
        }
        lostAt = t;
        boolean hadHost = relay.forgetHost();
        try {
            endpoint.hangUp();
        } catch (IOException e) {
            log.accept("could not hang up the host side: " + e.getMessage());
        }
        if (hadHost) {
            archive.lifecycle(System.nanoTime(), host(LifecycleKind.DISCONNECT, "host hung up: the cam went away"));
        }
        relay.dropCam();
        camDown = true;
        outageLogged = false;
        backoff.reset();
        nextAttempt = System.nanoTime();
        archive.state("waiting for the cam");
        log.accept("lost the cam: " + item.detail() + "; the host side is hung up until it is back");
    }

    private void reconnect() {
        long now = System.nanoTime();
        if (now - nextAttempt < 0) {
            return;
        }
        ByteLink link;
        try {
            link = Transports.open(options.port());
        } catch (IOException | IllegalArgumentException e) {
            if (!outageLogged) {
                outageLogged = true;
                log.accept("waiting for " + options.port() + ": " + e.getMessage());
                archive.lifecycle(now, LifecycleEvent.of(LifecycleKind.ERROR, e.getMessage()));
            }
            nextAttempt = System.nanoTime() + backoff.next().toNanos();
            return;
        }
        long back = System.nanoTime();
        long gap = back - lostAt; // from this disconnect to this reconnect
        follower.newConnection();
        follower.tracker().camReset(back);
        follower.runProduced();
        archive.reconnected();
        archive.lifecycle(back, new LifecycleEvent(LifecycleKind.RECONNECT, "reconnected to " + link.describe(),
                Map.of("gap_ns", gap, LifecycleEvent.SIDE, LifecycleEvent.CAM_SIDE)));
        try {
            endpoint.reopen();
        } catch (IOException e) {
            log.accept("cannot offer the link to hosts again: " + e.getMessage());
            archive.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.ERROR, e.getMessage()));
            stop.end("error");
        }
        endpointDescription = endpoint.describe();
        relay.useCam(link);
        camDown = false;
        archive.state("waiting for a host");
        log.accept(String.format("the cam is back after %.1f s; hosts connect to %s", gap / 1e9, endpoint.describe()));
    }

    /** After the loop: the forwarding threads stop, and everything they handed over is archived. */
    private void drain() {
        relay.requestStop();
        while (relay.alive()) {
            Item item = poll(20);
            if (item != null) {
                handle(item, true);
            }
        }
        for (Item item; (item = poll(0)) != null; ) {
            handle(item, true);
        }
        follower.tracker().finish(System.nanoTime());
        follower.runProduced();
    }

    private void closeQuietly() {
        relay.dropCam();
        try {
            endpoint.close();
        } catch (IOException e) {
            // going away anyway
        }
    }

    /** The next item; an interrupt is a stop request, re-asserted when {@link #run()} returns. */
    private Item poll(long millis) {
        try {
            return queue.poll(millis);
        } catch (InterruptedException e) {
            stop.interrupted();
            return null;
        }
    }

    private static LifecycleEvent host(LifecycleKind kind, String detail) {
        return LifecycleEvent.of(kind, detail, LifecycleEvent.HOST_SIDE);
    }

    private boolean done() {
        return stop.due() || archive.failure() != null;
    }
}

package io.omvcap.record;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraException;
import io.omvcap.host.Lifecycle;
import io.omvcap.host.NotOpenMvException;
import io.omvcap.host.SessionListener;
import io.omvcap.link.ByteLink;
import io.omvcap.transport.PortUnavailableException;
import io.omvcap.transport.Transports;
import io.omvcap.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records a cam unattended: connects, uploads the script, captures until stopped or the duration
 * is up; reconnects with backoff after resets, unplugs and silence, recording the gap; rotates
 * segments by size and time with nothing lost at the seam; guards the disk; writes a heartbeat.
 * {@link #stop()} (e.g. from a signal handler) ends it cleanly with a finished archive.
 */
public final class Recorder {
    private static final Duration FLUSH_TICK = Duration.ofMillis(200);
    private static final Duration DISK_CHECK = Duration.ofSeconds(2);
    /** How often a vanished port is looked for. */
    private static final Duration PORT_LOOKUP = Duration.ofMillis(100);

    private final RecordOptions options;
    private final Consumer<String> log;
    private final RecorderStats stats = new RecorderStats();
    private final ArchiveSink sink = new ArchiveSink(stats);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final DiskGuard disk;
    private volatile boolean stopRequested;
    private boolean interrupted;
    private Segments segments;
    private SessionClock clock;
    private SessionFacts facts;
    private Path current;
    private LiveSegment live;
    private long segmentStart;
    private long deadline;
    private long nextHeartbeat;
    private long nextDiskCheck;
    private String stopReason;
    private DeviceFacts lastDevice;
    private byte[] script;

    /** A recorder; {@code log} receives one line per notable event (for stderr). */
    public Recorder(RecordOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.disk = new DiskGuard(options);
    }

    /** Live counters. */
    public RecorderStats stats() {
        return stats;
    }

    /** Asks the recording to finish (thread-safe, returns at once). */
    public void stop() {
        stopRequested = true;
    }

    /** Waits until {@link #run()} has finished its archive. */
    public boolean awaitStopped(Duration max) throws InterruptedException {
        return stopped.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Records until stopped, the duration is up, or a fatal error. Errors before anything was
     * recorded (unwritable output, missing port) are thrown; later ones end the recording with a
     * finished archive and are reported in the result.
     */
    public RecordingResult run() throws IOException {
        try {
            return record();
        } finally {
            stopped.countDown();
        }
    }

    private RecordingResult record() throws IOException {
        segments = Segments.forOutput(options.out(), LocalDateTime.now());
        Segments.recoverLeftovers(segments.dir(), log);
        if (!Files.isWritable(segments.dir())) {
            throw new java.nio.file.AccessDeniedException(segments.dir().toString());
        }
        script = options.script() == null ? null : Files.readAllBytes(options.script());
        ByteLink firstLink = Transports.open(options.port());
        clock = SessionClock.startNow();
        facts = new SessionFacts(OmvcapVersion.get(), options.mode(), firstLink.describe(),
                firstLink.describe().startsWith("tcp:") || firstLink.describe().startsWith("sim:") ? 0
                        : WireFormat.MAGIC_BAUDRATE, clock, 0, "", options.labels());
        long start = System.nanoTime();
        deadline = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toNanos();
        nextHeartbeat = start + options.heartbeat().toNanos();
        openSegment(null);
        sink.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.START, "recording " + options.port()));
        FlushTimer timer = new FlushTimer(FLUSH_TICK, this::flushTick);
        String error = null;
        try {
            error = connectLoop(firstLink);
        } finally {
            timer.close();
            finishSegment(LifecycleEvent.of(LifecycleKind.STOP, stopReason == null ? "stopped" : stopReason));
        }
        stats.state("stopped");
        List<Path> files = new ArrayList<>(segments.finished());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new RecordingResult(files, stopReason == null ? "stopped" : stopReason, error, stats);
    }

    /** Connects, captures, reconnects; returns a fatal error line or null. */
    private String connectLoop(ByteLink firstLink) {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
        boolean everConnected = false;
        long lostAt = -1;
        ByteLink link = firstLink;
        boolean outageLogged = false;
        while (!done()) {
            if (link == null) {
                try {
                    link = Transports.open(options.port());
                } catch (IOException e) {
                    if (!outageLogged) {
                        log.accept("waiting for " + options.port() + ": " + e.getMessage());
                        sink.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.ERROR, e.getMessage()));
                        outageLogged = true;
                    }
                    stats.state("waiting for port");
                    // looking for a port is cheap: a missing one is looked for often, so the gap
                    // ends soon after it is back instead of after a long backoff
                    sleep(isMissing(e) ? PORT_LOOKUP : backoff.next());
                    continue;
                }
            }
            stats.state("connecting");
            Camera camera = new Camera(link, options.camera());
            Capture capture = new Capture(camera, options, why -> {
                sink.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.ERROR, why));
                log.accept(why);
            });
            camera.addTap(sink);
            camera.addSessionListener(sink);
            camera.addSessionListener(new SessionListener() {
                @Override
                public void onLifecycle(Lifecycle kind, String detail, long nanoTime) {
                    if (kind == Lifecycle.CHANNELS) {
                        capture.channelsListed();
                    }
                }
            });
            camera.addListener(capture);
            try {
                camera.connect();
                if (lostAt >= 0) {
                    // this outage's gap: from when this loss was detected to now, the reconnect
                    long reconnectedAt = System.nanoTime();
                    long gap = reconnectedAt - lostAt;
                    lostAt = -1;
                    stats.reconnects.increment();
                    sink.lifecycle(reconnectedAt, new LifecycleEvent(LifecycleKind.RECONNECT,
                            "reconnected to " + link.describe(), Map.of("gap_ns", gap)));
                    log.accept(String.format("reconnected after %.1f s", gap / 1e9));
                }
                everConnected = true;
                outageLogged = false;
                backoff.reset();
                startScript(camera);
                stats.state("recording");
                capture.run(this::done, this::housekeeping, () -> {
                    writeDevice(camera);
                    log.accept("reading channels " + capture.selectedNames()
                            + (options.stream() ? " and the stream" : "") + ", and stdout");
                });
                return sink.failure() == null ? null : diskError();
            } catch (NotOpenMvException e) {
                if (!everConnected) {
                    stopReason = "not an OpenMV cam";
                    return link.describe() + ": " + e.getMessage();
                }
                lostAt = lost(lostAt, e);
            } catch (CameraException e) {
                lostAt = lost(lostAt, e);
            } catch (IOException e) {
                stopReason = "error";
                return e.getMessage();
            } finally {
                camera.close();
                link = null;
            }
            if (sink.failure() != null) {
                return diskError();
            }
            if (!done()) {
                stats.state("reconnecting");
                sleep(backoff.next());
            }
        }
        return sink.failure() == null ? null : diskError();
    }

    private static boolean isMissing(IOException e) {
        return e instanceof PortUnavailableException p && p.reason() == PortUnavailableException.Reason.MISSING;
    }

    private long lost(long lostAt, CameraException e) {
        if (done()) {
            return lostAt;
        }
        log.accept("lost the cam: " + e.getMessage() + "; reconnecting");
        long now = System.nanoTime();
        // a cam that stops answering is only called lost after its timeouts: silent_ns says how
        // long before this detection it last sent a valid packet
        long heard = sink.lastHeard();
        sink.lifecycle(now, new LifecycleEvent(LifecycleKind.DISCONNECT, e.getMessage(),
                heard == 0 ? Map.of() : Map.of("silent_ns", Math.max(0, now - heard))));
        // a failed attempt during an outage continues it: the gap starts at its first detection
        return lostAt >= 0 ? lostAt : now;
    }

    private void startScript(Camera camera) throws CameraException, IOException {
        writeDevice(camera);
        if (script != null) {
            camera.stop();
            sleep(Duration.ofMillis(200));
            camera.exec(script);
            SessionWriter w = sink.writer();
            w.attachScript(System.nanoTime(), options.script().getFileName().toString(), script);
            log.accept("uploaded " + options.script().getFileName() + " (" + script.length + " bytes)");
        }
        if (options.stream()) {
            camera.streaming(true);
        }
    }

    private void writeDevice(Camera camera) {
        try {
            lastDevice = new DeviceFacts(camera.version(), camera.sysInfo(), camera.caps(), camera.channels());
            SessionWriter w = sink.writer();
            if (w != null) {
                w.device(System.nanoTime(), lastDevice);
            }
        } catch (IOException e) {
            log.accept("could not record device facts: " + e.getMessage());
        }
    }

    private boolean done() {
        if (Thread.interrupted()) {
            interrupted = true;
            stopRequested = true;
        }
        if (stopRequested && stopReason == null) {
            stopReason = "stopped";
        }
        if (System.nanoTime() - deadline >= 0 && stopReason == null) {
            stopReason = "duration reached";
        }
        return stopRequested || System.nanoTime() - deadline >= 0 || sink.failure() != null || stopReason != null;
    }

    /** Between capture cycles: heartbeat, rotation, disk guard. */
    private void housekeeping() {
        long now = System.nanoTime();
        if (now - nextHeartbeat >= 0) {
            nextHeartbeat = now + options.heartbeat().toNanos();
            stats.totalBytes.set(segments.finishedBytes() + stats.fileBytes());
            sink.heartbeat(now, stats.snapshot());
        }
        if (rotationDue(now)) {
            rotate();
            String why = disk.check(segments, stats.fileBytes(), log);
            if (why != null) {
                stopReason = why;
                log.accept("stopping: " + why);
            }
        }
        if (now - nextDiskCheck >= 0) {
            nextDiskCheck = now + DISK_CHECK.toNanos();
            String why = disk.check(segments, stats.fileBytes(), log);
            if (why != null) {
                stopReason = why;
                log.accept("stopping: " + why);
            } else if (disk.needsRotation(segments, stats.fileBytes())) {
                rotate();
                disk.check(segments, stats.fileBytes(), log);
            }
        }
    }

    private boolean rotationDue(long now) {
        long size = disk.effectiveRotateSize();
        boolean bySize = size > 0 && stats.fileBytes() >= size;
        boolean byTime = options.rotateTime() != null && now - segmentStart >= options.rotateTime().toNanos();
        return bySize || byTime;
    }

    private void rotate() {
        Path previous = current;
        Path next = segments.nextFinalName();
        finishSegment(new LifecycleEvent(LifecycleKind.ROTATE, "continues in " + next.getFileName(),
                Map.of("next_file", next.getFileName().toString())));
        facts = facts.nextSegment(previous.getFileName().toString());
        try {
            openSegment(previous);
            if (lastDevice != null) {
                sink.writer().device(System.nanoTime(), lastDevice);
            }
            if (script != null) {
                sink.writer().attachScript(System.nanoTime(), options.script().getFileName().toString(), script);
            }
        } catch (IOException e) {
            stopReason = "error";
            log.accept("cannot open the next segment: " + e.getMessage());
        }
    }

    private void openSegment(Path previous) throws IOException {
        current = segments.allocate();
        // claimed before it is written, so another recorder's start never takes it for a leftover
        live = LiveSegment.claim(Segments.part(current));
        SessionWriterOptions w = new SessionWriterOptions(options.compression(), SessionWriterOptions.DEFAULTS.chunkSize(),
                SessionWriterOptions.DEFAULTS.chunkMaxAge(), options.fsync(), OmvcapVersion.library());
        SessionWriter writer;
        try {
            writer = SessionWriter.create(Segments.part(current), w, facts);
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        sink.use(writer);
        segmentStart = System.nanoTime();
        stats.segments.increment();
        stats.file(current.toString());
        if (previous != null) {
            sink.lifecycle(System.nanoTime(), new LifecycleEvent(LifecycleKind.ROTATE,
                    "continued from " + previous.getFileName(), Map.of("previous_file", previous.getFileName().toString())));
            log.accept("rotated to " + current.getFileName());
        }
    }

    private void finishSegment(LifecycleEvent last) {
        SessionWriter w = sink.writer();
        if (w == null) {
            return;
        }
        sink.lifecycle(System.nanoTime(), last);
        sink.use(null);
        try {
            w.close();
            segments.finish(current);
        } catch (IOException e) {
            log.accept("could not finish " + current.getFileName() + ": " + e.getMessage()
                    + " (the .part file keeps every complete chunk; 'omvcap recover' or the next start repairs it)");
        } finally {
            release();
        }
    }

    private void release() {
        try {
            if (live != null) {
                live.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        live = null;
    }

    private void flushTick() {
        SessionWriter w = sink.writer();
        try {
            if (w != null) {
                w.flushIfDue();
                stats.fileBytes.set(w.position());
            }
        } catch (IOException e) {
            // the capture thread sees the same failure on its next write and stops
        }
    }

    private String diskError() {
        stopReason = "write error";
        return "cannot write " + current + ": " + sink.failure().getMessage();
    }

    private void sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!stopRequested && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                // an interrupt is a stop request; it is re-asserted when run() returns, not now,
                // or the link reads of the last cycle would fail and look like a lost cam
                interrupted = true;
                stopRequested = true;
            }
        }
    }
}

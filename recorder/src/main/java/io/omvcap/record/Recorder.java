package io.omvcap.record;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
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
    /** How often a vanished port is looked for. */
    private static final Duration PORT_LOOKUP = Duration.ofMillis(100);

    private final RecordOptions options;
    private final Consumer<String> log;
    private final RecorderStats stats = new RecorderStats();
    private final SegmentedArchive archive;
    private final ArchiveSink sink;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final StopControl stop = new StopControl();
    private SessionClock clock;
    private SessionFacts facts;
    private byte[] script;

    /** A recorder; {@code log} receives one line per notable event (for stderr). */
    public Recorder(RecordOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.archive = new SegmentedArchive(options.storage(), stats, log);
        this.sink = new ArchiveSink(archive);
    }

    /** Live counters. */
    public RecorderStats stats() {
        return stats;
    }

    /** Asks the recording to finish (thread-safe, returns at once). */
    public void stop() {
        stop.request();
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
        archive.prepare();
        script = options.script() == null ? null : Files.readAllBytes(options.script());
        if (options.waitForPort().enabled()) {
            stats.state("waiting for " + options.port());
        }
        ByteLink firstLink = options.waitForPort().open(options.port(), stop::asked, log).orElse(null);
        if (firstLink == null) {
            stats.state("stopped");
            stop.reassertInterrupt();
            return new RecordingResult(List.of(), "stopped before " + options.port() + " appeared", null, stats);
        }
        clock = SessionClock.startNow();
        facts = new SessionFacts(OmvcapVersion.get(), options.mode(), firstLink.describe(),
                firstLink.describe().startsWith("tcp:") || firstLink.describe().startsWith("sim:") ? 0
                        : WireFormat.MAGIC_BAUDRATE, clock, 0, "", options.labels());
        stop.startClock(options.duration());
        archive.start(facts);
        sink.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.START, "recording " + options.port()));
        FlushTimer timer = new FlushTimer(FLUSH_TICK, archive::flushTick);
        String error = null;
        try {
            error = connectLoop(firstLink);
        } finally {
            timer.close();
            archive.finish(LifecycleEvent.of(LifecycleKind.STOP, stop.reason()));
        }
        stats.state("stopped");
        List<Path> files = new ArrayList<>(archive.finished());
        stop.reassertInterrupt();
        return new RecordingResult(files, stop.reason(), error, stats);
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
                    stop.end("not an OpenMV cam");
                    return link.describe() + ": " + e.getMessage();
                }
                lostAt = lost(lostAt, e);
            } catch (CameraException e) {
                lostAt = lost(lostAt, e);
            } catch (IOException e) {
                stop.end("error");
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
            archive.script(System.nanoTime(), options.script().getFileName().toString(), script);
            log.accept("uploaded " + options.script().getFileName() + " (" + script.length + " bytes)");
        }
        if (options.stream()) {
            camera.streaming(true);
        }
    }

    private void writeDevice(Camera camera) {
        try {
            archive.device(System.nanoTime(),
                    new DeviceFacts(camera.version(), camera.sysInfo(), camera.caps(), camera.channels()));
        } catch (IOException e) {
            log.accept("could not record device facts: " + e.getMessage());
        }
    }

    private boolean done() {
        return stop.due() || sink.failure() != null;
    }

    /** Between capture cycles: heartbeat, rotation, disk guard. */
    private void housekeeping() {
        String why = archive.housekeeping();
        if (why != null) {
            stop.end(why);
        }
    }

    private String diskError() {
        stop.end("write error");
        return "cannot write " + archive.current() + ": " + sink.failure().getMessage();
    }

    private void sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!stop.asked() && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                // an interrupt is a stop request; it is re-asserted when run() returns, not now,
                // or the link reads of the last cycle would fail and look like a lost cam
                stop.interrupted();
            }
        }
    }
}

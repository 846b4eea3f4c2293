package io.omvcap.replay;

import io.omvcap.link.ByteLink;
import io.omvcap.replay.fault.FaultInjector;
import io.omvcap.replay.fault.FaultPlan;
import io.omvcap.replay.fault.InjectedFault;
import io.omvcap.serve.ServeTarget;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A recorded session served as a fake cam: host code talks to it in-process (a {@link ByteLink}
 * for {@code io.omvcap.host.Camera}), on a pseudo-terminal (any serial-port program, the official
 * Python SDK) or on TCP, and gets the recorded cam's answers the same way on every run. Example:
 *
 * <pre>{@code
 * try (Replay cam = Replay.open(Path.of("sample-sessions/telemetry.mcap")).mode(ReplayMode.STRICT).inProcess()) {
 *     Camera camera = new Camera(cam.hostLink(), CameraOptions.defaults());
 *     camera.connect();
 *     byte[] first = camera.read("telemetry");     // the first recorded telemetry payload
 *     ...
 *     assertTrue(cam.divergences().isEmpty());
 * }
 * }</pre>
 */
public final class Replay implements Closeable {
    /** How many remaining recorded requests strict mode reads at the end to list those never made. */
    static final long DRAIN_LIMIT = 10_000_000L;

    private final Recording recording;
    private final ReplayOptions options;
    private final ReplayStats stats;
    private final Connector connector;
    private final ReplayCam cam;
    private final FaultInjector faults;
    private final HostSessionRecorder recorder;
    private final ServeLoop loop;
    private final Thread thread;
    private final Consumer<ReplayStatus> statusListener;
    private final long statusIntervalNanos;
    private volatile long nextStatus;
    private ReplaySummary finalSummary;
    private IOException closeFailure;

    /** Opens a recording (one or more archive files, served one after another) for replay. */
    public static Builder open(Path... files) {
        return new Builder(Arrays.asList(files));
    }

    /** Opens a recording (one or more archive files, served one after another) for replay. */
    public static Builder open(List<Path> files) {
        return new Builder(files);
    }

    /** Options of a replay, then where to serve it. */
    public static final class Builder {
        private final List<Path> files;
        private final ReplayOptions.Builder options = ReplayOptions.builder();
        private ReplayListener listener = ReplayListener.NONE;
        private Consumer<ReplayStatus> status = s -> { };
        private long statusIntervalMs;

        private Builder(List<Path> files) {
            this.files = List.copyOf(files);
        }

        /** All options at once. */
        public Builder options(ReplayOptions o) {
            options.mode(o.mode()).speed(o.speed()).loop(o.loop()).window(o.start(), o.end()).faults(o.faults())
                    .seed(o.seed()).recordHost(o.recordHost()).onDivergence(o.onDivergence());
            return this;
        }

        /** Model (default) or strict. */
        public Builder mode(ReplayMode m) {
            options.mode(m);
            return this;
        }

        /** {@link Speed#MAX} (default) or a factor of real time. */
        public Builder speed(Speed s) {
            options.speed(s);
            return this;
        }

        /** Starts over after the last file. */
        public Builder loop(boolean l) {
            options.loop(l);
            return this;
        }

        /** Serves only recorded times in [start, end] (epoch ns; end -1 for no end). */
        public Builder window(long start, long end) {
            options.window(start, end);
            return this;
        }

        /** Faults to inject, e.g. {@code drop=0.01,nak=busy@10}; see {@link FaultPlan}. */
        public Builder faults(String spec) throws IOException {
            options.faults(FaultPlan.parse(spec));
            return this;
        }

        /** Seed of the random faults. */
        public Builder seed(long seed) {
            options.seed(seed);
            return this;
        }

        /** Records the replayed session into {@code file}. */
        public Builder recordHost(Path file) {
            options.recordHost(file);
            return this;
        }

        /** What strict mode does with a divergent request (default: NAK it). */
        public Builder onDivergence(DivergencePolicy p) {
            options.onDivergence(p);
            return this;
        }

        /** Hears divergences, faults, cues and hosts as they happen. */
        public Builder listener(ReplayListener l) {
            listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** Gets a status snapshot every {@code intervalMs} (and when serving stops). */
        public Builder status(Consumer<ReplayStatus> s, long intervalMs) {
            status = Objects.requireNonNull(s, "status");
            statusIntervalMs = intervalMs;
            return this;
        }

        /** Serves in-process; the host end is {@link Replay#hostLink()}. */
        public Replay inProcess() throws IOException {
            return serve(new ServeTarget.InProcess());
        }

        /** Serves on a new pseudo-terminal, with a symlink at {@code symlink} unless null. */
        public Replay pty(Path symlink) throws IOException {
            return serve(new ServeTarget.Pty(symlink));
        }

        /** Serves on TCP (use 127.0.0.1 unless remote hosts must connect; port 0 picks one). */
        public Replay tcp(String host, int port) throws IOException {
            return serve(new ServeTarget.Tcp(host, port));
        }

        /**
         * Starts serving on {@code target}.
         *
         * @throws ReplayException when the recording cannot be replayed (one-line message)
         */
        public Replay serve(ServeTarget target) throws IOException {
            return new Replay(files, options.build(), target, listener, status, statusIntervalMs);
        }
    }

    private Replay(List<Path> files, ReplayOptions options, ServeTarget target, ReplayListener listener,
            Consumer<ReplayStatus> statusListener, long statusIntervalMs) throws IOException {
        this.options = options;
        this.recording = Recording.open(files, options.loop(), options.start(), options.end());
        this.stats = new ReplayStats();
        this.statusListener = statusListener;
        this.statusIntervalNanos = statusIntervalMs * 1_000_000L;
        ReplayListener l = new ReplayListener() {
            @Override
            public void divergence(Divergence d) {
                listener.divergence(d);
            }

            @Override
            public void fault(InjectedFault f) {
                listener.fault(f);
            }

            @Override
            public void cue(String what) {
                listener.cue(what);
            }

            @Override
            public void host(String host) {
                listener.host(host);
                publish(true);
            }
        };
        this.faults = new FaultInjector(options.faults(), options.seed(), System::nanoTime, f -> {
            stats.fault(f, true);
            l.fault(f);
        });
        ServeLoop[] loopRef = new ServeLoop[1];
        ReplayCam c = null;
        Connector conn = null;
        HostSessionRecorder rec = null;
        try {
            conn = new Connector(target);
            c = new ReplayCam(recording, options, stats, (b, o, n) -> loopRef[0].camWrite(b, o, n), faults, l);
            if (options.recordHost() != null) {
                rec = HostSessionRecorder.create(options.recordHost(), c.engine(), recording.describe(), conn.endpoint());
            }
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            if (conn != null) {
                conn.close();
            }
            throw e;
        }
        this.connector = conn;
        this.cam = c;
        this.recorder = rec;
        this.loop = new ServeLoop(cam, stats, connector, faults, recorder, l, () -> publish(false));
        loopRef[0] = loop;
        this.thread = new Thread(loop, "omvcap-replay " + connector.endpoint());
        thread.setDaemon(true);
        thread.start();
    }

    private void publish(boolean now) {
        long t = System.nanoTime();
        if (now || !loop.running() || statusIntervalNanos > 0 && t >= nextStatus) {
            nextStatus = t + statusIntervalNanos;
            try {
                statusListener.accept(status());
            } catch (RuntimeException e) {
                // a listener's problem is not the replay's
            }
        }
    }

    /** Where hosts connect: the pty slave (and symlink), {@code tcp://host:port}, or the pipe name. */
    public String endpoint() {
        return connector.endpoint();
    }

    /** The host end of the in-process link (in-process replays; a new one after each hang-up). */
    public ByteLink hostLink() {
        return connector.hostLink();
    }

    /** The pty slave path hosts open (pty replays). */
    public String slavePath() {
        return connector.slavePath();
    }

    /** The TCP port bound (TCP replays). */
    public int tcpPort() throws IOException {
        return connector.tcpPort();
    }

    /** The options in force. */
    public ReplayOptions options() {
        return options;
    }

    /** Everything the host wrote to {@code channel} so far, one entry per write (chunks joined). */
    public List<byte[]> writes(String channel) {
        return stats.writes(channel);
    }

    /** Strict mode: the divergent requests so far (the first 100). */
    public List<Divergence> divergences() {
        return stats.divergences();
    }

    /** Whether every recorded payload has been served. */
    public boolean finished() {
        return loop.finished();
    }

    /** Waits until the recording is finished or serving stopped; true when finished. */
    public boolean awaitFinished(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!loop.finished() && loop.running() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return loop.finished();
    }

    /** Whether the replay is still serving. */
    public boolean isRunning() {
        return loop.running() && thread.isAlive();
    }

    /** Why serving stopped on its own (a damaged archive, strict mode ending it), or null. */
    public String failure() {
        return loop.failure();
    }

    /** A snapshot for a status line. */
    public ReplayStatus status() {
        return new ReplayStatus(connector.endpoint(), loop.host(), stats.requests(), stats.served(),
                stats.divergenceCount(), faults.injected(), loop.finished(), loop.running(), loop.failure());
    }

    /** What was served so far (complete after {@link #close()}). */
    public synchronized ReplaySummary summary() {
        if (finalSummary != null) {
            return finalSummary;
        }
        StrictMatcher m = cam.matcher();
        return stats.summary(recording.describe(), options, cam.matched(), m == null ? 0 : m.neverMadeCount(),
                m == null ? List.of() : m.neverMade(), loop.finished());
    }

    /** Whether strict mode ended the session (policy {@link DivergencePolicy#END}). */
    public boolean endedByDivergence() {
        return cam.endWanted();
    }

    /**
     * Stops serving, completes the report (strict mode: lists the recorded requests the host
     * never made), finishes the {@code --record-host} archive and releases the transport.
     *
     * @throws IOException when the recorded-host archive could not be finished
     */
    @Override
    public synchronized void close() throws IOException {
        if (finalSummary != null) {
            if (closeFailure != null) {
                throw closeFailure;
            }
            return;
        }
        loop.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean finished = loop.finished();
        try {
            cam.finish(options.loop() ? 0 : DRAIN_LIMIT); // a looped recording has no end to list up to
        } catch (IOException | RuntimeException e) {
            closeFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        StrictMatcher m = cam.matcher();
        finalSummary = stats.summary(recording.describe(), options, cam.matched(), m == null ? 0 : m.neverMadeCount(),
                m == null ? List.of() : m.neverMade(), finished);
        try {
            if (recorder != null) {
                recorder.close();
            }
        } catch (IOException e) {
            closeFailure = closeFailure == null ? e : closeFailure;
        } finally {
            try {
                cam.close();
            } finally {
                connector.close();
            }
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }
}

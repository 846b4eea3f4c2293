package io.omvcap.record;

import io.omvcap.host.Camera;
import io.omvcap.host.CameraEvent;
import io.omvcap.host.CameraException;
import io.omvcap.host.CameraListener;
import io.omvcap.host.NakException;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.PollMask;
import io.omvcap.wire.ChannelFlag;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The capture cycle of one connection: poll, read every selected channel that is ready (locking
 * lock-flagged channels around the read), read stdout and, with {@code --stream}, preview frames;
 * between polls wait for events and react at once (a channel event such as "frame ready" triggers
 * a read of that channel; NOTIFY on stdout or stream reads those). Returns when told to stop;
 * camera failures propagate to the recorder, which reconnects. A read the cam refuses (a NAK such
 * as FAILED: the channel changed between its size and its read) is reported and skipped: the cam
 * is still there, so it is not an outage.
 */
final class Capture implements CameraListener {
    private static final long STREAM_EVENT_SILENCE = 500_000_000L;
    private static final long REFUSAL_REPORT_INTERVAL = 1_000_000_000L;
    private final Camera camera;
    private final RecordOptions options;
    private final Consumer<String> refused;
    private final java.util.Map<String, Long> lastRefusal = new java.util.HashMap<>();
    private final java.util.Map<String, Integer> unreportedRefusals = new java.util.HashMap<>();
    private final Deque<CameraEvent> events = new ArrayDeque<>();
    private List<ChannelEntry> selected = List.of();
    /** When the stream channel last announced a frame; polling only stands in when it is silent. */
    private long lastStreamEvent = System.nanoTime() - STREAM_EVENT_SILENCE;
    private long nextPoll;
    private volatile boolean channelsChanged = true;

    /** A capture; {@code refused} is told, in one line, about each read the cam refused. */
    Capture(Camera camera, RecordOptions options, Consumer<String> refused) {
        this.camera = camera;
        this.options = options;
        this.refused = refused;
    }

    @Override
    public void onEvent(CameraEvent event) {
        if (event.changesChannels() || event.isSoftReboot()) {
            channelsChanged = true;
        }
        if (events.size() < 1024) {
            events.add(event);
        }
    }

    /** Marks the channel list as changed (after a re-list), so the selection is recomputed. */
    void channelsListed() {
        channelsChanged = true;
    }

    /**
     * Runs until {@code done} says so. {@code housekeeping} runs at the start of every cycle;
     * {@code channelsUpdated} runs after the channel list was re-read (so the device facts can be
     * rewritten).
     */
    void run(BooleanSupplier done, Runnable housekeeping, Runnable channelsUpdated) throws CameraException {
        nextPoll = System.nanoTime();
        while (!done.getAsBoolean()) {
            // one cycle per call, so the JIT compiles it like any hot method instead of leaving
            // this never-returning loop to the interpreter until an on-stack replacement
            cycle(done, housekeeping, channelsUpdated);
        }
    }

    private void cycle(BooleanSupplier done, Runnable housekeeping, Runnable channelsUpdated) throws CameraException {
        housekeeping.run();
        if (channelsChanged) {
            channelsChanged = false;
            selected = select(camera.channels());
            channelsUpdated.run();
        }
        long now = System.nanoTime();
        if (now - nextPoll >= 0) {
            // fixed rate: a slow cycle is made up by the next wait, a long stall is not
            long interval = options.pollInterval().toNanos();
            nextPoll = now - nextPoll > interval ? now + interval : nextPoll + interval;
            pollAndRead();
        }
        handleEvents();
        long wait = nextPoll - System.nanoTime();
        if (wait > 0 && !done.getAsBoolean()) {
            // link timeouts are whole milliseconds: round up rather than spin; a sub-millisecond
            // poll interval means "as fast as possible", so only take what has already arrived
            long millis = options.pollInterval().toNanos() < 1_000_000 ? 0
                    : Math.min(100, Math.max(1, (wait + 999_999) / 1_000_000));
            camera.pumpUntilEvent(Duration.ofMillis(millis));
        }
    }

    private void pollAndRead() throws CameraException {
        PollMask mask = camera.poll();
        for (ChannelEntry ch : selected) {
            if (mask.isReady(ch.id())) {
                read(ch);
            }
        }
        if (mask.isReady(BuiltinChannel.STDOUT.id())) {
            camera.readStdout();
        }
        boolean streamSilent = System.nanoTime() - lastStreamEvent > STREAM_EVENT_SILENCE;
        if (options.stream() && streamSilent && mask.isReady(BuiltinChannel.STREAM.id())) {
            camera.readFrame();
        }
    }

    private void handleEvents() throws CameraException {
        CameraEvent e;
        while ((e = events.poll()) != null) {
            int ch = e.channel();
            if (ch == BuiltinChannel.STDOUT.id()) {
                camera.readStdout();
            } else if (ch == BuiltinChannel.STREAM.id()) {
                lastStreamEvent = e.nanoTime();
                if (options.stream()) {
                    camera.readFrame();
                }
            } else if (ch != 0 && e.code() != Event.NOTIFY) {
                for (ChannelEntry c : selected) {
                    if (c.id() == ch) {
                        read(c);
                    }
                }
            }
        }
    }

    private void read(ChannelEntry ch) throws CameraException {
        try {
            if (ch.has(ChannelFlag.LOCK)) {
                if (!camera.lock(ch.name())) {
                    return;
                }
                try {
                    camera.read(ch.name());
                } finally {
                    // after a transport failure the cam is resynced, which releases its locks
                    if (camera.isConnected()) {
                        camera.unlock(ch.name());
                    }
                }
            } else {
                camera.read(ch.name());
            }
        } catch (NakException e) {
            if (e.isTransient()) {
                throw e; // still out of step after the camera's own resync and retry
            }
            reportRefusal(ch.name(), e.getMessage());
        }
    }

    /** Reports a refused read, at most once a second per channel (a count of the others goes with the next). */
    private void reportRefusal(String channel, String why) {
        long now = System.nanoTime();
        Long last = lastRefusal.get(channel);
        if (last != null && now - last < REFUSAL_REPORT_INTERVAL) {
            unreportedRefusals.merge(channel, 1, Integer::sum);
            return;
        }
        lastRefusal.put(channel, now);
        Integer more = unreportedRefusals.remove(channel);
        refused.accept("read of " + channel + " skipped: " + why
                + (more == null ? "" : " (and " + more + " more refused since the last report)"));
    }

    /** The channels to read: the named ones, or every readable script channel. */
    private List<ChannelEntry> select(List<ChannelEntry> listed) {
        List<ChannelEntry> out = new ArrayList<>();
        for (ChannelEntry c : listed) {
            boolean builtin = c.id() <= BuiltinChannel.STREAM.id();
            boolean wanted = options.channels().isEmpty() ? !builtin && c.has(ChannelFlag.READ)
                    : options.channels().contains(c.name());
            if (wanted && c.has(ChannelFlag.READ) && c.id() != BuiltinChannel.STDOUT.id()
                    && c.id() != BuiltinChannel.STREAM.id()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Names of the selected channels (for logs). */
    List<String> selectedNames() {
        return selected.stream().map(ChannelEntry::name).toList();
    }
}

package io.omvcap.replay;

import io.omvcap.device.CamFirmware;
import io.omvcap.device.ProtocolEngine;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Event;
import io.omvcap.wire.Opcode;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Serves one channel's recorded payloads in order: installs the next one when the previous was
 * consumed and the replay allows it, and sends the channel's recorded events just before the
 * payload they preceded. Script channels hold their payload in a {@link RecordedChannel}; stdout
 * and stream payloads go into the firmware's own channels (printed into the stdout ring, offered
 * as the stream frame), which then behave as the firmware does.
 */
final class Player implements Closeable {
    /** Most recorded events kept waiting for a channel the host does not consume. */
    static final int EVENT_LIMIT = 1024;

    enum Type { SCRIPT, STDOUT, STREAM }

    private final String name;
    private final Type type;
    private final ChannelFeed feed;
    private final CamFirmware firmware;
    private final ReplayStats stats;
    private final boolean announceStdout;
    private final ArrayDeque<Cue.ChannelEvent> events = new ArrayDeque<>();
    private RecordedChannel backend;
    private boolean dynamic;
    private int id = -1;
    private long activeSince = Long.MIN_VALUE;
    private Payload current;
    private boolean placed;
    private boolean consumed = true;
    private long streamReadEnd;

    Player(String name, int builtinId, ChannelFeed feed, CamFirmware firmware, ReplayStats stats, boolean maxSpeed) {
        this.name = name;
        this.type = builtinId == BuiltinChannel.STDOUT.id() ? Type.STDOUT
                : builtinId == BuiltinChannel.STREAM.id() ? Type.STREAM : Type.SCRIPT;
        this.feed = feed;
        this.firmware = firmware;
        this.stats = stats;
        this.announceStdout = maxSpeed;
        if (type != Type.SCRIPT) {
            id = builtinId;
        }
    }

    String name() {
        return name;
    }

    int id() {
        return id;
    }

    /** The channel is registered at {@code channelId}; script channels get {@code b} as backend. */
    void attach(int channelId, RecordedChannel b, boolean isDynamic) {
        id = channelId;
        backend = b;
        dynamic = isDynamic;
        placed = false;
    }

    /** Dynamic channels vanish at a soft reboot or reset. */
    void detachDynamic() {
        if (type == Type.SCRIPT && dynamic) {
            id = -1;
            backend = null;
            placed = false;
        }
    }

    /**
     * A boundary at {@code time} was crossed: payloads recorded before it are no longer served.
     * A payload from after it that was already taken stays, to be installed again.
     */
    void boundary(long time) {
        activeSince = time;
        if (current != null && !consumed) {
            if (current.time() < time) {
                stats.skipped(name, 1);
                current = null;
                consumed = true;
            } else {
                placed = false;
            }
        }
        events.removeIf(e -> e.time() < time);
    }

    /** A recorded event on this channel, to be sent before the payload that follows it. */
    void event(Cue.ChannelEvent e) {
        if (events.size() == EVENT_LIMIT) {
            events.pollFirst();
        }
        events.addLast(e);
    }

    /** Whether an unconsumed payload recorded before {@code time} is there or next. */
    boolean pendingBefore(long time) throws IOException {
        if (id < 0 || type == Type.STREAM && !firmware.stream().isEnabled()) {
            return false;
        }
        if (current != null && !consumed) {
            return current.time() < time;
        }
        Payload next = nextFresh();
        return next != null && next.time() < time;
    }

    /** Whether everything of this channel was served (or can never be). */
    boolean done() throws IOException {
        return (current == null || consumed) && nextFresh() == null;
    }

    /**
     * Moves on: installs the next payload recorded before {@code limit} if the previous one was
     * consumed (a stream frame: once a read of it reached its end was delivered; the next frame
     * replaces it when the host holds no lock), or retries installing one that the firmware
     * channel could not take yet.
     *
     * @return whether anything changed
     */
    boolean advance(long limit) throws IOException {
        if (id < 0) {
            return false;
        }
        if (current != null && !consumed) {
            if (type == Type.STREAM && placed && firmware.stream().size() == 0) {
                placed = false; // emptied without being read (streaming restarted): offer it again
            }
            if (!placed) {
                placed = place(current);
                return placed;
            }
            return false;
        }
        Payload next = nextFresh();
        long bound = next == null ? limit : Math.min(next.time(), limit);
        sendEvents(bound, limit);
        if (next == null || next.time() >= limit) {
            return false;
        }
        feed.next();
        current = next;
        consumed = false;
        placed = place(next);
        return true;
    }

    /** A READ of {@code length} bytes at {@code offset} on this channel is starting. */
    void readRequested(long offset, long length) {
        streamReadEnd = offset + length;
        if (backend != null) {
            backend.readRequested();
        }
    }

    /** An answer on this channel was delivered. */
    void delivered(int opcode, boolean nak) {
        if (current == null || consumed || !placed || opcode != Opcode.CHANNEL_READ.code()) {
            return;
        }
        switch (type) {
            case SCRIPT -> {
                if (backend != null && backend.delivered(nak)) {
                    finish();
                }
            }
            case STDOUT -> {
                if (!nak && firmware.stdout().available() == 0) {
                    finish();
                }
            }
            case STREAM -> {
                if (!nak && streamReadEnd >= current.data().length) {
                    finish();
                }
            }
        }
    }

    /** Whether a consumption happened since the last call. */
    private boolean justConsumed;

    boolean takeConsumed() {
        boolean c = justConsumed;
        justConsumed = false;
        return c;
    }

    private void finish() {
        consumed = true;
        justConsumed = true;
        stats.served(name, current.data().length);
    }

    private boolean place(Payload p) {
        ProtocolEngine engine = firmware.engine();
        switch (type) {
            case SCRIPT -> {
                if (backend == null) {
                    return false;
                }
                backend.install(p.data(), p.offset());
                return true;
            }
            case STDOUT -> {
                if (!engine.isTransportActive()) {
                    return false;
                }
                firmware.stdout().print(p.data());
                if (announceStdout) {
                    engine.sendEvent(id, Event.NOTIFY, false);
                }
                return true;
            }
            default -> {
                if (!firmware.stream().offerFrame(p.data(), p.imageSize())) {
                    return false;
                }
                engine.sendEvent(id, Event.NOTIFY, false);
                return true;
            }
        }
    }

    private void sendEvents(long bound, long limit) {
        while (!events.isEmpty() && events.peekFirst().time() <= bound && events.peekFirst().time() < limit) {
            Cue.ChannelEvent e = events.pollFirst();
            firmware.engine().sendEvent(id, e.code(), false);
        }
    }

    /** The next payload recorded since the channel became active, skipping stale ones. */
    private Payload nextFresh() throws IOException {
        Payload next = feed.peek();
        for (int read = 0; next != null && next.time() < activeSince; read++) {
            stats.skipped(name, 1);
            if (read == 8) {
                feed.seek(activeSince); // far behind: jump through the index instead of reading
            } else {
                feed.next();
            }
            next = feed.peek();
        }
        return next;
    }

    /** Records of the feed that could not be decoded. */
    long damaged() {
        return feed.damaged();
    }

    /** Counts what will never be served. */
    void countLeftover() throws IOException {
        if (current != null && !consumed) {
            stats.skipped(name, 1);
            current = null;
            consumed = true;
        }
    }

    @Override
    public void close() throws IOException {
        feed.close();
    }
}

package io.omvcap.replay;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.Topics;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The recording's {@link Cue}s in time order, read lazily from {@code /device}, {@code /events}
 * and {@code /session}, with look-ahead. stdout and stream NOTIFY events are left out: the
 * replayed firmware channels send their own. A recorded disconnect is a hang-up, once per
 * connection, unless it was the host program closing its end of the link (side {@code host} in tap
 * and replay sessions): the cam carried on then, and the replayed host closes its link itself.
 */
final class CueFeed implements Closeable {
    private final TopicCursor cursor;
    private final Recording recording;
    private final ArrayDeque<Cue> ahead = new ArrayDeque<>();
    private boolean ended;
    private long damaged;
    /** Whether a link is up in the recording: a hang-up is replayed once per connection. */
    private boolean connected;

    CueFeed(Recording recording) {
        this.recording = recording;
        this.cursor = new TopicCursor(recording, Set.of(Topics.DEVICE, Topics.EVENTS, Topics.SESSION));
    }

    /** The next cue without taking it, or null at the end. */
    Cue peek() throws IOException {
        return fill(1) ? ahead.peekFirst() : null;
    }

    /** Takes the next cue, or null at the end. */
    Cue next() throws IOException {
        return fill(1) ? ahead.pollFirst() : null;
    }

    /**
     * The first cue matching {@code wanted} among those up to {@code horizon} ns after the next
     * one, reading ahead as needed; null when none.
     */
    Cue find(Predicate<Cue> wanted, long horizon) throws IOException {
        if (!fill(1)) {
            return null;
        }
        long limit = ahead.peekFirst().time() + horizon;
        int checked = 0;
        while (true) {
            Iterator<Cue> it = ahead.iterator();
            for (int i = 0; it.hasNext(); i++) {
                Cue c = it.next();
                if (i < checked) {
                    continue;
                }
                if (c.time() > limit) {
                    return null;
                }
                if (wanted.test(c)) {
                    return c;
                }
            }
            checked = ahead.size();
            if (!fill(checked + 1)) {
                return null;
            }
        }
    }

    /** Cues ahead of the next one, for look-ahead without taking them. */
    Iterable<Cue> buffered() {
        return ahead;
    }

    /** Records that could not be decoded and were skipped. */
    long damaged() {
        return damaged;
    }

    private boolean fill(int n) throws IOException {
        while (ahead.size() < n && !ended) {
            if (!cursor.next()) {
                ended = true;
                break;
            }
            if (cursor.partChanged() && recording.startsSession(cursor.pass(), cursor.part())) {
                ahead.add(new Cue.SessionStart(recording.part(cursor.part()).start()
                        + recording.shift(cursor.pass(), cursor.part()), cursor.part(), cursor.pass()));
            }
            Cue c = decode(cursor.message(), cursor.time());
            if (c != null) {
                ahead.add(c);
            }
        }
        return ahead.size() >= n;
    }

    private Cue decode(ArchivedMessage m, long t) {
        try {
            switch (m.topic()) {
                case Topics.DEVICE:
                    connected = true;
                    return new Cue.Device(t, DeviceFacts.fromMap(m.decodeMap()));
                case Topics.SESSION:
                    LifecycleEvent e = LifecycleEvent.fromMap(m.decodeMap());
                    LifecycleKind kind = e.kind();
                    if (kind == LifecycleKind.CONNECT) {
                        connected = true;
                    } else if (kind == LifecycleKind.DISCONNECT && connected && !e.hostSide()) {
                        connected = false;
                        return new Cue.HangUp(t);
                    }
                    return null;
                case Topics.EVENTS:
                    return event(EventRecord.fromMap(m.decodeMap()), t);
                default:
                    return null;
            }
        } catch (ArchiveFormatException | ClassCastException | IllegalArgumentException e) {
            damaged++;
            return null;
        }
    }

    private static Cue event(EventRecord e, long t) {
        if (e.channelId() == 0) {
            SystemEvent s = SystemEvent.of(e.code());
            if (s == SystemEvent.CHANNEL_REGISTERED) {
                return new Cue.Registered(t);
            }
            return s == SystemEvent.SOFT_REBOOT ? new Cue.SoftReboot(t) : null;
        }
        if (e.channelId() == BuiltinChannel.STDIN.id()) {
            return e.code() == Event.SCRIPT_STARTED || e.code() == Event.SCRIPT_STOPPED
                    ? new Cue.Script(t, e.code() == Event.SCRIPT_STARTED) : null;
        }
        if (e.channelId() == BuiltinChannel.STDOUT.id() || e.channelId() == BuiltinChannel.STREAM.id()) {
            return null;
        }
        return new Cue.ChannelEvent(t, e.channelId(), e.channel(), e.code());
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}

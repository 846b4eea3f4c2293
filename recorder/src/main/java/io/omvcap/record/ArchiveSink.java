package io.omvcap.record;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionWriter;
import io.omvcap.host.CameraEvent;
import io.omvcap.host.Lifecycle;
import io.omvcap.host.SessionListener;
import io.omvcap.link.TapListener;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.InvalidPacket;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import java.io.IOException;
import java.util.Map;

/**
 * Forwards what the camera client sees (raw bytes, packets, reads, writes, events, lifecycle) to
 * the current archive segment and counts it. The segment can be swapped between operations
 * (rotation) without losing anything. A write failure (disk full) is kept, not thrown into the
 * camera client; the recorder checks {@link #failure()} after every operation.
 */
final class ArchiveSink implements TapListener, SessionListener {
    private final RecorderStats stats;
    private volatile SessionWriter writer;
    private volatile IOException failure;
    /** When the cam's last valid packet arrived ({@link System#nanoTime()}), 0 before the first. */
    private volatile long lastHeard;

    ArchiveSink(RecorderStats stats) {
        this.stats = stats;
    }

    void use(SessionWriter w) {
        writer = w;
    }

    SessionWriter writer() {
        return writer;
    }

    IOException failure() {
        return failure;
    }

    /** When the cam's last valid packet arrived ({@link System#nanoTime()}), 0 if none has. */
    long lastHeard() {
        return lastHeard;
    }

    @Override
    public void onBytes(Direction direction, byte[] buf, int off, int len, long nanoTime) {
        (direction == Direction.CAM_TO_HOST ? stats.bytesIn : stats.bytesOut).add(len);
        write(w -> w.wire(direction, nanoTime, buf, off, len));
    }

    @Override
    public void onPacket(Direction direction, WireEvent event, long nanoTime) {
        PacketRecord p = PacketRecord.of(direction, event, null);
        if (p == null) {
            return;
        }
        stats.packets.increment();
        if (event instanceof InvalidPacket) {
            stats.invalid.increment();
        } else if (event instanceof ValidPacket v && direction == Direction.CAM_TO_HOST) {
            lastHeard = nanoTime;
            if (v.packet().has(Flag.NAK)) {
                stats.naks.increment();
            }
            if (v.packet().has(Flag.RTX)) {
                stats.retransmits.increment();
            }
        }
        write(w -> w.packet(nanoTime, p));
    }

    @Override
    public void onRead(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        stats.reads.increment();
        if (channelId == BuiltinChannel.STREAM.id()) {
            stats.frames.increment();
        }
        stats.channelMessage(channelName);
        write(w -> w.read(nanoTime, new ChannelData(channelId, channelName, offset, data)));
    }

    @Override
    public void onWrite(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        stats.writes.increment();
        write(w -> w.write(nanoTime, new ChannelData(channelId, channelName, offset, data)));
    }

    @Override
    public void onEvent(CameraEvent event) {
        stats.events.increment();
        write(w -> w.event(event.nanoTime(), EventRecord.of(event.event(), event.channelName())));
    }

    @Override
    public void onLifecycle(Lifecycle kind, String detail, long nanoTime) {
        LifecycleKind k = switch (kind) {
            case CONNECTED -> LifecycleKind.CONNECT;
            case RESYNC -> "connect".equals(detail) ? null : LifecycleKind.RESYNC;
            case SOFT_REBOOT -> LifecycleKind.SOFT_REBOOT;
            case RETRY -> LifecycleKind.ERROR;
            // a lost link is recorded by the recorder, once per loss, at the time its gap starts
            default -> null;
        };
        if (k != null) {
            lifecycle(nanoTime, LifecycleEvent.of(k, detail));
        }
    }

    /** Writes a lifecycle event of the recorder itself. */
    void lifecycle(long nanoTime, LifecycleEvent event) {
        if (event.kind() == LifecycleKind.ERROR) {
            stats.errors.increment();
        }
        write(w -> w.lifecycle(nanoTime, event));
    }

    /** Writes the heartbeat. */
    void heartbeat(long nanoTime, Map<String, Object> counters) {
        write(w -> w.stats(nanoTime, counters));
    }

    private interface WriterAction {
        void run(SessionWriter w) throws IOException;
    }

    private void write(WriterAction action) {
        SessionWriter w = writer;
        if (w == null || failure != null) {
            return;
        }
        try {
            action.run(w);
            stats.fileBytes.set(w.position());
        } catch (IOException e) {
            failure = e;
        }
    }
}

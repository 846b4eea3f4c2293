package io.omvcap.record;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.host.CameraEvent;
import io.omvcap.host.Lifecycle;
import io.omvcap.host.SessionListener;
import io.omvcap.link.TapListener;
import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidPacket;
import io.omvcap.wire.Noise;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import java.io.IOException;

/**
 * Forwards what the camera client sees (raw bytes, packets, reads, writes, events, lifecycle) to
 * the recording's {@link SegmentedArchive}, which counts it and writes it to the current segment:
 * a host-mode recording of whatever a {@link io.omvcap.host.Camera} does. Add it to a camera as
 * both tap and session listener. A write failure (disk full) is kept there, not thrown into the
 * camera client; the recorder checks {@link #failure()} after every operation.
 */
public final class ArchiveSink implements TapListener, SessionListener {
    private final SegmentedArchive archive;
    /** When the cam's last valid packet arrived ({@link System#nanoTime()}), 0 before the first. */
    private volatile long lastHeard;

    /** A sink writing to {@code archive}. */
    public ArchiveSink(SegmentedArchive archive) {
        this.archive = archive;
    }

    IOException failure() {
        return archive.failure();
    }

    /** When the cam's last valid packet arrived ({@link System#nanoTime()}), 0 if none has. */
    long lastHeard() {
        return lastHeard;
    }

    @Override
    public void onBytes(Direction direction, byte[] buf, int off, int len, long nanoTime) {
        archive.wire(direction, nanoTime, buf, off, len);
    }

    /** Counts packets for the live stats; the archive derives them from the wire bytes itself. */
    @Override
    public void onPacket(Direction direction, WireEvent event, long nanoTime) {
        if (event instanceof Noise) {
            return;
        }
        if (event instanceof ValidPacket && direction == Direction.CAM_TO_HOST) {
            lastHeard = nanoTime;
        }
        archive.packet(direction, !(event instanceof InvalidPacket),
                event instanceof ValidPacket v ? v.packet().flags() : 0);
    }

    @Override
    public void onFraming(boolean crc, int maxPayload, long nanoTime) {
        archive.framing(crc, maxPayload);
    }

    @Override
    public void onRead(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        archive.read(nanoTime, new ChannelData(channelId, channelName, offset, data));
    }

    @Override
    public void onWrite(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        archive.write(nanoTime, new ChannelData(channelId, channelName, offset, data));
    }

    @Override
    public void onEvent(CameraEvent event) {
        archive.event(event.nanoTime(), EventRecord.of(event.event(), event.channelName()));
    }

    @Override
    public void onLifecycle(Lifecycle kind, String detail, long nanoTime) {
        if (kind == Lifecycle.CONNECTING) {
            archive.connection(); // a new link: its byte streams start afresh
        }
        LifecycleKind k = switch (kind) {
            case CONNECTED -> LifecycleKind.CONNECT;
            case RESYNC -> "connect".equals(detail) ? null : LifecycleKind.RESYNC;
            case SOFT_REBOOT -> LifecycleKind.SOFT_REBOOT;
            // DISCONNECTED: a lost link is recorded by the recorder, once per loss, at the time its gap starts
            case RETRY -> LifecycleKind.ERROR;
            default -> null;
        };
        if (k != null) {
            lifecycle(nanoTime, LifecycleEvent.of(k, detail));
        }
    }

    /** Writes a lifecycle event of the recorder itself. */
    void lifecycle(long nanoTime, LifecycleEvent event) {
        archive.lifecycle(nanoTime, event);
    }
}

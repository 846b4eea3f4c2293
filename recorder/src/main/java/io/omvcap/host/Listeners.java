package io.omvcap.host;

import io.omvcap.link.TapListener;
import io.omvcap.wire.Direction;
import io.omvcap.wire.WireEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of one camera and their fan-out; safe to add to from any thread. */
final class Listeners implements TapListener {
    final List<TapListener> taps = new CopyOnWriteArrayList<>();
    final List<CameraListener> cameras = new CopyOnWriteArrayList<>();
    final List<SessionListener> sessions = new CopyOnWriteArrayList<>();

    @Override
    public void onBytes(Direction direction, byte[] buf, int off, int len, long nanoTime) {
        for (TapListener t : taps) {
            t.onBytes(direction, buf, off, len, nanoTime);
        }
    }

    void packet(Direction direction, WireEvent event, long nanoTime) {
        for (SessionListener s : sessions) {
            s.onPacket(direction, event, nanoTime);
        }
    }

    void read(int channelId, String name, long offset, byte[] data) {
        long now = System.nanoTime();
        for (SessionListener s : sessions) {
            s.onRead(channelId, name, offset, data, now);
        }
    }

    void write(int channelId, String name, long offset, byte[] data) {
        long now = System.nanoTime();
        for (SessionListener s : sessions) {
            s.onWrite(channelId, name, offset, data, now);
        }
    }

    void event(CameraEvent event) {
        for (SessionListener s : sessions) {
            s.onEvent(event);
        }
        for (CameraListener c : cameras) {
            c.onEvent(event);
        }
    }

    void framing(boolean crc, int maxPayload) {
        long now = System.nanoTime();
        for (SessionListener s : sessions) {
            s.onFraming(crc, maxPayload, now);
        }
    }

    void lifecycle(Lifecycle kind, String detail) {
        long now = System.nanoTime();
        for (SessionListener s : sessions) {
            s.onLifecycle(kind, detail, now);
        }
    }
}

package io.omvcap.host;

import io.omvcap.link.TapListener;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records everything a camera reports: tapped bytes, packets, reads, writes, events, lifecycle. */
final class Recording implements TapListener, SessionListener {
    final ByteArrayOutputStream h2c = new ByteArrayOutputStream();
    final ByteArrayOutputStream c2h = new ByteArrayOutputStream();
    final List<Packet> sent = Collections.synchronizedList(new ArrayList<>());
    final List<WireEvent> inbound = Collections.synchronizedList(new ArrayList<>());
    final List<String> reads = Collections.synchronizedList(new ArrayList<>());
    final List<byte[]> readData = Collections.synchronizedList(new ArrayList<>());
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final List<CameraEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<CameraEvent> sessionEvents = Collections.synchronizedList(new ArrayList<>());
    final List<String> lifecycle = Collections.synchronizedList(new ArrayList<>());

    /** Attaches this recording to every listener hook of {@code camera}; camera-listener events go to {@link #events}. */
    Camera attach(Camera camera) {
        camera.addTap(this);
        camera.addSessionListener(this);
        camera.addListener(events::add);
        return camera;
    }

    @Override
    public void onBytes(Direction direction, byte[] buf, int off, int len, long nanoTime) {
        (direction == Direction.HOST_TO_CAM ? h2c : c2h).write(buf, off, len);
    }

    @Override
    public void onPacket(Direction direction, WireEvent event, long nanoTime) {
        if (direction == Direction.HOST_TO_CAM) {
            sent.add(((ValidPacket) event).packet());
        } else {
            inbound.add(event);
        }
    }

    @Override
    public void onRead(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        reads.add(channelId + ":" + channelName + "@" + offset + "+" + data.length);
        readData.add(data.clone());
    }

    @Override
    public void onWrite(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        writes.add(channelId + ":" + channelName + "@" + offset + "+" + data.length);
    }

    @Override
    public void onEvent(CameraEvent event) {
        sessionEvents.add(event);
    }

    @Override
    public void onLifecycle(Lifecycle kind, String detail, long nanoTime) {
        lifecycle.add(kind + ": " + detail);
    }

    /** Host requests (not ACKs) with {@code opcode}. */
    List<Packet> requests(Opcode opcode) {
        synchronized (sent) {
            return sent.stream().filter(p -> p.flags() == 0 && p.opcode() == opcode.code()).toList();
        }
    }

    /** Host ACK packets. */
    List<Packet> acks() {
        synchronized (sent) {
            return sent.stream().filter(p -> p.flags() == 1).toList();
        }
    }

    /** Lifecycle entries of {@code kind}. */
    List<String> lifecycle(Lifecycle kind) {
        synchronized (lifecycle) {
            return lifecycle.stream().filter(s -> s.startsWith(kind + ":")).toList();
        }
    }
}

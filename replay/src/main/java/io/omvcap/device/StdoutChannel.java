package io.omvcap.device;

import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Event;
import java.nio.charset.StandardCharsets;

/**
 * Channel 2, {@code stdout}: the script's print output in a ring buffer that survives soft
 * reboots. Text printed while no host is attached goes to the board's own console instead (here:
 * dropped). A full ring is restarted when the new text fits, as the firmware does. While text is
 * unread it sends a NOTIFY every 50 ms (timer restarted by every protocol init), plus one when it becomes more than half full. A read
 * consumes what it returns; the offset is ignored.
 */
public final class StdoutChannel implements ChannelBackend, CamTask {
    /** Period of the unread-text notification. */
    public static final int NOTIFY_PERIOD_MS = 50;

    private final ProtocolEngine engine;
    private final byte[] ring;
    private int head;
    private int tail;
    private long nextNotify;

    StdoutChannel(ProtocolEngine engine, int size) {
        this.engine = engine;
        this.ring = new byte[size];
    }

    /** Prints {@code text} (UTF-8). */
    public void print(String text) {
        print(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Prints raw bytes. */
    public void print(byte[] data) {
        if (!engine.isTransportActive()) {
            return;
        }
        boolean wasOverHalf = available() > ring.length / 2;
        for (byte b : data) {
            if (!put(b) && data.length <= ring.length) {
                head = 0;
                tail = 0;
                put(b);
            }
        }
        if (!wasOverHalf && available() > ring.length / 2) {
            engine.sendEvent(BuiltinChannel.STDOUT.id(), Event.NOTIFY, false);
        }
    }

    /** Restarts the notification timer (protocol init); the first check is one period from now. */
    void restartTimer(long now) {
        nextNotify = now + NOTIFY_PERIOD_MS;
    }

    /** Empties the ring (power-up). */
    public void clear() {
        head = 0;
        tail = 0;
    }

    /** Unread bytes. */
    public int available() {
        return (tail - head + ring.length) % ring.length;
    }

    @Override
    public void run(long now) {
        if (now < nextNotify) {
            return;
        }
        nextNotify += NOTIFY_PERIOD_MS;
        if (nextNotify <= now) {
            nextNotify = now + NOTIFY_PERIOD_MS;
        }
        if (available() > 0) {
            engine.sendEvent(BuiltinChannel.STDOUT.id(), Event.NOTIFY, false);
        }
    }

    @Override
    public boolean poll() {
        return available() > 0;
    }

    @Override
    public long size() {
        return available();
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int length) {
        int n = Math.min(length, available());
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = ring[head];
            head = (head + 1) % ring.length;
        }
        return n;
    }

    private boolean put(byte b) {
        int next = (tail + 1) % ring.length;
        if (next == head) {
            return false;
        }
        ring[tail] = b;
        tail = next;
        return true;
    }
}

package io.omvcap.replay;

import io.omvcap.archive.PacketView;
import io.omvcap.archive.Topics;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * The host requests of a recording, folded by {@link RequestCanon}, read lazily from its packets.
 * Each request is paired with the cam's answer (the next cam packet with its opcode that ends an
 * answer, before the host's next request) so that refused locks, framing NAKs and retries of
 * failed requests can be folded as well.
 */
public final class RecordedRequests implements Closeable {
    private final TopicCursor packets;
    private final RequestCanon canon = new RequestCanon();
    private final ArrayDeque<HostRequest> ready = new ArrayDeque<>();
    private final long origin;
    private HostRequest pending;
    private int pendingNak = -1;
    private boolean pendingAnswered;
    private long number;
    private long raw;
    private boolean ended;

    RecordedRequests(Recording recording) {
        this.packets = new TopicCursor(recording, Set.of(Topics.PACKETS));
        this.origin = recording.startTime();
    }

    /** The host requests of the archives {@code files} (served in order, as a replay would). */
    public static RecordedRequests open(java.util.List<java.nio.file.Path> files) throws IOException {
        return new RecordedRequests(Recording.open(files, false, 0, -1L));
    }

    /** The next compared request without taking it, or null at the end. */
    public HostRequest peek() throws IOException {
        fill(1);
        return ready.peekFirst();
    }

    /** Takes the next compared request, or null at the end. */
    public HostRequest next() throws IOException {
        fill(1);
        return ready.pollFirst();
    }

    /** The {@code i}-th request ahead (0 = next), reading ahead as needed; null past the end. */
    public HostRequest ahead(int i) throws IOException {
        fill(i + 1);
        if (i >= ready.size()) {
            return null;
        }
        int j = 0;
        for (HostRequest r : ready) {
            if (j++ == i) {
                return r;
            }
        }
        return null;
    }

    /** Requests seen in the recording so far, folded or not. */
    public long rawCount() {
        return raw;
    }

    private void fill(int n) throws IOException {
        while (ready.size() < n && !ended) {
            if (!packets.next()) {
                ended = true;
                finishPending();
                break;
            }
            PacketView p = packets.packet();
            if (!p.valid()) {
                continue;
            }
            if (p.dir() == Direction.HOST_TO_CAM) {
                if (p.has(Flag.ACK) || p.has(Flag.NAK) || p.has(Flag.EVENT)) {
                    continue;
                }
                finishPending();
                raw++;
                pending = new HostRequest(++number, packets.time() - origin, p.opcode(), p.channel(), p.payload());
            } else if (pending != null && !pendingAnswered && !p.has(Flag.EVENT) && p.opcode() == pending.opcode()
                    && (p.has(Flag.NAK) || !p.has(Flag.FRAGMENT))) {
                pendingAnswered = true; // the answer's last packet (or a NAK)
                pendingNak = p.has(Flag.NAK) ? p.nakStatus() : -1;
            }
        }
    }

    private void finishPending() {
        if (pending != null) {
            HostRequest p = new HostRequest(pending.number(), pending.time(), pending.opcode(), pending.channel(),
                    pending.payload(), pendingNak);
            HostRequest kept = canon.accept(p, pendingNak, pendingAnswered);
            if (kept != null) {
                ready.add(kept);
            }
        }
        pending = null;
        pendingNak = -1;
        pendingAnswered = false;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        packets.close();
    }
}

package io.omvcap.wire;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Joins FRAGMENT sequences into one logical response. Fragments are keyed by channel and opcode;
 * a packet without FRAGMENT ends its sequence. Events and other packets pass through unchanged,
 * and retransmitted copies ({@code RTX}) of the last fragment are dropped. The joined size is
 * bounded so a peer that never ends a sequence cannot exhaust memory.
 *
 * <p>Not thread-safe.
 */
public final class FragmentAssembler {
    /** Default bound on one reassembled response: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE = 64 << 20;

    private final int maxMessage;
    private final Map<Integer, Pending> pending = new HashMap<>();

    /** An assembler with {@link #DEFAULT_MAX_MESSAGE}. */
    public FragmentAssembler() {
        this(DEFAULT_MAX_MESSAGE);
    }

    /** An assembler that rejects joined responses larger than {@code maxMessage} bytes. */
    public FragmentAssembler(int maxMessage) {
        if (maxMessage <= 0) {
            throw new IllegalArgumentException("max message must be positive");
        }
        this.maxMessage = maxMessage;
    }

    /**
     * Accepts the next packet. Returns the completed logical packet (the last fragment's header
     * with FRAGMENT cleared and the joined payload, the sequence of the first fragment), the packet
     * itself when it is not part of a fragment sequence, or {@code null} while a sequence is still
     * open or for a dropped duplicate.
     *
     * @throws WireFormatException when the joined payload would exceed the bound; the sequence is discarded
     */
    public Packet accept(Packet packet) {
        if (packet.isEvent()) {
            return packet;
        }
        int key = packet.channel() << 8 | packet.opcode();
        Pending open = pending.get(key);
        if (open != null && packet.has(Flag.RTX) && packet.sequence() == open.lastSequence) {
            return null;
        }
        if (!packet.has(Flag.FRAGMENT)) {
            if (open == null) {
                return packet;
            }
            pending.remove(key);
            append(key, open, packet);
            return new Packet(open.firstSequence, packet.channel(), packet.flags() & ~Flag.FRAGMENT.mask(),
                    packet.opcode(), open.data.toByteArray());
        }
        if (open == null) {
            open = new Pending(packet.sequence());
            pending.put(key, open);
        }
        append(key, open, packet);
        return null;
    }

    /** Whether any fragment sequence is open. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Bytes held in open sequences. */
    public int pendingBytes() {
        int n = 0;
        for (Pending p : pending.values()) {
            n += p.data.size();
        }
        return n;
    }

    /** Drops every open sequence (after a resync or reconnect). */
    public void reset() {
        pending.clear();
    }

    private void append(int key, Pending open, Packet packet) {
        if (open.data.size() > maxMessage - packet.length()) {
            pending.remove(key);
            throw new WireFormatException("reassembled response on channel " + packet.channel() + " exceeds "
                    + maxMessage + " bytes");
        }
        open.data.write(packet.payload(), 0, packet.length());
        open.lastSequence = packet.sequence();
    }

    private static final class Pending {
        final int firstSequence;
        int lastSequence;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Pending(int firstSequence) {
            this.firstSequence = firstSequence;
            this.lastSequence = firstSequence;
        }
    }
}

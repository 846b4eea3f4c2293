package io.omvcap.archive;

import io.omvcap.mcap.Channel;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.mcap.Schema;
import io.omvcap.wire.Direction;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * A pass over a session: transport chunks, packets and stored messages merged in log-time order
 * (in file order for a file read without its summary). Pull-style: {@link #next()} says what
 * comes next and {@link #wire()}, {@link #packet()} or {@link #message()} holds it. Chunks and
 * packets are borrowed views, reused by the next call; copy what you keep. Packets are stored on
 * {@code /packets} in layout-1 archives and derived from the {@code /wire} batches in layout 2;
 * consumers see no difference. Obtain one from {@link SessionReader#cursor}.
 *
 * <p>A stored message on a derived topic that cannot be decoded (a damaged wire batch or packet
 * record) is handed out as a {@link Kind#MESSAGE}, so consumers report it instead of losing it.
 */
public final class SessionCursor implements Closeable {
    /** What {@link #next()} found. */
    public enum Kind {
        /** A transport read or write: {@link #wire()}. */
        WIRE,
        /** A framed packet, valid or not: {@link #packet()}. */
        PACKET,
        /** A stored message of any other topic: {@link #message()}. */
        MESSAGE
    }

    /** Where stored messages come from. */
    interface Source extends Closeable {
        /** The next stored message, or null at the end. */
        Message next() throws IOException;
    }

    private final Source source;
    private final Map<Integer, Channel> channels;
    private final Map<Integer, Schema> schemas;
    private final MessageFilter filter;
    private final boolean[] wantWire = new boolean[2];
    private final boolean wantPackets;
    private final WireExpander[] expanders;
    private final WireChunk wire = new WireChunk();
    private final PacketView packet = new PacketView();
    private final long[] layout1Offsets = new long[2];
    private Message peeked;
    /** Direction index when {@link #peeked} is a layout-2 wire batch, else -1. */
    private int peekedBatch = -1;
    private boolean sourceDone;
    /** Damage met while reading ahead, thrown once everything before it has been handed out. */
    private IOException damage;
    private ArchivedMessage message;
    private long storedMessages;

    SessionCursor(Source source, Map<Integer, Channel> channels, Map<Integer, Schema> schemas, MessageFilter filter) {
        this.source = source;
        this.channels = channels;
        this.schemas = schemas;
        this.filter = filter;
        for (Direction d : Direction.values()) {
            wantWire[d.ordinal()] = wants(filter, Topics.wire(d));
        }
        wantPackets = wants(filter, Topics.PACKETS);
        expanders = new WireExpander[] {new WireExpander(Direction.HOST_TO_CAM, wantPackets),
                new WireExpander(Direction.CAM_TO_HOST, wantPackets)};
    }

    /** Whether a logical topic passes {@code filter}'s topic set. */
    static boolean wants(MessageFilter filter, String topic) {
        return filter.topics() == null || filter.topics().contains(topic);
    }

    /** The transport chunk found by the last {@link #next()}. */
    public WireChunk wire() {
        return wire;
    }

    /** The packet found by the last {@link #next()}. */
    public PacketView packet() {
        return packet;
    }

    /** The stored message found by the last {@link #next()}. */
    public ArchivedMessage message() {
        return message;
    }

    /** Stored MCAP messages read so far. */
    public long storedMessages() {
        return storedMessages;
    }

    /**
     * Moves to the next item, or returns {@code null} at the end.
     *
     * @throws io.omvcap.mcap.McapFormatException when the file is damaged; everything before the
     *                                            damage has been handed out
     */
    public Kind next() throws IOException {
        while (true) {
            if (peeked == null && !sourceDone) {
                peek();
            }
            WireExpander e = earliestExpander();
            if (e != null) {
                Direction d = e == expanders[0] ? Direction.HOST_TO_CAM : Direction.CAM_TO_HOST;
                if (e.advance(wire, packet)) {
                    if (wantWire[d.ordinal()] && filter.includesTime(wire.logTime())) {
                        return Kind.WIRE;
                    }
                } else if (filter.includesTime(packet.logTime())) {
                    return Kind.PACKET;
                }
                continue;
            }
            if (peeked == null) {
                if (damage != null) {
                    IOException found = damage;
                    damage = null;
                    throw found;
                }
                return null;
            }
            Message m = peeked;
            peeked = null;
            Kind k = dispatch(m);
            if (k != null) {
                return k;
            }
        }
    }

    /** The expander whose next item comes before the peeked stored message, if any. */
    private WireExpander earliestExpander() {
        long stored = peeked == null ? Long.MAX_VALUE : peeked.logTime();
        int batchDir = peeked == null ? -1 : peekedBatch;
        WireExpander best = null;
        long bestTime = Long.MAX_VALUE;
        for (int d = 0; d < 2; d++) {
            WireExpander e = expanders[d];
            if (!e.hasItems()) {
                continue;
            }
            long t = e.nextTime();
            // a direction's next batch must wait until the current one is used up, whatever its time
            if ((t <= stored || d == batchDir) && (best == null || t < bestTime)) {
                best = e;
                bestTime = t;
            }
        }
        return best;
    }

    private void peek() {
        while (true) {
            Message m;
            try {
                m = source.next();
            } catch (IOException e) {
                sourceDone = true;
                damage = e;
                return;
            }
            if (m == null) {
                sourceDone = true;
                return;
            }
            storedMessages++;
            Channel ch = channels.get(m.channelId());
            if (ch == null) {
                continue;
            }
            if (isWireBatch(ch)) {
                int d = Topics.directionOf(ch.topic()).ordinal();
                if (wantWire[d] || wantPackets) {
                    peeked = m;
                    peekedBatch = d;
                    return;
                }
                continue;
            }
            peekedBatch = -1;
            if (filter.includes(ch) || Topics.PACKETS.equals(ch.topic()) && wantPackets
                    || isLayout1Wire(ch) && wantWire[Topics.directionOf(ch.topic()).ordinal()]) {
                peeked = m;
                return;
            }
        }
    }

    private Kind dispatch(Message m) {
        Channel ch = channels.get(m.channelId());
        String topic = ch.topic();
        if (isWireBatch(ch)) {
            try {
                expanders[Topics.directionOf(topic).ordinal()].load(m.data(), m.logTime());
                return null;
            } catch (ArchiveFormatException e) {
                return stored(ch, m);
            }
        }
        if (isLayout1Wire(ch)) {
            Direction d = Topics.directionOf(topic);
            long offset = layout1Offsets[d.ordinal()];
            layout1Offsets[d.ordinal()] += m.data().length;
            wire.set(d, m.logTime(), 0, offset, m.data(), 0, m.data().length);
            return wantWire[d.ordinal()] && filter.includesTime(m.logTime()) ? Kind.WIRE : null;
        }
        if (Topics.PACKETS.equals(topic) && Topics.ENCODING_CBOR.equals(ch.messageEncoding())) {
            try {
                packet.set(PacketRecord.fromMap(ArchiveCodec.decode(ch.messageEncoding(), m.data())), m.logTime());
            } catch (RuntimeException e) {
                return stored(ch, m);
            }
            return wantPackets && filter.includesTime(m.logTime()) ? Kind.PACKET : null;
        }
        return filter.includesTime(m.logTime()) ? stored(ch, m) : null;
    }

    private Kind stored(Channel ch, Message m) {
        Schema s = schemas.get(ch.schemaId());
        message = new ArchivedMessage(ch.topic(), ch.messageEncoding(), s == null ? "" : s.name(), m.logTime(),
                m.sequence(), m.data());
        return Kind.MESSAGE;
    }

    private static boolean isWireBatch(Channel ch) {
        return Topics.isWire(ch.topic()) && Topics.ENCODING_CBOR.equals(ch.messageEncoding());
    }

    private static boolean isLayout1Wire(Channel ch) {
        return Topics.isWire(ch.topic()) && !Topics.ENCODING_CBOR.equals(ch.messageEncoding());
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}

package io.omvcap.testing;

import io.omvcap.link.ByteLink;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.IoctlRequest;
import io.omvcap.payload.Nak;
import io.omvcap.payload.PollMask;
import io.omvcap.payload.ProtocolStats;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.U32;
import io.omvcap.payload.WriteRequest;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.Status;
import io.omvcap.wire.ValidPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal blocking host written with the wire codec, for end-to-end tests: SDK-style sequence
 * numbers (advance per non-event packet received), ACKs every ACK_REQ packet, re-ACKs and drops
 * retransmitted duplicates, collects events, reassembles fragments.
 */
public final class WireHost implements AutoCloseable {
    /** Thrown for a NAK answer. */
    public static final class NakException extends IOException {
        private static final long serialVersionUID = 1L;
        public final int status;

        NakException(int status) {
            super("NAK " + Status.nameOf(status));
            this.status = status;
        }
    }

    private final ByteLink link;
    private final PacketDecoder decoder = new PacketDecoder();
    private final ArrayDeque<Packet> inbox = new ArrayDeque<>();
    private final List<Event> events = new ArrayList<>();
    private final byte[] buf = new byte[64 * 1024];
    private final int timeoutMs;
    private Caps caps = Caps.HOST_DEFAULT;
    private int sequence;

    /** A host on {@code link} waiting up to {@code timeoutMs} per answer. */
    public WireHost(ByteLink link, int timeoutMs) {
        this.link = link;
        this.timeoutMs = timeoutMs;
    }

    /** SYNC, GET_CAPS, SET_CAPS with max payload min(cam, {@code maxPayload}); returns the caps in force. */
    public Caps connect(int maxPayload) throws IOException {
        caps = Caps.HOST_DEFAULT;
        decoder.setCrcEnabled(true);
        sequence = 0;
        send(Packet.of(0, 0, 0, Opcode.PROTO_SYNC));
        expectAck(receive());
        sequence = 0;
        Caps cam = Caps.decode(request(Opcode.PROTO_GET_CAPS, 0, new byte[0]));
        Caps wanted = Caps.allOn(Math.min(cam.maxPayload(), maxPayload));
        request(Opcode.PROTO_SET_CAPS, 0, wanted.encode());
        caps = wanted;
        return caps;
    }

    /** Channel name → id. */
    public Map<String, Integer> channels() throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        for (ChannelEntry e : ChannelEntry.decodeList(request(Opcode.CHANNEL_LIST, 0, new byte[0]))) {
            out.put(e.name(), e.id());
        }
        return out;
    }

    public PollMask poll() throws IOException {
        return PollMask.decode(request(Opcode.CHANNEL_POLL, 0, new byte[0]));
    }

    public long size(int channel) throws IOException {
        return U32.decode(request(Opcode.CHANNEL_SIZE, channel, new byte[0]));
    }

    public byte[] read(int channel, long offset, long length) throws IOException {
        return request(Opcode.CHANNEL_READ, channel, new ReadRequest(offset, length).encode());
    }

    /** Writes in chunks of max payload − 8, like the SDK. */
    public void write(int channel, byte[] data) throws IOException {
        int chunk = caps.maxPayload() - WriteRequest.PREFIX_SIZE;
        for (int off = 0; off < data.length; off += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk));
            request(Opcode.CHANNEL_WRITE, channel, WriteRequest.of(off, part).encode());
        }
    }

    public void ioctl(int channel, long request, byte[] args) throws IOException {
        request(Opcode.CHANNEL_IOCTL, channel, new IoctlRequest(request, args).encode());
    }

    public void lock(int channel) throws IOException {
        request(Opcode.CHANNEL_LOCK, channel, new byte[0]);
    }

    public void unlock(int channel) throws IOException {
        request(Opcode.CHANNEL_UNLOCK, channel, new byte[0]);
    }

    public ProtocolStats stats() throws IOException {
        return ProtocolStats.decode(request(Opcode.PROTO_STATS, 0, new byte[0]));
    }

    /** Events seen so far (and clears the list). */
    public List<Event> takeEvents() {
        List<Event> e = new ArrayList<>(events);
        events.clear();
        return e;
    }

    /** Sends a request and returns the (reassembled) answer payload; empty for a bare ACK. */
    public byte[] request(Opcode op, int channel, byte[] payload) throws IOException {
        send(Packet.of(sequence, channel, 0, op, payload));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            Packet p = receive();
            if (p.has(Flag.NAK)) {
                throw new NakException(Nak.decode(p.payload()));
            }
            data.writeBytes(p.payload());
            if (!p.has(Flag.FRAGMENT)) {
                return data.toByteArray();
            }
        }
    }

    /** The next non-event packet addressed to us (ACKing as needed). */
    private Packet receive() throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            while (!inbox.isEmpty()) {
                Packet p = inbox.poll();
                if (p.has(Flag.RTX) && p.sequence() != sequence) {
                    if (p.has(Flag.ACK_REQ)) {
                        send(p.ackFor());
                    }
                    continue;
                }
                if (p.has(Flag.ACK_REQ)) {
                    send(p.ackFor());
                }
                if (p.isEvent()) {
                    events.add(Event.decode(p));
                    continue;
                }
                if (p.sequence() != sequence && p.opcode() != Opcode.PROTO_SYNC.code()) {
                    continue;
                }
                sequence = (sequence + 1) & 0xFF;
                return p;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new IOException("no answer within " + timeoutMs + " ms");
            }
            int n = link.read(buf, 0, buf.length, (int) Math.min(left, 50));
            if (n < 0) {
                throw new IOException("link ended");
            }
            decoder.feed(buf, 0, n, e -> {
                if (e instanceof ValidPacket v) {
                    inbox.add(v.packet());
                }
            });
        }
    }

    private void send(Packet p) throws IOException {
        link.write(PacketEncoder.encode(p, caps.crc()));
    }

    private static void expectAck(Packet p) throws IOException {
        if (!p.has(Flag.ACK)) {
            throw new IOException("expected an ACK, got " + p);
        }
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}

package io.omvcap.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Caps;
import io.omvcap.payload.Nak;
import io.omvcap.wire.Crc16;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Drives a cam engine like a host would, without threads: a manual clock, a capture of every
 * packet the cam writes (one write = one packet), and helpers to send requests.
 */
public final class CamHarness {
    public final ManualClock clock = new ManualClock(1_000);
    public final List<Packet> out = new ArrayList<>();
    public final ProtocolEngine engine;
    private boolean hostCrc = true;

    /** A harness around whatever {@code factory} builds from a clock and an output. */
    public CamHarness(BiFunction<CamClock, CamOutput, ProtocolEngine> factory) {
        engine = factory.apply(clock, this::capture);
        engine.setTransportActive(true);
    }

    /** A plain firmware (built-in channels only) on the reference board. */
    public static CamHarness firmware() {
        return new CamHarness((c, o) -> new CamFirmware(BoardProfile.REFERENCE, c, o).engine());
    }

    private boolean capture(byte[] buf, int off, int len) {
        byte[] b = Arrays.copyOfRange(buf, off, off + len);
        int plen = WireFormat.u16(b, 6);
        assertEquals(WireFormat.packetSize(plen), len, "one write is one packet");
        int crc = WireFormat.u16(b, 8);
        assertTrue(crc == 0 || crc == Crc16.compute(b, 0, 8), "header CRC valid (or zero when CRCs are off)");
        out.add(new Packet(b[2] & 0xFF, b[3] & 0xFF, b[4] & 0xFF, b[5] & 0xFF,
                Arrays.copyOfRange(b, WireFormat.HEADER_SIZE, WireFormat.HEADER_SIZE + plen)));
        return true;
    }

    /** Whether the host computes CRCs for what it sends. */
    public void hostCrc(boolean on) {
        hostCrc = on;
    }

    /** Sends raw bytes, offering leftovers again (with 1 ms ticks) until all are taken. */
    public void raw(byte[] bytes) {
        int off = 0;
        int guard = 0;
        while (off < bytes.length) {
            off += engine.receive(bytes, off, bytes.length - off);
            if (off < bytes.length) {
                advance(1);
                assertTrue(++guard < 60_000, "the cam never took the input");
            }
        }
    }

    /** Sends a packet and returns what the cam sent in reaction (before any later tick). */
    public List<Packet> send(Packet p) {
        int from = out.size();
        raw(PacketEncoder.encode(p, hostCrc));
        return new ArrayList<>(out.subList(from, out.size()));
    }

    /** Sends a request with the cam's current sequence number. */
    public List<Packet> request(Opcode op, int channel, byte[] payload) {
        return send(Packet.of(engine.sequence(), channel, 0, op, payload));
    }

    /** Sends a request without payload. */
    public List<Packet> request(Opcode op, int channel) {
        return request(op, channel, new byte[0]);
    }

    /** ACKs {@code p} like the SDK does. */
    public List<Packet> ack(Packet p) {
        return send(p.ackFor());
    }

    /**
     * Sends a request and ACKs every ACK_REQ packet of the answer until the answer is complete.
     *
     * @return the answer's packets (fragments in order)
     */
    public List<Packet> call(Opcode op, int channel, byte[] payload) {
        List<Packet> got = new ArrayList<>();
        List<Packet> batch = request(op, channel, payload);
        while (true) {
            Packet last = null;
            for (Packet p : batch) {
                if (!p.isEvent()) {
                    got.add(p);
                    last = p;
                }
            }
            if (last == null || !last.has(Flag.ACK_REQ)) {
                return got;
            }
            batch = ack(last);
            if (!last.has(Flag.FRAGMENT)) {
                return got;
            }
        }
    }

    /** {@link #call} without payload. */
    public List<Packet> call(Opcode op, int channel) {
        return call(op, channel, new byte[0]);
    }

    /** SYNC, GET_CAPS, SET_CAPS with {@code caps}. */
    public void connect(Caps caps) {
        List<Packet> r = send(Packet.of(0, 0, 0, Opcode.PROTO_SYNC));
        assertEquals(Flag.ACK.mask(), r.get(0).flags());
        call(Opcode.PROTO_GET_CAPS, 0);
        List<Packet> set = call(Opcode.PROTO_SET_CAPS, 0, caps.encode());
        assertEquals(Flag.ACK.mask(), set.get(0).flags());
        hostCrc(caps.crc());
    }

    /** Moves time forward in 1 ms ticks. */
    public void advance(long ms) {
        for (long i = 0; i < ms; i++) {
            clock.advance(1);
            engine.tick();
        }
    }

    /** Packets sent since index {@code from}. */
    public List<Packet> since(int from) {
        return new ArrayList<>(out.subList(from, out.size()));
    }

    /** Asserts {@code p} is a NAK with {@code status}. */
    public static void assertNak(Status status, Packet p) {
        assertNak(status, p, "");
    }

    /** Asserts {@code p} is a NAK with {@code status}. */
    public static void assertNak(Status status, Packet p, String why) {
        assertEquals(Flag.NAK.mask(), p.flags(), why + " NAK flags: " + p);
        assertEquals(status.code(), Nak.decode(p.payload()), why + " status of " + p);
    }

    /** Asserts {@code p} is a bare ACK. */
    public static void assertAck(Packet p) {
        assertAck(p, "");
    }

    /** Asserts {@code p} is a bare ACK. */
    public static void assertAck(Packet p, String why) {
        assertEquals(Flag.ACK.mask(), p.flags(), why + " bare ACK: " + p);
        assertEquals(0, p.length(), why);
    }
}

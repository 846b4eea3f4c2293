package io.omvcap.archive;

import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidPacket;
import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.Packet;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One framed packet on {@code /packets}, valid or not.
 *
 * @param dir     direction
 * @param offset  byte offset in that direction's stream
 * @param seq     sequence (-1 when the header was incomplete)
 * @param channel channel id (-1 when unknown)
 * @param flags   flags (-1 when unknown)
 * @param opcode  opcode (-1 when unknown)
 * @param length  length field (-1 when unknown)
 * @param payload payload bytes (empty for invalid packets)
 * @param reason  null for valid packets, else why it was rejected
 * @param seqOk   whether the sequence number was the expected one; null when not checked
 * @param raw     the rejected bytes for invalid packets, else empty
 * @param consumed stream bytes the decoder consumed for this packet before rescanning
 */
public record PacketRecord(Direction dir, long offset, int seq, int channel, int flags, int opcode, int length,
        byte[] payload, InvalidReason reason, Boolean seqOk, byte[] raw, int consumed) {
    private static final byte[] EMPTY = new byte[0];

    /** Whether the packet was valid. */
    public boolean valid() {
        return reason == null;
    }

    /** The record of a decoder event; {@code null} for noise. */
    public static PacketRecord of(Direction dir, WireEvent event, Boolean seqOk) {
        if (event instanceof ValidPacket v) {
            Packet p = v.packet();
            return new PacketRecord(dir, v.offset(), p.sequence(), p.channel(), p.flags(), p.opcode(), p.length(),
                    p.payload(), null, seqOk, EMPTY, p.wireSize());
        }
        if (event instanceof InvalidPacket i) {
            return new PacketRecord(dir, i.offset(), i.sequence(), i.channel(), i.flags(), i.opcode(),
                    i.claimedLength(), EMPTY, i.reason(), null, i.raw(), i.consumed());
        }
        return null;
    }

    /** The packet, for valid records. */
    public Packet packet() {
        if (!valid()) {
            throw new IllegalStateException("invalid packet has no decoded form");
        }
        return new Packet(seq, channel, flags, opcode, payload);
    }

    /** The CBOR bytes written to the archive: the fields of {@link #toMap()}. */
    public byte[] toCbor() {
        CborWriter w = new CborWriter().map(valid() ? 11 : 13);
        w.put("dir", dir.shortName()).put("offset", offset).put("seq", seq).put("channel", channel)
                .put("flags", flags).put("opcode", opcode).put("length", length).put("payload", payload)
                .put("valid", valid()).put("reason", reason == null ? null : reason.name()).put("seq_ok", seqOk);
        if (!valid()) {
            w.put("raw", raw).put("consumed", consumed);
        }
        return w.toByteArray();
    }

    /** The CBOR map written to the archive. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.shortName());
        m.put("offset", offset);
        m.put("seq", seq);
        m.put("channel", channel);
        m.put("flags", flags);
        m.put("opcode", opcode);
        m.put("length", length);
        m.put("payload", payload);
        m.put("valid", valid());
        m.put("reason", reason == null ? null : reason.name());
        m.put("seq_ok", seqOk);
        if (!valid()) {
            m.put("raw", raw);
            m.put("consumed", consumed);
        }
        return m;
    }

    /** Reads a record back from its map. */
    public static PacketRecord fromMap(Map<String, Object> m) {
        Object reason = m.get("reason");
        Object seqOk = m.get("seq_ok");
        return new PacketRecord(Direction.parse(String.valueOf(m.get("dir"))), ArchiveCodec.asLong(m.get("offset")),
                ArchiveCodec.asInt(m.get("seq")), ArchiveCodec.asInt(m.get("channel")),
                ArchiveCodec.asInt(m.get("flags")), ArchiveCodec.asInt(m.get("opcode")),
                ArchiveCodec.asInt(m.get("length")), ArchiveCodec.asBytes(m.get("payload")),
                reason == null ? null : InvalidReason.valueOf(reason.toString()),
                seqOk instanceof Boolean b ? b : null, ArchiveCodec.asBytes(m.get("raw")),
                reason == null ? io.omvcap.wire.WireFormat.packetSize(ArchiveCodec.asBytes(m.get("payload")).length)
                        : ArchiveCodec.asInt(m.get("consumed")));
    }
}

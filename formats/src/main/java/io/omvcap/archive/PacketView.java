package io.omvcap.archive;

import io.omvcap.payload.Nak;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.Packet;
import io.omvcap.wire.WireFormat;
import java.util.Arrays;

/**
 * One framed packet of a session, valid or not, borrowed from the reader: the object and the
 * bytes it points at are reused for the next packet, so a consumer that keeps a packet calls
 * {@link #toRecord()} (or {@link #payload()}) to copy it. The same fields as {@link PacketRecord}.
 */
public final class PacketView {
    private static final byte[] EMPTY = new byte[0];

    private Direction dir;
    private int connection;
    private long logTime;
    private long offset;
    private int seq;
    private int channel;
    private int flags;
    private int opcode;
    private int length;
    private byte[] bytes = EMPTY;
    private int payloadOff;
    private int payloadLen;
    private int rawOff;
    private int rawLen;
    private InvalidReason reason;
    private Boolean seqOk;
    private int consumed;

    /** Points the view at a valid packet whose wire bytes are {@code buf[off, off + size)}. */
    void setValid(Direction d, long time, long streamOffset, byte[] buf, int off, int size) {
        dir = d;
        logTime = time;
        offset = streamOffset;
        seq = buf[off + 2] & 0xFF;
        channel = buf[off + 3] & 0xFF;
        flags = buf[off + 4] & 0xFF;
        opcode = buf[off + 5] & 0xFF;
        length = WireFormat.u16(buf, off + 6);
        bytes = buf;
        payloadOff = off + WireFormat.HEADER_SIZE;
        payloadLen = length;
        rawOff = off;
        rawLen = 0;
        reason = null;
        seqOk = null;
        consumed = size;
    }

    /** Points the view at a rejected packet whose examined bytes are {@code buf[off, off + rawLength)}. */
    void setInvalid(Direction d, long time, long streamOffset, InvalidReason why, byte[] buf, int off, int rawLength,
            int consumedBytes) {
        dir = d;
        logTime = time;
        offset = streamOffset;
        seq = rawLength > 2 ? buf[off + 2] & 0xFF : -1;
        channel = rawLength > 3 ? buf[off + 3] & 0xFF : -1;
        flags = rawLength > 4 ? buf[off + 4] & 0xFF : -1;
        opcode = rawLength > 5 ? buf[off + 5] & 0xFF : -1;
        length = rawLength >= 8 ? WireFormat.u16(buf, off + 6) : -1;
        bytes = buf;
        payloadOff = off;
        payloadLen = 0;
        rawOff = off;
        rawLen = rawLength;
        reason = why;
        seqOk = null;
        consumed = consumedBytes;
    }

    /** Sets the connection the packet belongs to (0 unless a view setter was followed by this). */
    void connection(int conn) {
        connection = conn;
    }

    /** Points the view at a stored record (archives of layout 1). */
    void set(PacketRecord r, long time) {
        connection = 0;
        dir = r.dir();
        logTime = time;
        offset = r.offset();
        seq = r.seq();
        channel = r.channel();
        flags = r.flags();
        opcode = r.opcode();
        length = r.length();
        reason = r.reason();
        seqOk = r.seqOk();
        consumed = r.consumed();
        if (r.valid()) {
            bytes = r.payload();
            payloadOff = 0;
            payloadLen = bytes.length;
            rawOff = 0;
            rawLen = 0;
        } else {
            bytes = r.raw();
            payloadOff = 0;
            payloadLen = 0;
            rawOff = 0;
            rawLen = bytes.length;
        }
    }

    /** Direction. */
    public Direction dir() {
        return dir;
    }

    /** Connection number within the session (0 for the first link; layout-1 archives: always 0). */
    public int connection() {
        return connection;
    }

    /** When the packet's last byte was read or written (epoch ns). */
    public long logTime() {
        return logTime;
    }

    /** Byte offset of the packet's first byte in its direction's stream (per connection). */
    public long offset() {
        return offset;
    }

    /** Sequence number, or -1 when the header was incomplete. */
    public int seq() {
        return seq;
    }

    /** Channel id, or -1. */
    public int channel() {
        return channel;
    }

    /** Flags, or -1. */
    public int flags() {
        return flags;
    }

    /** Opcode byte, or -1. */
    public int opcode() {
        return opcode;
    }

    /** Length field, or -1. */
    public int length() {
        return length;
    }

    /** Whether the packet was valid. */
    public boolean valid() {
        return reason == null;
    }

    /** Why it was rejected, or {@code null} for a valid packet. */
    public InvalidReason reason() {
        return reason;
    }

    /** Whether the sequence number was the expected one; {@code null} when not checked. */
    public Boolean seqOk() {
        return seqOk;
    }

    /** Stream bytes this packet accounts for (its wire size when valid). */
    public int consumed() {
        return consumed;
    }

    /** Whether {@code flag} is set (false when the flags are unknown). */
    public boolean has(Flag flag) {
        return flags >= 0 && flag.isSet(flags);
    }

    /** The array holding the borrowed bytes; see {@link #payloadOffset()} and {@link #rawOffset()}. */
    public byte[] array() {
        return bytes;
    }

    /** Where the payload starts in {@link #array()}. */
    public int payloadOffset() {
        return payloadOff;
    }

    /** Payload length (0 for invalid packets, as in {@link PacketRecord}). */
    public int payloadLength() {
        return payloadLen;
    }

    /** Where the examined bytes of an invalid packet start in {@link #array()}. */
    public int rawOffset() {
        return rawOff;
    }

    /** Number of examined bytes of an invalid packet (0 for valid ones). */
    public int rawLength() {
        return rawLen;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payloadLen == 0 ? EMPTY : Arrays.copyOfRange(bytes, payloadOff, payloadOff + payloadLen);
    }

    /** A copy of the examined bytes of an invalid packet (empty for valid ones). */
    public byte[] raw() {
        return rawLen == 0 ? EMPTY : Arrays.copyOfRange(bytes, rawOff, rawOff + rawLen);
    }

    /** The NAK status code of a valid NAK packet, or -1 when the payload is not a NAK payload. */
    public int nakStatus() {
        return payloadLen == Nak.SIZE ? WireFormat.u16(bytes, payloadOff) : -1;
    }

    /** The decoded packet (a copy), for valid packets. */
    public Packet packet() {
        if (!valid()) {
            throw new IllegalStateException("invalid packet has no decoded form");
        }
        return new Packet(seq, channel, flags, opcode, payload());
    }

    /** A copy that can be kept. */
    public PacketRecord toRecord() {
        return new PacketRecord(dir, offset, seq, channel, flags, opcode, length, payload(), reason, seqOk, raw(),
                consumed);
    }

    @Override
    public String toString() {
        return "PacketView[" + dir.shortName() + " @" + offset + (valid() ? " seq=" + seq + " ch=" + channel
                + " op=" + opcode + " len=" + length : " " + reason + " " + consumed + " bytes") + "]";
    }
}

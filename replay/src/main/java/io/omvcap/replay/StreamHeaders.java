package io.omvcap.replay;

import io.omvcap.archive.PacketView;
import io.omvcap.archive.Topics;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.FrameHeader;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.WireFormat;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Set;

/**
 * The frame headers the cam actually sent on the stream channel, taken from the recorded packets:
 * the archive keeps a stream frame's image and dimensions but not the header's fps field and
 * padding, so a replayed header is rebuilt from the wire when the recording has it.
 */
final class StreamHeaders implements Closeable {
    /** How far around a frame's time its header is looked for. */
    static final long WINDOW_NANOS = 2_000_000_000L;
    /** Headers kept for matching. */
    static final int KEEP = 64;

    private record Seen(long time, byte[] header) {
    }

    private final TopicCursor packets;
    private final ArrayDeque<Seen> seen = new ArrayDeque<>();
    private boolean ended;
    private boolean inRead;
    private boolean pending;

    StreamHeaders(Recording recording) {
        this.packets = new TopicCursor(recording, Set.of(Topics.PACKETS));
    }

    /**
     * The header bytes for a frame read that completed at {@code time} with these fields, as the
     * cam sent them (the latest such header up to {@code time}, else the next one shortly after),
     * or a rebuilt 32-byte header (fps 0) when the wire does not show it.
     */
    byte[] header(long time, long width, long height, long pixformat, int imageSize) throws IOException {
        while (!ended && (pending || packets.next())) {
            if (packets.time() > time + WINDOW_NANOS) {
                pending = true;
                break;
            }
            pending = false;
            look(packets.packet(), packets.time());
        }
        while (!seen.isEmpty() && seen.peekFirst().time() < time - WINDOW_NANOS) {
            seen.pollFirst();
        }
        byte[] before = null;
        byte[] after = null;
        for (Seen s : seen) {
            if (matches(s.header(), width, height, pixformat, imageSize)) {
                if (s.time() <= time) {
                    before = s.header();
                } else if (after == null) {
                    after = s.header();
                }
            }
        }
        byte[] h = before != null ? before : after;
        return h != null ? h.clone()
                : new FrameHeader(width, height, pixformat, imageSize, FrameHeader.SIZE, 0f).encode();
    }

    private static boolean matches(byte[] h, long width, long height, long pixformat, int imageSize) {
        return WireFormat.u32(h, 0) == width && WireFormat.u32(h, 4) == height && WireFormat.u32(h, 8) == pixformat
                && WireFormat.u32(h, 12) == imageSize;
    }

    private void look(PacketView p, long time) {
        if (p.dir() != Direction.CAM_TO_HOST || !p.valid() || p.channel() != BuiltinChannel.STREAM.id()
                || p.opcode() != Opcode.CHANNEL_READ.code() || p.has(Flag.EVENT) || p.has(Flag.NAK)
                || p.has(Flag.ACK) || p.has(Flag.RTX)) {
            return;
        }
        boolean first = !inRead;
        inRead = p.has(Flag.FRAGMENT);
        int n = p.payloadLength();
        if (!first || n < FrameHeader.MIN_SIZE) {
            return;
        }
        long offset = WireFormat.u32(p.array(), p.payloadOffset() + 16);
        if (offset >= FrameHeader.MIN_SIZE && offset <= n) {
            if (seen.size() == KEEP) {
                seen.pollFirst();
            }
            seen.addLast(new Seen(time, Arrays.copyOfRange(p.array(), p.payloadOffset(), p.payloadOffset() + (int) offset)));
        }
    }

    @Override
    public void close() throws IOException {
        ended = true;
        packets.close();
    }
}

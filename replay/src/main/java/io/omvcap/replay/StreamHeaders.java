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
import java.util.Arrays;
import java.util.Set;

/**
 * The frame headers the cam actually sent on the stream channel, taken from the recorded packets:
 * the archive keeps a stream frame's image and dimensions but not the header's fps field and
 * padding, so a replayed header is rebuilt from the wire when the recording has it.
 */
final class StreamHeaders implements Closeable {
    private final TopicCursor packets;
    private boolean ended;
    private boolean inRead;
    private byte[] latest;
    private boolean pending;

    StreamHeaders(Recording recording) {
        this.packets = new TopicCursor(recording, Set.of(Topics.PACKETS));
    }

    /**
     * The header bytes for a frame read that completed at {@code time} with these fields, as the
     * cam sent them, or a rebuilt 32-byte header (fps 0) when the wire does not show it.
     */
    byte[] header(long time, long width, long height, long pixformat, int imageSize) throws IOException {
        while (!ended && (pending || packets.next())) {
            if (packets.time() > time) {
                pending = true;
                break;
            }
            pending = false;
            look(packets.packet());
        }
        if (latest != null && WireFormat.u32(latest, 0) == width && WireFormat.u32(latest, 4) == height
                && WireFormat.u32(latest, 8) == pixformat && WireFormat.u32(latest, 12) == imageSize) {
            return latest.clone();
        }
        return new FrameHeader(width, height, pixformat, imageSize, FrameHeader.SIZE, 0f).encode();
    }

    private void look(PacketView p) {
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
            latest = Arrays.copyOfRange(p.array(), p.payloadOffset(), p.payloadOffset() + (int) offset);
        }
    }

    @Override
    public void close() throws IOException {
        ended = true;
        packets.close();
    }
}

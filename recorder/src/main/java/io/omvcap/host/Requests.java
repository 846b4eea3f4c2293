package io.omvcap.host;

import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.IoctlRequest;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.U32;
import io.omvcap.payload.WriteRequest;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.util.Arrays;

/** The channel requests, one protocol exchange each (writes: one per chunk), reporting logical reads and writes. */
final class Requests {
    private static final byte[] NONE = new byte[0];

    private final Listeners listeners;

    Requests(Listeners listeners) {
        this.listeners = listeners;
    }

    long size(Session s, ChannelEntry ch) throws CameraException {
        return U32.decode(s.call(Opcode.CHANNEL_SIZE, ch.id(), NONE));
    }

    /** CHANNEL_READ; a zero length returns nothing without asking (the cam would NAK it INVALID). */
    byte[] read(Session s, ChannelEntry ch, long offset, long length) throws CameraException {
        if (length < 0 || length > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("read length out of range: " + length);
        }
        if (length == 0) {
            return NONE;
        }
        byte[] data = s.call(Opcode.CHANNEL_READ, ch.id(), new ReadRequest(offset, length).encode());
        listeners.read(ch.id(), ch.name(), offset, data);
        return data;
    }

    /** CHANNEL_WRITEs of at most {@code maxPayload} − 8 data bytes, each with its own offset, like the SDK. */
    Void write(Session s, ChannelEntry ch, long offset, byte[] data, int maxPayload) throws CameraException {
        int chunk = maxPayload - WriteRequest.PREFIX_SIZE;
        for (int start = 0; start < data.length; start += chunk) {
            byte[] part = Arrays.copyOfRange(data, start, Math.min(data.length, start + chunk));
            s.call(Opcode.CHANNEL_WRITE, ch.id(), WriteRequest.of(offset + start, part).encode());
        }
        listeners.write(ch.id(), ch.name(), offset, data);
        return null;
    }

    byte[] ioctl(Session s, ChannelEntry ch, IoctlRequest request) throws CameraException {
        return s.call(Opcode.CHANNEL_IOCTL, ch.id(), request.encode());
    }

    /** CHANNEL_LOCK; {@code false} when the cam answers BUSY. */
    boolean lock(Session s, ChannelEntry ch) throws CameraException {
        try {
            s.call(Opcode.CHANNEL_LOCK, ch.id(), NONE);
            return true;
        } catch (NakException e) {
            if (e.status() == Status.BUSY) {
                return false;
            }
            throw e;
        }
    }

    byte[] unlock(Session s, ChannelEntry ch) throws CameraException {
        return s.call(Opcode.CHANNEL_UNLOCK, ch.id(), NONE);
    }
}

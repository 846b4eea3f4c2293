package io.omvcap.device;

import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Ioctl;
import io.omvcap.payload.PollMask;
import io.omvcap.payload.U32;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import java.util.Arrays;

/**
 * Answers one validated host request the way the firmware's {@code omv_protocol_process} does.
 * Where the firmware would read past a short payload, this answers NAK INVALID instead.
 */
final class RequestProcessor {
    private final ProtocolEngine engine;
    private final ChannelTable channels;
    private final Session session;
    private final BoardProfile board;
    private final EngineOptions options;
    private long lastLockMs;

    RequestProcessor(ProtocolEngine engine, ChannelTable channels, Session session, BoardProfile board,
            EngineOptions options) {
        this.engine = engine;
        this.channels = channels;
        this.session = session;
        this.board = board;
        this.options = options;
    }

    /** Forgets the last lock time (protocol init). */
    void resetLockTime() {
        lastLockMs = 0;
    }

    /** Handles the request whose payload is {@code buf[off, off+len)}. */
    void process(int channel, int opcodeCode, byte[] buf, int off, int len, long now) {
        Opcode op = Opcode.of(opcodeCode);
        if (op == null) {
            engine.sendStatus(opcodeCode, channel, Status.INVALID);
            return;
        }
        switch (op) {
            case PROTO_SYNC -> engine.acceptSync(channel);
            case PROTO_GET_CAPS -> respond(op, channel, session.caps.encode());
            case PROTO_SET_CAPS -> setCaps(channel, buf, off, len);
            case PROTO_STATS -> respond(op, channel, engine.stats().encode());
            case PROTO_VERSION -> respond(op, channel, board.version().encode());
            case SYS_RESET, SYS_BOOT -> engine.systemReset(op == Opcode.SYS_BOOT);
            case SYS_INFO -> respond(op, channel, board.sysInfo().encode());
            case CHANNEL_LIST -> respond(op, channel, ChannelEntry.encodeList(channels.entries()));
            case CHANNEL_POLL -> respond(op, channel, new PollMask(channels.pollMask()).encode());
            case CHANNEL_LOCK -> lock(channel, now);
            case CHANNEL_UNLOCK -> {
                Channel c = channels.get(channel);
                boolean ok = c != null && c.has(BackendCapability.UNLOCK) && c.unlock();
                engine.sendStatus(op.code(), channel, ok ? Status.SUCCESS : Status.BUSY);
            }
            case CHANNEL_SIZE -> {
                Channel c = channels.get(channel);
                if (c != null && c.has(BackendCapability.SIZE)) {
                    respond(op, channel, U32.encode(c.size() & 0xFFFFFFFFL));
                } else {
                    engine.sendStatus(op.code(), channel, Status.INVALID);
                }
            }
            case CHANNEL_SHAPE -> shape(channel);
            case CHANNEL_READ -> read(channel, buf, off, len);
            case CHANNEL_WRITE -> write(channel, buf, off, len);
            case CHANNEL_IOCTL -> ioctl(channel, buf, off, len);
            default -> engine.sendStatus(op.code(), channel, Status.INVALID);
        }
    }

    private void respond(Opcode op, int channel, byte[] payload) {
        engine.send(Outbound.of(op.code(), channel, 0, payload));
    }

    private void setCaps(int channel, byte[] buf, int off, int len) {
        int code = Opcode.PROTO_SET_CAPS.code();
        if (len != Caps.SIZE) {
            engine.sendStatus(code, channel, Status.INVALID);
            return;
        }
        Caps wanted = Caps.decode(Arrays.copyOfRange(buf, off, off + len));
        if (wanted.maxPayload() < WireFormat.MIN_PAYLOAD || wanted.maxPayload() > board.maxPayload()) {
            engine.sendStatus(code, channel, Status.INVALID);
            return;
        }
        // the ACK goes out with the old caps; the new ones apply from the next packet
        engine.sendStatus(code, channel, Status.SUCCESS);
        session.caps = wanted;
    }

    private void lock(int channel, long now) {
        int code = Opcode.CHANNEL_LOCK.code();
        Channel c = channels.get(channel);
        if (now - lastLockMs < options.lockIntervalMs()) {
            engine.sendStatus(code, channel, Status.BUSY);
        } else if (c != null && c.has(BackendCapability.LOCK) && c.lock()) {
            lastLockMs = now;
            engine.sendStatus(code, channel, Status.SUCCESS);
        } else {
            engine.sendStatus(code, channel, Status.BUSY);
        }
    }

    private void shape(int channel) {
        Channel c = channels.get(channel);
        if (c == null || !c.has(BackendCapability.SHAPE)) {
            engine.sendStatus(Opcode.CHANNEL_SHAPE.code(), channel, Status.INVALID);
            return;
        }
        long[] dims = c.shape();
        int n = Math.min(dims.length, 4);
        byte[] p = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            WireFormat.putU32(p, i * 4, dims[i]);
        }
        respond(Opcode.CHANNEL_SHAPE, channel, p);
    }

    private void read(int channel, byte[] buf, int off, int len) {
        int code = Opcode.CHANNEL_READ.code();
        Channel c = channels.get(channel);
        long offset = len >= 8 ? WireFormat.u32(buf, off) : 0;
        long length = len >= 8 ? WireFormat.u32(buf, off + 4) : 0;
        if (length == 0 || c == null || !(c.has(BackendCapability.READ) || c.has(BackendCapability.READP))) {
            engine.sendStatus(code, channel, Status.INVALID);
        } else if (c.has(BackendCapability.READP)) {
            ByteSlice data = length <= Integer.MAX_VALUE ? c.readp(offset, length) : null;
            if (data == null || data.length() < length) {
                engine.sendStatus(code, channel, Status.FAILED);
            } else {
                engine.send(Outbound.of(code, channel, data.head((int) length)));
            }
        } else {
            int chunk = Math.min(WireFormat.COPY_READ_FRAGMENT, session.caps.maxPayload());
            engine.send(new Outbound.CopyRead(code, c, offset, length, chunk));
        }
    }

    private void write(int channel, byte[] buf, int off, int len) {
        int code = Opcode.CHANNEL_WRITE.code();
        Channel c = channels.get(channel);
        long length = len >= 8 ? WireFormat.u32(buf, off + 4) : 0;
        if (c == null || !c.has(BackendCapability.WRITE) || length == 0 || length > len - 8) {
            engine.sendStatus(code, channel, Status.INVALID);
            return;
        }
        int n = c.write(WireFormat.u32(buf, off), buf, off + 8, (int) length);
        engine.sendStatus(code, channel, n != 0 ? Status.SUCCESS : Status.FAILED);
    }

    private void ioctl(int channel, byte[] buf, int off, int len) {
        int code = Opcode.CHANNEL_IOCTL.code();
        Channel c = channels.get(channel);
        if (c == null || !c.has(BackendCapability.IOCTL) || len < 4) {
            engine.sendStatus(code, channel, Status.INVALID);
            return;
        }
        long request = WireFormat.u32(buf, off);
        int argLen = len - 4;
        if (!c.isDynamic()) {
            Ioctl known = Ioctl.of(channel, request);
            if (known == null || known.argumentSize() != argLen) {
                engine.sendStatus(code, channel, Status.INVALID);
                return;
            }
        }
        int r = c.ioctl(request, Arrays.copyOfRange(buf, off + 4, off + len));
        engine.sendStatus(code, channel, r != 0 ? Status.FAILED : Status.SUCCESS);
    }
}

package io.omvcap.replay;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.device.Channel;
import io.omvcap.device.ProtocolEngine;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Records a replayed session from the cam's side into a session archive (mode {@code replay}):
 * the bytes both ways, the reads the cam served, the host's writes (chunks of one write joined),
 * the events it sent, the channel list whenever the host read a changed one, and hang-ups and
 * soft reboots. The result reads like a host-side recording of the same exchange, so
 * {@code omvcap diff} can compare it with the recording that was replayed.
 */
final class HostSessionRecorder implements Closeable {
    private final SessionWriter writer;
    private final ProtocolEngine engine;
    private final PacketDecoder requests = new PacketDecoder(WireFormat.MAX_LENGTH_FIELD, true);
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private final ByteArrayOutputStream write = new ByteArrayOutputStream();
    private int readChannel = -1;
    private long readOffset;
    private int writeChannel = -1;
    private long writeOffset;
    private long writeEnd;
    private Caps wished;
    private List<ChannelEntry> listed;
    private Caps listedCaps;
    private IOException failure;

    private HostSessionRecorder(SessionWriter writer, ProtocolEngine engine) {
        this.writer = writer;
        this.engine = engine;
    }

    /** Creates {@code file} for a replay of {@code recording} served at {@code endpoint}. */
    static HostSessionRecorder create(Path file, ProtocolEngine engine, String recording, String endpoint)
            throws IOException {
        SessionFacts facts = new SessionFacts(OmvcapVersion.get(), "replay", endpoint, 0, SessionClock.startNow(), 0,
                "", Map.of("replayed", recording));
        SessionWriter w = SessionWriter.create(file, new SessionWriterOptions(SessionWriterOptions.DEFAULTS.compression(),
                SessionWriterOptions.DEFAULTS.chunkSize(), SessionWriterOptions.DEFAULTS.chunkMaxAge(),
                SessionWriterOptions.DEFAULTS.fsync(), OmvcapVersion.library()), facts);
        HostSessionRecorder r = new HostSessionRecorder(w, engine);
        r.run(() -> w.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.START, "replaying " + recording)));
        return r;
    }

    /** A host attached: a new link. */
    void connected(String host) {
        requests.setCrcEnabled(true);
        run(() -> {
            writer.connection();
            writer.framing(true, maxPayload());
            writer.lifecycle(System.nanoTime(),
                    LifecycleEvent.of(LifecycleKind.CONNECT, host, LifecycleEvent.HOST_SIDE));
        });
    }

    /**
     * The link went away: the host left ({@code byHost}), or the cam hung up (a replayed or injected
     * hang-up, strict mode ending the session).
     */
    void disconnected(String why, boolean byHost) {
        flushWrite();
        run(() -> writer.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.DISCONNECT, why,
                byHost ? LifecycleEvent.HOST_SIDE : LifecycleEvent.CAM_SIDE)));
    }

    /** Host bytes as read from the link. */
    void hostBytes(byte[] buf, int off, int len) {
        long t = System.nanoTime();
        run(() -> writer.wire(Direction.HOST_TO_CAM, t, buf, off, len));
        requests.feed(buf, off, len, e -> {
            if (e instanceof ValidPacket v) {
                request(v.packet(), t);
            }
        });
    }

    /** Cam bytes as written to the link (after faults). */
    void camBytes(byte[] buf, int off, int len) {
        long t = System.nanoTime();
        run(() -> writer.wire(Direction.CAM_TO_HOST, t, buf, off, len));
    }

    /** A packet the cam sent (before faults): one whole packet. */
    void camPacket(byte[] buf, int off, int len) {
        if (len < WireFormat.HEADER_SIZE) {
            return;
        }
        long t = System.nanoTime();
        int ch = buf[off + 3] & 0xFF;
        int flags = buf[off + 4] & 0xFF;
        int op = buf[off + 5] & 0xFF;
        int n = Math.min(WireFormat.u16(buf, off + 6), len - WireFormat.HEADER_SIZE);
        int p = off + WireFormat.HEADER_SIZE;
        if ((flags & Flag.EVENT.mask()) != 0) {
            int code = n >= 2 ? WireFormat.u16(buf, p) : Event.NOTIFY;
            Event e = new Event(ch, code, false);
            run(() -> writer.event(t, EventRecord.of(e, ch == 0 ? null : name(ch))));
            if (ch == 0 && code == SystemEvent.SOFT_REBOOT.code()) {
                run(() -> writer.lifecycle(t, LifecycleEvent.of(LifecycleKind.SOFT_REBOOT, "replayed soft reboot")));
            }
            return;
        }
        if ((flags & (Flag.RTX.mask() | Flag.NAK.mask())) != 0) {
            if ((flags & Flag.NAK.mask()) != 0 && op == Opcode.CHANNEL_READ.code()) {
                readChannel = -1;
                read.reset();
            }
            return;
        }
        if ((flags & Flag.ACK.mask()) != 0) {
            if (op == Opcode.PROTO_SET_CAPS.code() && wished != null) {
                Caps c = wished;
                requests.setCrcEnabled(c.crc());
                run(() -> writer.framing(c.crc(), maxPayload()));
            } else if (op == Opcode.PROTO_SYNC.code()) {
                requests.setCrcEnabled(true);
                run(() -> writer.framing(true, maxPayload()));
            }
            return;
        }
        if (op == Opcode.CHANNEL_READ.code() && ch == readChannel) {
            read.write(buf, p, n);
            if ((flags & Flag.FRAGMENT.mask()) == 0) {
                ChannelData d = new ChannelData(ch, name(ch), readOffset, read.toByteArray());
                read.reset();
                readChannel = -1;
                run(() -> writer.read(t, d));
            }
        } else if (op == Opcode.CHANNEL_LIST.code() && (flags & Flag.FRAGMENT.mask()) == 0) {
            deviceIfChanged(t);
        }
    }

    private void request(Packet p, long t) {
        if (p.has(Flag.ACK) || p.has(Flag.NAK) || p.isEvent()) {
            return;
        }
        int op = p.opcode();
        byte[] b = p.payload();
        if (op == Opcode.CHANNEL_WRITE.code() && b.length >= 8) {
            long offset = WireFormat.u32(b, 0);
            int n = (int) Math.min(WireFormat.u32(b, 4), b.length - 8);
            if (writeChannel != p.channel() || offset != writeEnd) {
                flushWrite();
                writeChannel = p.channel();
                writeOffset = offset;
            }
            write.write(b, 8, n);
            writeEnd = offset + n;
            return;
        }
        flushWrite();
        if (op == Opcode.CHANNEL_READ.code() && b.length >= 8) {
            readChannel = p.channel();
            readOffset = WireFormat.u32(b, 0);
            read.reset();
        } else if (op == Opcode.PROTO_SET_CAPS.code() && b.length == Caps.SIZE) {
            wished = Caps.decode(b);
        }
    }

    private void flushWrite() {
        if (writeChannel >= 0 && write.size() > 0) {
            ChannelData d = new ChannelData(writeChannel, name(writeChannel), writeOffset, write.toByteArray());
            long t = System.nanoTime();
            run(() -> writer.write(t, d));
        }
        write.reset();
        writeChannel = -1;
    }

    private void deviceIfChanged(long t) {
        List<ChannelEntry> now = engine.channelList();
        Caps caps = engine.caps();
        if (now.equals(listed) && caps.equals(listedCaps)) {
            return;
        }
        listed = now;
        listedCaps = caps;
        DeviceFacts f = new DeviceFacts(engine.board().version(), engine.board().sysInfo(), caps, now);
        run(() -> writer.device(t, f));
    }

    private int maxPayload() {
        return Math.max(PacketDecoder.DEFAULT_MAX_PAYLOAD, engine.board().maxPayload());
    }

    private String name(int id) {
        Channel c = engine.channel(id);
        return c == null ? "channel" + id : c.name();
    }

    /** Closes the open chunk when it is old enough (call every ~200 ms). */
    void flushIfDue() {
        run(writer::flushIfDue);
    }

    /** The first write error, or null. */
    IOException failure() {
        return failure;
    }

    /** The archive being written. */
    Path file() {
        return writer.file();
    }

    private interface Action {
        void run() throws IOException;
    }

    private void run(Action a) {
        if (failure != null) {
            return;
        }
        try {
            a.run();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void close() throws IOException {
        flushWrite();
        run(() -> writer.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.STOP, "replay ended")));
        writer.close();
        if (failure != null) {
            throw failure;
        }
    }
}

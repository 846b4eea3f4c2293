package io.omvcap.host;

import io.omvcap.link.ByteLink;
import io.omvcap.link.TapListener;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.FrameHeader;
import io.omvcap.payload.Ioctl;
import io.omvcap.payload.IoctlRequest;
import io.omvcap.payload.PollMask;
import io.omvcap.payload.ProtocolStats;
import io.omvcap.payload.Shape;
import io.omvcap.payload.SysInfo;
import io.omvcap.payload.VersionInfo;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.WireFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host-side client for an OpenMV cam speaking protocol v2, with the semantics of the official
 * Python SDK ({@code openmv.camera.Camera}) and without its known failures: it never takes a
 * stale NAK for an answer, resyncs after a soft reboot instead of hanging, and re-lists channels
 * once per burst of CHANNEL_REGISTERED events.
 *
 * <p>Every operation that fails transiently (timeout, NAK CHECKSUM/SEQUENCE/TIMEOUT, a reboot
 * mid-request, a malformed answer) resyncs (PROTO_SYNC, GET_CAPS, SET_CAPS) and runs once more,
 * as a whole, like the SDK's {@code retry_if_failed}. Channels are addressed by name and resolved
 * from the cam's channel list.
 *
 * <p>Thread-safety: every operation holds the camera's lock, so one request is in flight at a
 * time; {@link #close()} may be called from any thread and makes a blocked operation fail
 * promptly; the cached {@link #version()}, {@link #sysInfo()} and {@link #caps()} never block.
 * There is no reader thread: events are handled, and listeners called, on the thread of whichever
 * operation is reading, or of {@link #pumpEvents} while otherwise idle. A listener that throws
 * fails the operation that was reading; like a timeout, that abandons the request, and the next
 * operation resyncs when the cam says it is out of step.
 */
public final class Camera implements Closeable {
    private final ByteLink link;
    private final CameraOptions options;
    private final Listeners listeners = new Listeners();
    private final Object lock = new Object();
    private volatile Session session;
    private volatile boolean closed;
    private volatile boolean connected;
    private final ChannelDirectory directory = new ChannelDirectory(listeners);
    private final Requests requests = new Requests(listeners);
    private volatile Caps deviceCaps;
    private volatile Caps caps;
    private volatile VersionInfo version;
    private volatile SysInfo sysInfo;

    /** A camera on {@code link} (not yet connected); the camera owns the link from now on. */
    public Camera(ByteLink link, CameraOptions options) {
        this.link = Objects.requireNonNull(link, "link");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Adds a tap that sees every byte in and out, from the next byte on. */
    public void addTap(TapListener tap) {
        listeners.taps.add(Objects.requireNonNull(tap, "tap"));
    }

    /** Adds a listener for the cam's events. */
    public void addListener(CameraListener listener) {
        listeners.cameras.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Adds a listener for packets, logical reads and writes, events and lifecycle milestones. */
    public void addSessionListener(SessionListener listener) {
        listeners.sessions.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The options this camera was made with. */
    public CameraOptions options() {
        return options;
    }

    /** Where the link goes. */
    public String describe() {
        return link.describe();
    }

    /**
     * Handshakes (PROTO_SYNC, GET_CAPS, SET_CAPS), then reads the channel list, VERSION and
     * SYS_INFO. On failure the link is closed.
     *
     * @throws NotOpenMvException when nothing answers PROTO_SYNC
     */
    public void connect() throws CameraException {
        synchronized (lock) {
            ensureOpen();
            if (session != null) {
                throw new IllegalStateException("already connected");
            }
            session = new Session(link, listeners, options, directory::nameOf);
            listeners.lifecycle(Lifecycle.CONNECTING, link.describe());
            try {
                try {
                    handshake("connect", true);
                } catch (NotOpenMvException e) {
                    throw e;
                } catch (CameraException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    listeners.lifecycle(Lifecycle.RETRY, e.getMessage());
                    handshake(e.getMessage(), false);
                }
                refreshChannels();
                version = run(s -> VersionInfo.decode(s.call(Opcode.PROTO_VERSION, 0, new byte[0])));
                sysInfo = run(s -> SysInfo.decode(s.call(Opcode.SYS_INFO, 0, new byte[0])));
                connected = true;
                listeners.lifecycle(Lifecycle.CONNECTED, Session.describe(caps));
            } catch (CameraException | RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Whether {@link #connect()} succeeded and the camera is not closed. */
    public boolean isConnected() {
        return connected && !closed && link.isOpen();
    }

    /** CHANNEL_POLL: which channels have data ready. */
    public PollMask poll() throws CameraException {
        return run(s -> PollMask.decode(s.call(Opcode.CHANNEL_POLL, 0, new byte[0])));
    }

    /** CHANNEL_SIZE: bytes available on a channel. */
    public long size(String channel) throws CameraException {
        return run(s -> requests.size(s, resolve(s, channel)));
    }

    /** CHANNEL_SHAPE: the dimensions of a channel's data. */
    public Shape shape(String channel) throws CameraException {
        return run(s -> Shape.decode(s.call(Opcode.CHANNEL_SHAPE, resolve(s, channel).id(), new byte[0])));
    }

    /** Reads everything available: CHANNEL_SIZE, then one CHANNEL_READ (empty without a request when the size is 0). */
    public byte[] read(String channel) throws CameraException {
        return run(s -> {
            ChannelEntry ch = resolve(s, channel);
            return requests.read(s, ch, 0, requests.size(s, ch));
        });
    }

    /** CHANNEL_READ of {@code length} bytes at {@code offset}; fragments are joined. */
    public byte[] read(String channel, long offset, long length) throws CameraException {
        return run(s -> requests.read(s, resolve(s, channel), offset, length));
    }

    /** Writes at offset 0, in CHANNEL_WRITE chunks of max payload − 8 bytes, each acknowledged. */
    public void write(String channel, byte[] data) throws CameraException {
        write(channel, 0, data);
    }

    /** Writes at {@code offset}, in CHANNEL_WRITE chunks of max payload − 8 bytes, each acknowledged. */
    public void write(String channel, long offset, byte[] data) throws CameraException {
        run(s -> requests.write(s, resolve(s, channel), offset, data, caps.maxPayload()));
    }

    /** CHANNEL_IOCTL with a request code and raw argument bytes; returns the answer payload (empty for an ACK). */
    public byte[] ioctl(String channel, long request, byte[] arguments) throws CameraException {
        return run(s -> requests.ioctl(s, resolve(s, channel), new IoctlRequest(request, arguments)));
    }

    /** CHANNEL_LOCK; {@code false} when the cam answers BUSY. */
    public boolean lock(String channel) throws CameraException {
        return run(s -> requests.lock(s, resolve(s, channel)));
    }

    /** CHANNEL_UNLOCK. */
    public void unlock(String channel) throws CameraException {
        run(s -> requests.unlock(s, resolve(s, channel)));
    }

    /** Stops the running script (stdin STOP); the cam then soft-reboots. */
    public void stop() throws CameraException {
        run(s -> requests.ioctl(s, resolve(s, BuiltinChannel.STDIN.wireName()), IoctlRequest.of(Ioctl.STDIN_STOP)));
    }

    /** Uploads and runs a script: stdin RESET, chunked writes, stdin EXEC. */
    public void exec(String script) throws CameraException {
        exec(script.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads and runs a script given as UTF-8 bytes. */
    public void exec(byte[] script) throws CameraException {
        run(s -> {
            ChannelEntry stdin = resolve(s, BuiltinChannel.STDIN.wireName());
            requests.ioctl(s, stdin, IoctlRequest.of(Ioctl.STDIN_RESET));
            requests.write(s, stdin, 0, script, caps.maxPayload());
            return requests.ioctl(s, stdin, IoctlRequest.of(Ioctl.STDIN_EXEC));
        });
    }

    /** Turns the preview stream on or off (STREAM_RAW_CTRL 0, then STREAM_CTRL). */
    public void streaming(boolean on) throws CameraException {
        run(s -> {
            ChannelEntry stream = resolve(s, BuiltinChannel.STREAM.wireName());
            requests.ioctl(s, stream, IoctlRequest.of(Ioctl.STREAM_RAW_CTRL, 0));
            return requests.ioctl(s, stream, IoctlRequest.of(Ioctl.STREAM_CTRL, on ? 1 : 0));
        });
    }

    /** Turns the raw (uncompressed, resized) preview stream on or off (STREAM_RAW_CFG, RAW_CTRL 1, CTRL). */
    public void streamingRaw(boolean on, int width, int height) throws CameraException {
        run(s -> {
            ChannelEntry stream = resolve(s, BuiltinChannel.STREAM.wireName());
            requests.ioctl(s, stream, IoctlRequest.of(Ioctl.STREAM_RAW_CFG, width, height));
            requests.ioctl(s, stream, IoctlRequest.of(Ioctl.STREAM_RAW_CTRL, 1));
            return requests.ioctl(s, stream, IoctlRequest.of(Ioctl.STREAM_CTRL, on ? 1 : 0));
        });
    }

    /**
     * Reads one preview frame: LOCK the stream channel, SIZE, READ, UNLOCK. Empty when the lock
     * is refused (BUSY) or no frame is there.
     */
    public Optional<Frame> readFrame() throws CameraException {
        return run(s -> {
            ChannelEntry stream = resolve(s, BuiltinChannel.STREAM.wireName());
            if (!requests.lock(s, stream)) {
                return Optional.<Frame>empty();
            }
            byte[] data;
            try {
                long size = requests.size(s, stream);
                data = size <= FrameHeader.MIN_SIZE ? null : requests.read(s, stream, 0, size);
            } catch (CameraException e) {
                if (!e.isTransient() && !(e instanceof CameraDisconnectedException)) {
                    requests.unlock(s, stream);
                }
                throw e;
            }
            requests.unlock(s, stream);
            if (data == null) {
                return Optional.<Frame>empty();
            }
            FrameHeader h = FrameHeader.decode(data);
            if (!h.fitsIn(data.length)) {
                throw new ProtocolException("frame header (offset " + h.offset() + ", size " + h.size()
                        + ") does not fit a " + data.length + "-byte read");
            }
            int from = (int) h.offset();
            return Optional.of(new Frame(h, Arrays.copyOfRange(data, from, from + (int) h.size())));
        });
    }

    /** Reads the script's printed output (SIZE, then READ when there is any); "" when there is none. */
    public String readStdout() throws CameraException {
        return new String(read(BuiltinChannel.STDOUT.wireName()), StandardCharsets.UTF_8);
    }

    /** The channel list, read again first when events said it changed. */
    public List<ChannelEntry> channels() throws CameraException {
        return run(directory::current);
    }

    /** Reads the channel list now. */
    public List<ChannelEntry> refreshChannels() throws CameraException {
        return run(directory::list);
    }

    /** PROTO_STATS: the cam's protocol counters. */
    public ProtocolStats stats() throws CameraException {
        return run(s -> ProtocolStats.decode(s.call(Opcode.PROTO_STATS, 0, new byte[0])));
    }

    /** The versions read at connect. */
    public VersionInfo version() {
        return requireConnected(version);
    }

    /** The system information read at connect. */
    public SysInfo sysInfo() {
        return requireConnected(sysInfo);
    }

    /** The caps in force (negotiated at the last resync). */
    public Caps caps() {
        return requireConnected(caps);
    }

    /** The caps the cam reported at the last resync, before the host's wishes. */
    public Caps deviceCaps() {
        return requireConnected(deviceCaps);
    }

    /**
     * Waits up to {@code duration} for unsolicited traffic and handles it: events reach the
     * listeners, retransmissions are re-ACKed. A soft reboot seen here is recovered from by the
     * next operation. Returns the number of events handled.
     */
    public int pumpEvents(Duration duration) throws CameraException {
        synchronized (lock) {
            return requireSession().pump(Math.max(0, duration.toMillis()), false);
        }
    }

    /**
     * Like {@link #pumpEvents(Duration)}, but returns as soon as at least one event was handled,
     * so a caller can react to it (for example read a channel that announced a new frame).
     */
    public int pumpUntilEvent(Duration maxWait) throws CameraException {
        synchronized (lock) {
            return requireSession().pump(Math.max(0, maxWait.toMillis()), true);
        }
    }

    /** Closes the link; idempotent, callable from any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            link.close();
        } catch (IOException e) {
            // closing is best effort; the link is unusable either way
        }
        listeners.lifecycle(Lifecycle.CLOSED, link.describe());
    }

    /** One camera operation against the session. */
    @FunctionalInterface
    private interface Op<T> {
        T run(Session s) throws CameraException;
    }

    private <T> T run(Op<T> op) throws CameraException {
        synchronized (lock) {
            Session s = requireSession();
            s.drain();
            if (s.rebootPending()) {
                handshake("cam soft-rebooted");
            }
            try {
                return guard(op, s);
            } catch (CameraException e) {
                if (!e.isTransient() || closed) {
                    throw e;
                }
                listeners.lifecycle(Lifecycle.RETRY, e.getMessage());
                handshake(e.getMessage());
                return guard(op, s);
            }
        }
    }

    private static <T> T guard(Op<T> op, Session s) throws CameraException {
        try {
            return op.run(s);
        } catch (WireFormatException e) {
            throw new ProtocolException("malformed answer: " + e.getMessage(), e);
        }
    }

    private void handshake(String reason) throws CameraException {
        handshake(reason, false);
    }

    private void handshake(String reason, boolean first) throws CameraException {
        listeners.lifecycle(Lifecycle.RESYNC, reason);
        Caps[] negotiated = session.handshake(options, first);
        deviceCaps = negotiated[0];
        caps = negotiated[1];
    }

    private ChannelEntry resolve(Session s, String name) throws CameraException {
        return directory.resolve(s, name);
    }

    private Session requireSession() throws CameraException {
        ensureOpen();
        if (session == null) {
            throw new IllegalStateException("not connected: call connect() first");
        }
        return session;
    }

    private void ensureOpen() throws CameraException {
        if (closed) {
            throw new CameraDisconnectedException("camera on " + link.describe() + " is closed");
        }
    }

    private <T> T requireConnected(T value) {
        if (value == null) {
            throw new IllegalStateException("not connected: call connect() first");
        }
        return value;
    }
}

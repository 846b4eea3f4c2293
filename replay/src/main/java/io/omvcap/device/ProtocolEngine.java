package io.omvcap.device;

import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.ProtocolStats;
import io.omvcap.payload.SystemEvent;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cam-side protocol core, behaving like the firmware's {@code omv_protocol.c}: it hunts for
 * packets in a fixed receive buffer (bad header CRC: drop a byte silently; too long: NAK
 * OVERFLOW; wrong sequence: NAK SEQUENCE; bad payload CRC: NAK CHECKSUM; system opcode off
 * channel 0: NAK INVALID), scans for a complete SYNC while a packet is torn, answers requests,
 * numbers and fragments its packets, waits for ACKs and retransmits, and sends events.
 *
 * <p>No threads and no I/O: bytes come in through {@link #receive}, time through the
 * {@link CamClock} and {@link #tick}, and bytes go out through the {@link CamOutput}. Not
 * thread-safe; call it from one thread.
 */
public final class ProtocolEngine {
    private final BoardProfile board;
    private final EngineOptions options;
    private final CamClock clock;
    private final Caps defaultCaps;
    private final Session session;
    private final ReceiveBuffer rx;
    private final ChannelTable channels = new ChannelTable();
    private final ProtocolCounters counters = new ProtocolCounters();
    private final Transmitter tx;
    private final RequestProcessor processor;
    private final Receiver receiver;
    private final List<CamTask> tasks = new ArrayList<>();
    private Consumer<Boolean> systemResetHandler;

    /** An engine for {@code board} with the firmware's default caps (all on, board max payload). */
    public ProtocolEngine(BoardProfile board, EngineOptions options, CamClock clock, CamOutput output) {
        this.board = Objects.requireNonNull(board, "board");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultCaps = Caps.allOn(board.maxPayload());
        this.session = new Session(defaultCaps);
        this.rx = new ReceiveBuffer(board.receiveBufferSize());
        this.tx = new Transmitter(session, counters, options, Objects.requireNonNull(output, "output"),
                board.receiveBufferSize());
        this.processor = new RequestProcessor(this, channels, session, board, options);
        this.receiver = new Receiver(this, rx, session, tx, counters, processor);
    }

    // ---------------------------------------------------------------- I/O edge

    /**
     * Offers host bytes. The engine takes what fits its receive buffer (like the firmware reading
     * its USB FIFO) and processes it; the caller keeps the rest and offers it again later.
     *
     * @return bytes taken
     */
    public int receive(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int n = rx.append(buf, off, len);
        pump(clock.millis());
        return n;
    }

    /** Runs timers: retransmissions, then (when not busy sending) the cam's tasks. */
    public void tick() {
        long now = clock.millis();
        if (tx.waiting() && tx.onTimer(now)) {
            resetProtocol();
        }
        pump(now);
        runTasks(now);
        pump(now);
    }

    /** The cam's tasks, while nothing is being sent. */
    private void runTasks(long now) {
        for (int i = 0; i < tasks.size() && tx.idle(); i++) {
            tasks.get(i).run(now);
        }
    }

    /**
     * Installs a hook that sees every processed request and every delivered answer (replays,
     * fault injection); {@link RequestHook#NONE} removes it.
     */
    public void setRequestHook(RequestHook hook) {
        RequestHook h = Objects.requireNonNull(hook, "hook");
        receiver.setHook(h);
        tx.setHook(h);
    }

    /** Whether a host is attached; packets and events are sent only then. */
    public void setTransportActive(boolean active) {
        session.active = active;
    }

    /** Whether a host is attached. */
    public boolean isTransportActive() {
        return session.active;
    }

    // ---------------------------------------------------------------- cam-side API

    /** Adds work run on every idle tick (script loop, periodic notifications). */
    public void addTask(CamTask task) {
        tasks.add(Objects.requireNonNull(task, "task"));
    }

    /** Registers a static channel at a fixed id with fixed flags (built-in channels). */
    public Channel registerStatic(int id, String name, int flags, ChannelBackend backend) {
        if (id < 0 || id >= WireFormat.MAX_CHANNELS) {
            throw new IllegalArgumentException("channel id out of range: " + id);
        }
        Channel c = new Channel(id, name, flags & ~ChannelFlag.DYNAMIC.mask(), backend, BackendCapability.of(backend));
        channels.put(c);
        return c;
    }

    /**
     * Registers a dynamic channel like {@code protocol.register()}: first free id, flags DYNAMIC
     * plus READ / WRITE / LOCK derived from the backend, and a CHANNEL_REGISTERED event.
     *
     * @return the channel, or null when all ids are taken
     */
    public Channel register(String name, int extraFlags, ChannelBackend backend) {
        int id = channels.firstFreeId();
        if (id < 0) {
            return null;
        }
        Set<BackendCapability> caps = BackendCapability.of(backend);
        int flags = extraFlags | ChannelFlag.DYNAMIC.mask() | BackendCapability.derivedFlags(caps);
        Channel c = new Channel(id, name, flags, backend, caps);
        channels.put(c);
        sendEvent(0, SystemEvent.CHANNEL_REGISTERED.code(), false);
        return c;
    }

    /**
     * Registers a channel exactly as described: at {@code id}, with {@code flags} as listed and the
     * backend methods {@code caps} (instead of those its class overrides). Replays use it to
     * rebuild a recorded cam's channel table. A CHANNEL_REGISTERED event is sent when
     * {@code announce} is set.
     */
    public Channel registerAt(int id, String name, int flags, ChannelBackend backend, Set<BackendCapability> caps,
            boolean announce) {
        if (id < 0 || id >= WireFormat.MAX_CHANNELS) {
            throw new IllegalArgumentException("channel id out of range: " + id);
        }
        Channel c = new Channel(id, name, flags, backend, caps);
        channels.put(c);
        if (announce) {
            sendEvent(0, SystemEvent.CHANNEL_REGISTERED.code(), false);
        }
        return c;
    }

    /** The channel at {@code id}, or null. */
    public Channel channel(int id) {
        return channels.get(id);
    }

    /** The channel named {@code name}, or null. */
    public Channel channel(String name) {
        return channels.byName(name);
    }

    /** What CHANNEL_LIST would answer now. */
    public List<ChannelEntry> channelList() {
        return channels.entries();
    }

    /**
     * Sends an event: SYS_EVENT on channel 0, CHANNEL_EVENT otherwise; {@link Event#NOTIFY} has
     * no payload. Events carry the current sequence number and do not advance it.
     *
     * @return false when events are off or no host is attached (the event is lost)
     */
    public boolean sendEvent(int channel, int code, boolean waitAck) {
        if (!session.caps.events() || !session.active) {
            return false;
        }
        counters.sentEvents++;
        Event event = new Event(channel, code, waitAck);
        int flags = Flag.EVENT.mask() | (waitAck ? Flag.ACK_REQ.mask() : 0);
        send(Outbound.of(event.opcode().code(), channel, flags, event.encodePayload()));
        return true;
    }

    /**
     * Soft reboot ({@code omv_protocol_deinit} + {@code init}): dynamic channels vanish without
     * an event, sequence and caps return to the defaults, buffered input is dropped. Counters stay.
     */
    public void softReboot() {
        channels.removeDynamic();
        initState();
    }

    /** A new host session (new connection): like a protocol reset, channels stay registered. */
    public void resetSession() {
        resetProtocol();
    }

    /**
     * The host closed the link: an answer whose last packet went out counts as delivered (hosts
     * close right after reading their last answer, often before their ACK of it arrives); the next
     * host starts a new session ({@link #resetSession}).
     */
    public void hostLeft() {
        tx.hostLeft();
    }

    /** Hard reset: soft reboot plus zeroed counters. */
    public void hardReset() {
        softReboot();
        counters.clear();
    }

    /** What to do on SYS_RESET / SYS_BOOT (argument: bootloader requested); default {@link #hardReset}. */
    public void onSystemReset(Consumer<Boolean> handler) {
        this.systemResetHandler = handler;
    }

    /** The PROTO_STATS counters now. */
    public ProtocolStats stats() {
        return counters.snapshot();
    }

    /** The caps in force. */
    public Caps caps() {
        return session.caps;
    }

    /** The sequence number of the next non-event packet. */
    public int sequence() {
        return tx.sequence();
    }

    /** The board this engine runs on. */
    public BoardProfile board() {
        return board;
    }

    /** The engine's clock. */
    public CamClock clock() {
        return clock;
    }

    /** Whether a response is queued or awaits its ACK. */
    public boolean busy() {
        return !tx.idle();
    }

    // ---------------------------------------------------------------- package-private hooks

    void send(Outbound o) {
        tx.enqueue(o);
        tx.flush(clock.millis(), options.pumpBudgetBytes());
    }

    void sendStatus(int opcode, int channel, Status status) {
        if (status == Status.SEQUENCE) {
            counters.sequenceErrors++;
        } else if (status == Status.CHECKSUM) {
            counters.checksumErrors++;
        }
        send(Outbound.status(opcode, channel, status));
    }

    /** PROTO_SYNC: reset, ACK with sequence 0, and the next packet is sequence 0 again. */
    void acceptSync(int channel) {
        resetProtocol();
        sendStatus(Opcode.PROTO_SYNC.code(), channel, Status.SUCCESS);
        tx.setSequence(0);
    }

    void systemReset(boolean bootloader) {
        if (systemResetHandler != null) {
            systemResetHandler.accept(bootloader);
        } else {
            hardReset();
        }
    }

    // ---------------------------------------------------------------- state machine

    void resetProtocol() {
        tx.clear();
        tx.setSequence(0);
        receiver.reset();
        session.caps = defaultCaps;
        channels.unlockAll();
    }

    private void initState() {
        tx.clear();
        tx.setSequence(0);
        processor.resetLockTime();
        receiver.reset();
        session.caps = defaultCaps;
    }

    private void pump(long now) {
        while (true) {
            if (tx.waiting()) {
                if (receiver.scanForAck(now)) {
                    resetProtocol();
                }
                if (tx.waiting()) {
                    return;
                }
                // the host's ACK freed the link: the script gets its turn before the next request
                // is taken, as on the cam, where it runs beside the protocol (a host that sends
                // its ACK and next request in one write would otherwise starve it)
                runTasks(now);
            } else if (!tx.idle()) {
                if (receiver.scanForSync()) {
                    continue;
                }
                tx.flush(now, options.pumpBudgetBytes());
                if (!tx.idle() && !tx.waiting()) {
                    return; // budget spent; continue on the next call
                }
            } else if (!receiver.step(now)) {
                return;
            }
        }
    }
}

package io.omvcap.host;

import io.omvcap.link.ByteLink;
import io.omvcap.link.TappedLink;
import io.omvcap.payload.Caps;
import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidPacket;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import io.omvcap.wire.WireFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The I/O around {@link HostProtocol}: writes requests and ACKs, reads and decodes the cam's
 * bytes, waits for answers with a timeout that only progress re-arms (events do not, so a chatty
 * cam cannot stall a request forever), dispatches events and notices soft reboots. Single-threaded;
 * {@link Camera} serialises access.
 */
final class Session {
    private static final int READ_CHUNK = 64 * 1024;

    private final ByteLink link;
    private final Listeners listeners;
    private final HostProtocol protocol;
    private final PacketDecoder decoder;
    private final ArrayDeque<Packet> inbox = new ArrayDeque<>();
    private final byte[] buf = new byte[READ_CHUNK];
    private final IntFunction<String> channelNames;
    private long timeoutNanos;
    private long sentBytes;
    private boolean rebootPending;
    /** Channel-changing events (registered, unregistered, soft reboot) seen so far. */
    private long channelChanges;
    /** {@link #channelChanges} when the last answer was taken, before the packets behind it. */
    private long changesAtAnswer;
    /** {@link #channelChanges} that the last channel list reflects. */
    private long listedAt;
    private boolean ended;

    Session(ByteLink rawLink, Listeners listeners, CameraOptions options, IntFunction<String> channelNames) {
        this.link = new TappedLink(rawLink, Direction.CAM_TO_HOST, listeners);
        this.listeners = listeners;
        this.channelNames = channelNames;
        this.protocol = new HostProtocol(Integer.MAX_VALUE - 64);
        this.decoder = new PacketDecoder(Math.max(PacketDecoder.DEFAULT_MAX_PAYLOAD, options.maxPayload()), true);
        this.timeoutNanos = options.timeout().toNanos();
    }

    HostProtocol protocol() {
        return protocol;
    }

    ByteLink link() {
        return link;
    }

    /** Whether the cam announced a soft reboot since the last resync. */
    boolean rebootPending() {
        return rebootPending;
    }

    /** Whether events said the channel list changed since it was last read. */
    boolean channelsStale() {
        return channelChanges != listedAt;
    }

    /**
     * Records that the answer just taken was a channel list: events that arrived before it are
     * reflected in it, events behind it (even in the same read) are not.
     */
    void markChannelsListed() {
        listedAt = changesAtAnswer;
    }

    /**
     * Resynchronises: default framing, PROTO_SYNC (up to {@code attempts} times), GET_CAPS, then
     * SET_CAPS with the host's wishes; the new caps take effect once the cam ACKs.
     *
     * @param first whether this is the first handshake on the link: no answer to PROTO_SYNC then
     *              means {@link NotOpenMvException}
     * @return the caps the cam reported and the caps now in force
     */
    Caps[] handshake(CameraOptions options, boolean first) throws CameraException {
        protocol.reset();
        decoder.setCrcEnabled(true);
        listeners.framing(true, decoder.maxPayload());
        inbox.clear();
        rebootPending = false;
        drain();
        boolean synced = false;
        for (int attempt = 1; attempt <= options.syncAttempts() && !synced; attempt++) {
            send(protocol.sync());
            try {
                await(false);
                synced = true;
            } catch (CameraTimeoutException e) {
                protocol.abandon();
            } catch (CameraException | RuntimeException e) {
                protocol.abandon();
                throw e;
            }
        }
        if (!synced && first) {
            throw new NotOpenMvException("no answer to PROTO_SYNC from " + link.describe()
                    + ": not an OpenMV cam with protocol v2, or it is busy");
        }
        if (!synced) {
            throw new CameraTimeoutException("no answer to PROTO_SYNC on " + link.describe() + " after "
                    + options.syncAttempts() + " attempts");
        }
        rebootPending = false;
        Caps device;
        try {
            device = Caps.decode(call(Opcode.PROTO_GET_CAPS, 0, new byte[0]));
        } catch (WireFormatException e) {
            throw new ProtocolException("bad GET_CAPS answer: " + e.getMessage(), e);
        }
        Caps wish = options.wish(device);
        call(Opcode.PROTO_SET_CAPS, 0, wish.encode());
        protocol.setCaps(wish);
        decoder.setCrcEnabled(wish.crc());
        listeners.framing(wish.crc(), decoder.maxPayload());
        listeners.lifecycle(Lifecycle.CAPS, describe(wish));
        return new Caps[] {device, wish};
    }

    /** Sends a request and returns its answer's payload (empty for a bare ACK). */
    byte[] call(Opcode opcode, int channel, byte[] payload) throws CameraException {
        drain();
        if (rebootPending) {
            throw new ProtocolException("cam soft-rebooted before " + Opcode.nameOf(opcode.code()));
        }
        send(protocol.request(opcode, channel, payload));
        try {
            return await(true);
        } catch (CameraException | RuntimeException e) {
            protocol.abandon();
            throw e;
        }
    }

    /** Sends a packet without waiting (requests that never return, like SYS_RESET). */
    void sendOnly(Opcode opcode, int channel, byte[] payload) throws CameraException {
        send(protocol.request(opcode, channel, payload));
        protocol.abandon();
    }

    /** Handles whatever has already arrived, without waiting. */
    void drain() throws CameraException {
        processInbox();
        while (fill(0)) {
            processInbox();
        }
    }

    /** Waits up to {@code millis} for traffic, handling everything that arrives; returns events seen. */
    int pump(long millis, boolean untilEvent) throws CameraException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int events = processInbox();
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && !(untilEvent && events > 0)) {
            fill(millisCeil(left));
            events += processInbox();
        }
        return events + (fill(0) ? processInbox() : 0);
    }

    private int processInbox() throws CameraException {
        int events = 0;
        while (!inbox.isEmpty()) {
            if (process(inbox.poll()).kind() == Reception.Kind.EVENT) {
                events++;
            }
        }
        return events;
    }

    private byte[] await(boolean abortOnReboot) throws CameraException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            while (!inbox.isEmpty()) {
                Reception r = process(inbox.poll());
                switch (r.kind()) {
                    case ANSWER -> {
                        changesAtAnswer = channelChanges;
                        processInbox();
                        return r.payload();
                    }
                    case NAK -> {
                        processInbox();
                        throw new NakException(lastOpcode, lastChannel, r.status());
                    }
                    case FRAGMENT -> deadline = System.nanoTime() + timeoutNanos;
                    case EVENT -> {
                        if (abortOnReboot && rebootPending && protocol.hasPending()) {
                            protocol.abandon();
                            throw new ProtocolException("cam soft-rebooted during " + Opcode.nameOf(lastOpcode));
                        }
                    }
                    default -> {
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                protocol.abandon();
                decoder.flushNoise(this::report);
                throw new CameraTimeoutException("no answer to " + Opcode.nameOf(lastOpcode) + " on channel "
                        + lastChannel + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            fill(millisCeil(left));
        }
    }

    private Reception process(Packet p) throws CameraException {
        Reception r;
        try {
            r = protocol.receive(p);
        } catch (WireFormatException e) {
            throw new ProtocolException(e.getMessage(), e);
        }
        if (r.ack() != null) {
            send(r.ack());
        }
        switch (r.kind()) {
            case EVENT -> dispatch(r.event());
            case STALE, DUPLICATE -> listeners.lifecycle(Lifecycle.DROPPED, r.reason());
            default -> {
            }
        }
        return r;
    }

    private void dispatch(Event event) {
        SystemEvent s = event.systemEvent();
        if (s == SystemEvent.SOFT_REBOOT) {
            rebootPending = true;
            channelChanges++;
            listeners.lifecycle(Lifecycle.SOFT_REBOOT, "cam protocol restarted with default caps");
        } else if (s == SystemEvent.CHANNEL_REGISTERED || s == SystemEvent.CHANNEL_UNREGISTERED) {
            channelChanges++;
        }
        String name = event.isSystem() ? "system" : channelNames.apply(event.channel());
        listeners.event(new CameraEvent(event, name, System.nanoTime()));
    }

    private int lastOpcode;
    private int lastChannel;

    private void send(Packet p) throws CameraException {
        if (p.flags() == 0) {
            lastOpcode = p.opcode();
            lastChannel = p.channel();
        }
        byte[] bytes = PacketEncoder.encode(p, protocol.caps().crc());
        try {
            link.write(bytes);
        } catch (IOException e) {
            throw ended("write to " + link.describe() + " failed: " + e.getMessage(), e);
        }
        listeners.packet(Direction.HOST_TO_CAM, new ValidPacket(sentBytes, p), System.nanoTime());
        sentBytes += bytes.length;
    }

    /** Reads once (waiting up to {@code millis}); decoded packets go to the inbox. Returns whether bytes came. */
    private boolean fill(int millis) throws CameraException {
        int n;
        try {
            n = link.read(buf, 0, buf.length, millis);
        } catch (IOException e) {
            throw ended("read from " + link.describe() + " failed: " + e.getMessage(), e);
        }
        if (n < 0) {
            throw ended(link.describe() + " closed", null);
        }
        if (n > 0) {
            decoder.feed(buf, 0, n, this::report);
        }
        return n > 0;
    }

    private void report(WireEvent e) {
        listeners.packet(Direction.CAM_TO_HOST, e, System.nanoTime());
        if (e instanceof ValidPacket v) {
            inbox.add(v.packet());
        } else if (e instanceof InvalidPacket bad) {
            listeners.lifecycle(Lifecycle.DROPPED, "invalid packet from cam: " + bad.reason());
        }
    }

    private CameraDisconnectedException ended(String message, IOException cause) {
        if (!ended) {
            ended = true;
            listeners.lifecycle(Lifecycle.DISCONNECTED, message);
        }
        return new CameraDisconnectedException(message, cause);
    }

    private static int millisCeil(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    static String describe(Caps c) {
        return "crc=" + c.crc() + " seq=" + c.sequence() + " ack=" + c.ack() + " events=" + c.events()
                + " max_payload=" + c.maxPayload();
    }
}
